package dev.graphshift.shadow;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * A snapshot of a {@link ShadowReadCoordinator}'s counters and gauges since it was built. Counters are
 * read one by one, so under load a snapshot may be off by the comparisons in flight; when quiet, they
 * reconcile: {@code sampled = shed + matches + mismatches + secondaryFailures + comparatorFailures +
 * timeouts + pending}, and {@code reads = sampled + skipped} for reads the primary answered.
 *
 * <p>Immutable.
 *
 * @param coordinator the name of the coordinator
 * @param reads shadowable reads the primary answered
 * @param skipped reads not sampled
 * @param sampled reads sampled for comparison
 * @param shed sampled reads not compared because the queue was full or the coordinator closed
 * @param matches comparisons that matched
 * @param mismatches comparisons that did not match
 * @param secondaryFailures secondary reads that failed
 * @param comparatorFailures comparisons whose comparator threw
 * @param timeouts secondary reads that did not answer within the timeout
 * @param pending comparisons accepted but not finished
 * @param primaryFailures reads the primary failed (passed on to the caller, not shadowed)
 * @param listenerFailures listener calls that threw
 * @param matchRate {@code matches / (matches + mismatches)}, empty before the first comparison
 * @param meanSimilarity the mean comparator score, empty before the first comparison
 * @param primaryLatency the primary's latency on the sampled reads, measured on the caller's thread
 * @param secondaryLatency the secondary's latency, measured off the caller's thread
 */
public record ShadowMetrics(
    String coordinator,
    long reads,
    long skipped,
    long sampled,
    long shed,
    long matches,
    long mismatches,
    long secondaryFailures,
    long comparatorFailures,
    long timeouts,
    long pending,
    long primaryFailures,
    long listenerFailures,
    OptionalDouble matchRate,
    OptionalDouble meanSimilarity,
    LatencySummary primaryLatency,
    LatencySummary secondaryLatency) {

  public ShadowMetrics {
    requireNonNull(coordinator, "coordinator");
    requireNonNull(matchRate, "matchRate");
    requireNonNull(meanSimilarity, "meanSimilarity");
    requireNonNull(primaryLatency, "primaryLatency");
    requireNonNull(secondaryLatency, "secondaryLatency");
  }

  /** Comparisons that produced a verdict: matches and mismatches. */
  public long compared() {
    return matches + mismatches;
  }

  /** Sampled reads that have finished one way or another. */
  public long resolved() {
    return shed + matches + mismatches + secondaryFailures + comparatorFailures + timeouts;
  }
}
