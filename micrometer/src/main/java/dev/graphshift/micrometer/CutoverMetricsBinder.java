package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_ADVANCES;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_CONTROL_STORE_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_FALLBACKS;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_FALLBACKS_FAILED;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_HEALTH_CHECKS;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_HEALTH_ERROR_RATE;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_HEALTH_P99;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_LISTENER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_PHASE;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_RANDOM_DECISIONS;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_READS;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_ROLLBACKS;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_SHARE;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_STEP;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_CUTOVER_PHASE;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_SIDE;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_TO;

import dev.graphshift.cutover.CutoverPhase;
import dev.graphshift.cutover.CutoverState;
import dev.graphshift.cutover.GradualCutoverRouter;
import dev.graphshift.cutover.HealthWindow;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * The meters of a {@link GradualCutoverRouter}, read from {@link GradualCutoverRouter#metrics()}: the
 * share of reads on the secondary, the phase and step in force, reads routed to each side, failures and
 * fallbacks, schedule advances and rollbacks, and the figures of the last health window. For the count
 * of health windows by verdict, register a {@link MeteringListener} on the router's builder too.
 *
 * <p>Thread-safe.
 */
public final class CutoverMetricsBinder extends GraphShiftMeterBinder<GradualCutoverRouter> {
  private static final String PHASE = "1 for the cutover phase in force, 0 for the others";
  private static final String READS = "Routed reads sent to each side";
  private static final String FAILURES = "Calls to each side that failed, routed or fallback";
  private static final String FALLBACKS = "Reads that failed on one side and were sent to the other (to)";
  private static final String P99 = "Each side's P99 latency in the last health window; NaN before the first";

  /**
   * A binder of the router's meters, tagged with its name.
   *
   * @throws NullPointerException if router is null
   */
  public CutoverMetricsBinder(GradualCutoverRouter router) {
    this(router, Tags.empty());
  }

  /**
   * A binder of the router's meters, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  public CutoverMetricsBinder(GradualCutoverRouter router, Iterable<Tag> tags) {
    super(router, router.name(), tags);
  }

  @Override
  protected void declare(Meters<GradualCutoverRouter> meters) {
    meters
        .gauge(CUTOVER_SHARE, null, "The share of routed reads sent to the secondary, 0..1",
            r -> r.metrics().state().shareBasisPoints() / (double) CutoverState.ALL)
        .gauge(CUTOVER_STEP, null, "The index of the schedule step in force, -1 without a schedule",
            r -> r.metrics().state().step())
        .counter(CUTOVER_READS, "reads", READS, r -> r.metrics().routedToPrimary(), TAG_SIDE, "primary")
        .counter(CUTOVER_READS, "reads", READS, r -> r.metrics().routedToSecondary(), TAG_SIDE, "secondary")
        .counter(CUTOVER_RANDOM_DECISIONS, "reads", "Routed reads without a key, decided at random",
            r -> r.metrics().randomDecisions())
        .counter(CUTOVER_FAILURES, "calls", FAILURES, r -> r.metrics().primaryFailures(), TAG_SIDE, "primary")
        .counter(CUTOVER_FAILURES, "calls", FAILURES, r -> r.metrics().secondaryFailures(), TAG_SIDE, "secondary")
        .counter(CUTOVER_FALLBACKS, "reads", FALLBACKS, r -> r.metrics().fallbacksToPrimary(), TAG_TO, "primary")
        .counter(CUTOVER_FALLBACKS, "reads", FALLBACKS, r -> r.metrics().fallbacksToSecondary(),
            TAG_TO, "secondary")
        .counter(CUTOVER_FALLBACKS_FAILED, "reads", "Fallbacks whose other side failed too",
            r -> r.metrics().fallbacksFailed())
        .counter(CUTOVER_ADVANCES, "steps", "Schedule steps taken by this instance", r -> r.metrics().advances())
        .counter(CUTOVER_ROLLBACKS, "rollbacks", "Rollbacks this instance made or followed",
            r -> r.metrics().rollbacks())
        .counter(CUTOVER_HEALTH_CHECKS, "windows", "Health windows judged", r -> r.metrics().healthChecks())
        .gauge(CUTOVER_HEALTH_ERROR_RATE, null,
            "The secondary's error rate in the last health window; NaN before the first",
            r -> r.metrics().lastHealth().map(HealthWindow::secondaryErrorRate).orElse(Double.NaN))
        .timeGauge(CUTOVER_HEALTH_P99, P99, r -> p99(r, HealthWindow::primaryP99), TAG_SIDE, "primary")
        .timeGauge(CUTOVER_HEALTH_P99, P99, r -> p99(r, HealthWindow::secondaryP99), TAG_SIDE, "secondary")
        .counter(CUTOVER_CONTROL_STORE_FAILURES, "calls", "Control-store reads and writes that failed",
            r -> r.metrics().controlStoreFailures())
        .counter(CUTOVER_LISTENER_FAILURES, "calls", "Listener calls that threw",
            r -> r.metrics().listenerFailures());
    for (CutoverPhase phase : CutoverPhase.values()) {
      meters.gauge(CUTOVER_PHASE, null, PHASE, r -> r.metrics().state().phase() == phase ? 1 : 0,
          TAG_CUTOVER_PHASE, phase.name().toLowerCase(Locale.ROOT));
    }
  }

  private static double p99(GradualCutoverRouter router, Function<HealthWindow, Duration> side) {
    return router.metrics().lastHealth().map(w -> (double) side.apply(w).toNanos()).orElse(Double.NaN);
  }
}
