package dev.graphshift.shadow;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The latency of one side's reads: count and percentiles from a log-linear histogram whose
 * percentiles are at most 6.25% above the true value (the maximum is exact).
 *
 * <p>Immutable.
 *
 * @param count the number of reads measured
 * @param p50 the median
 * @param p99 the 99th percentile
 * @param max the slowest read
 */
public record LatencySummary(long count, Duration p50, Duration p99, Duration max) {

  public LatencySummary {
    requireNonNull(p50, "p50");
    requireNonNull(p99, "p99");
    requireNonNull(max, "max");
  }
}
