package dev.graphshift.shadow;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a {@link ShadowReadCoordinator} found so far: its metrics and a bounded, uniformly sampled
 * reservoir of the discrepancies, to decide whether the secondary is ready for cutover (users aim for a
 * match rate above 95% and a secondary no slower than the primary).
 *
 * <p>Immutable.
 *
 * @param metrics the counters, rates and latencies
 * @param examples discrepancies sampled uniformly from all those seen (at most the reservoir's size)
 */
public record ShadowReport(ShadowMetrics metrics, List<Discrepancy> examples) {

  public ShadowReport {
    requireNonNull(metrics, "metrics");
    examples = List.copyOf(examples);
  }

  /**
   * Whether the comparisons so far meet a bar: at least {@code minComparisons} verdicts, a match rate of
   * at least {@code minMatchRate}, and no secondary failure or timeout beyond {@code 1 - minMatchRate} of
   * the sampled reads.
   */
  public boolean meets(double minMatchRate, long minComparisons) {
    ShadowMetrics m = metrics;
    if (m.compared() < minComparisons || m.matchRate().isEmpty()) {
      return false;
    }
    long failed = m.secondaryFailures() + m.timeouts() + m.comparatorFailures();
    return m.matchRate().getAsDouble() >= minMatchRate && failed <= (1 - minMatchRate) * Math.max(1, m.sampled());
  }
}
