package dev.graphshift.cutover.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void shouldPlaceEveryValueInABucketWhoseRangeHoldsItWhenValuesSpanAllMagnitudes() {
    for (long v = 0; v < (1L << 42); v = v < 64 ? v + 1 : v + v / 7) {
      int i = LatencyHistogram.index(v);
      long high = LatencyHistogram.highestValue(i);
      if (i < LatencyHistogram.BUCKETS - 1) {
        assertThat(high).as("bucket of %d", v).isGreaterThanOrEqualTo(v);
        assertThat((double) high).as("relative error at %d", v).isLessThanOrEqualTo(v * (1 + 1.0 / 16) + 1);
        assertThat(i == 0 || LatencyHistogram.highestValue(i - 1) < v).as("previous bucket below %d", v).isTrue();
      }
    }
  }

  @Test
  void shouldReportPercentilesWithinOneSixteenthWhenRecordingAKnownDistribution() {
    // given: 1..1000 microseconds, once each
    LatencyHistogram h = new LatencyHistogram();
    for (int us = 1; us <= 1000; us++) {
      h.record(us * 1_000L);
    }

    // when
    LatencyHistogram.Snapshot s = h.snapshot();

    // then
    assertThat(s.count()).isEqualTo(1000);
    assertThat(s.percentile(0.5).toNanos()).isBetween(500_000L, 500_000L * 17 / 16);
    assertThat(s.percentile(0.99).toNanos()).isBetween(990_000L, 990_000L * 17 / 16);
    assertThat(s.max()).isEqualTo(Duration.ofNanos(1_000_000));
    assertThat(s.percentile(1.0)).isEqualTo(Duration.ofNanos(1_000_000));
  }

  @Test
  void shouldCountBothWhenMergingSnapshots() {
    // given
    LatencyHistogram a = new LatencyHistogram();
    LatencyHistogram b = new LatencyHistogram();
    for (int i = 0; i < 99; i++) {
      a.record(1_000);
    }
    b.record(1_000_000);

    // when
    LatencyHistogram.Snapshot merged = a.snapshot().merge(b.snapshot());

    // then
    assertThat(merged.count()).isEqualTo(100);
    assertThat(merged.percentile(0.99).toNanos()).isBetween(1_000L, 1_063L);
    assertThat(merged.percentile(1.0)).isEqualTo(Duration.ofNanos(1_000_000));
    assertThat(LatencyHistogram.Snapshot.empty().percentile(0.5)).isEqualTo(Duration.ZERO);
  }
}
