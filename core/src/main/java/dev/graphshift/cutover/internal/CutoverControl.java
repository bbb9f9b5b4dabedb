package dev.graphshift.cutover.internal;

import static java.util.Objects.requireNonNull;

import dev.graphshift.cutover.CutoverControlMBean;
import dev.graphshift.cutover.CutoverMetrics;
import dev.graphshift.cutover.GradualCutoverRouter;

/**
 * The {@link CutoverControlMBean} of one router: every operation delegates to the router's public
 * lever.
 *
 * <p>Thread-safe.
 */
public final class CutoverControl implements CutoverControlMBean {
  private final GradualCutoverRouter router;

  public CutoverControl(GradualCutoverRouter router) {
    this.router = requireNonNull(router, "router");
  }

  @Override
  public int getShareBasisPoints() {
    return router.state().shareBasisPoints();
  }

  @Override
  public void setShareBasisPoints(int basisPoints) {
    router.share(basisPoints);
  }

  @Override
  public double getSharePercent() {
    return router.state().sharePercent();
  }

  @Override
  public String getPhase() {
    return router.state().phase().name();
  }

  @Override
  public boolean isRolledBack() {
    return router.state().rolledBack();
  }

  @Override
  public String getStatus() {
    CutoverMetrics m = router.metrics();
    return "router=" + m.router() + " " + m.state().describe() + " routedToSecondary=" + m.routedToSecondary()
        + " routedToPrimary=" + m.routedToPrimary() + " fallbacks=" + (m.fallbacksToPrimary() + m.fallbacksToSecondary())
        + m.lastHealth().map(h -> " lastHealth=" + h.verdict() + " (" + h.reason() + ")").orElse("");
  }

  @Override
  public long getFallbacks() {
    CutoverMetrics m = router.metrics();
    return m.fallbacksToPrimary() + m.fallbacksToSecondary();
  }

  @Override
  public void rollback() {
    router.rollback("rolled back over JMX");
  }

  @Override
  public void pause() {
    router.pause();
  }

  @Override
  public void resume() {
    router.resume();
  }
}
