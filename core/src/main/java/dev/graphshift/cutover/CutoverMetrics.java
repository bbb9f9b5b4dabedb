package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A snapshot of a {@link GradualCutoverRouter}'s counters and gauges since it was built. Counters are
 * read one by one, so a snapshot taken under load may be off by the reads in flight.
 *
 * <p>Reconciliation: {@code routedToPrimary + routedToSecondary} is every routed read; each failure on
 * the routed side either fell back ({@code fallbacksToPrimary}, {@code fallbacksToSecondary}) or went to
 * the caller.
 *
 * <p>Immutable.
 *
 * @param router the name of the router
 * @param state the cutover state in force
 * @param routedToPrimary routed reads sent to the primary
 * @param routedToSecondary routed reads sent to the secondary
 * @param randomDecisions routed reads without a key, decided at random
 * @param primaryFailures calls to the primary that failed (routed or fallback)
 * @param secondaryFailures calls to the secondary that failed (routed or fallback)
 * @param fallbacksToPrimary reads that failed on the secondary and were sent to the primary
 * @param fallbacksToSecondary reads that failed on the primary and were sent to the secondary
 * @param fallbacksFailed fallbacks whose other side failed too (the caller got the primary's exception)
 * @param advances schedule steps taken by this instance
 * @param rollbacks rollbacks this instance made or followed
 * @param healthChecks health windows judged
 * @param controlStoreFailures reads and writes of the control store that failed
 * @param listenerFailures listener calls that threw
 * @param lastHealth the last health window judged, if any
 */
public record CutoverMetrics(
    String router,
    CutoverState state,
    long routedToPrimary,
    long routedToSecondary,
    long randomDecisions,
    long primaryFailures,
    long secondaryFailures,
    long fallbacksToPrimary,
    long fallbacksToSecondary,
    long fallbacksFailed,
    long advances,
    long rollbacks,
    long healthChecks,
    long controlStoreFailures,
    long listenerFailures,
    Optional<HealthWindow> lastHealth) {

  public CutoverMetrics {
    requireNonNull(router, "router");
    requireNonNull(state, "state");
    requireNonNull(lastHealth, "lastHealth");
  }
}
