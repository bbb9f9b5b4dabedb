package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_LATENCY_MAX;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_LATENCY_P50;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_LATENCY_P99;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_LISTENER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_MATCH_RATE;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_OUTCOMES;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_PENDING;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_PRIMARY_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_READS;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_SAMPLED;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_SIMILARITY;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_SKIPPED;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_OUTCOME;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_SIDE;

import dev.graphshift.shadow.LatencySummary;
import dev.graphshift.shadow.ShadowMetrics;
import dev.graphshift.shadow.ShadowReadCoordinator;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.function.Function;

/**
 * The meters of a {@link ShadowReadCoordinator}, read from {@link ShadowReadCoordinator#metrics()}: reads,
 * sampled and skipped reads, how sampled reads ended (matched, mismatched, failed, timed out, shed), the
 * comparisons pending, the match rate and mean similarity, and each side's latency percentiles from the
 * coordinator's histograms. For a full latency distribution per read, register a {@link
 * MeteringListener} on the coordinator's builder too.
 *
 * <p>Thread-safe.
 */
public final class ShadowReadMetricsBinder extends GraphShiftMeterBinder<ShadowReadCoordinator> {
  private static final String OUTCOMES = "How sampled reads ended: matched, mismatched, secondary_failed, "
      + "comparator_failed, timed_out or shed";

  /**
   * A binder of the coordinator's meters, tagged with its name.
   *
   * @throws NullPointerException if coordinator is null
   */
  public ShadowReadMetricsBinder(ShadowReadCoordinator coordinator) {
    this(coordinator, Tags.empty());
  }

  /**
   * A binder of the coordinator's meters, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  public ShadowReadMetricsBinder(ShadowReadCoordinator coordinator, Iterable<Tag> tags) {
    super(coordinator, coordinator.name(), tags);
  }

  @Override
  protected void declare(Meters<ShadowReadCoordinator> meters) {
    meters
        .counter(SHADOW_READS, "reads", "Shadowable reads the primary answered", c -> c.metrics().reads())
        .counter(SHADOW_SKIPPED, "reads", "Reads not sampled", c -> c.metrics().skipped())
        .counter(SHADOW_SAMPLED, "reads", "Reads sampled for comparison", c -> c.metrics().sampled())
        .counter(SHADOW_OUTCOMES, "reads", OUTCOMES, c -> c.metrics().matches(), TAG_OUTCOME, "matched")
        .counter(SHADOW_OUTCOMES, "reads", OUTCOMES, c -> c.metrics().mismatches(), TAG_OUTCOME, "mismatched")
        .counter(SHADOW_OUTCOMES, "reads", OUTCOMES, c -> c.metrics().secondaryFailures(),
            TAG_OUTCOME, "secondary_failed")
        .counter(SHADOW_OUTCOMES, "reads", OUTCOMES, c -> c.metrics().comparatorFailures(),
            TAG_OUTCOME, "comparator_failed")
        .counter(SHADOW_OUTCOMES, "reads", OUTCOMES, c -> c.metrics().timeouts(), TAG_OUTCOME, "timed_out")
        .counter(SHADOW_OUTCOMES, "reads", OUTCOMES, c -> c.metrics().shed(), TAG_OUTCOME, "shed")
        .gauge(SHADOW_PENDING, "reads", "Comparisons accepted but not finished", c -> c.metrics().pending())
        .counter(SHADOW_PRIMARY_FAILURES, "reads", "Reads the primary failed", c -> c.metrics().primaryFailures())
        .counter(SHADOW_LISTENER_FAILURES, "calls", "Listener calls that threw", c -> c.metrics().listenerFailures())
        .gauge(SHADOW_MATCH_RATE, null, "Matches over verdicts; NaN before the first",
            c -> c.metrics().matchRate().orElse(Double.NaN))
        .gauge(SHADOW_SIMILARITY, null, "The mean comparator score; NaN before the first comparison",
            c -> c.metrics().meanSimilarity().orElse(Double.NaN));
    latency(meters, "primary", ShadowMetrics::primaryLatency);
    latency(meters, "secondary", ShadowMetrics::secondaryLatency);
  }

  private static void latency(Meters<ShadowReadCoordinator> meters, String side,
      Function<ShadowMetrics, LatencySummary> summary) {
    meters
        .timeGauge(SHADOW_LATENCY_P50, "The median latency of sampled reads; NaN before the first",
            c -> nanos(summary.apply(c.metrics()), LatencySummary::p50), TAG_SIDE, side)
        .timeGauge(SHADOW_LATENCY_P99, "The 99th percentile latency of sampled reads; NaN before the first",
            c -> nanos(summary.apply(c.metrics()), LatencySummary::p99), TAG_SIDE, side)
        .timeGauge(SHADOW_LATENCY_MAX, "The slowest sampled read; NaN before the first",
            c -> nanos(summary.apply(c.metrics()), LatencySummary::max), TAG_SIDE, side);
  }

  private static double nanos(LatencySummary s, Function<LatencySummary, Duration> percentile) {
    return s.count() == 0 ? Double.NaN : percentile.apply(s).toNanos();
  }
}
