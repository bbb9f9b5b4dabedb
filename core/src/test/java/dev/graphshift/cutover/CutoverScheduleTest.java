package dev.graphshift.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CutoverScheduleTest {

  @Test
  void shouldHoldOnePercentTenAndFiftyThenEverythingWhenDefault() {
    CutoverSchedule s = CutoverSchedule.defaults();
    assertThat(s.steps()).containsExactly(
        new ScheduleStep(100, Optional.of(Duration.ofHours(24))),
        new ScheduleStep(1_000, Optional.of(Duration.ofHours(24))),
        new ScheduleStep(5_000, Optional.of(Duration.ofHours(48))),
        new ScheduleStep(10_000, Optional.empty()));
    assertThat(s.totalHold()).isEqualTo(Duration.ofHours(96));
    assertThat(s.step(s.lastIndex()).isFinal()).isTrue();
  }

  @Test
  void shouldKeepTheSharesAndShortenEveryHoldWhenCompressed() {
    CutoverSchedule s = CutoverSchedule.compressed(Duration.ofMinutes(2));
    assertThat(s.steps()).extracting(ScheduleStep::basisPoints).containsExactly(100, 1_000, 5_000, 10_000);
    assertThat(s.totalHold()).isEqualTo(Duration.ofMinutes(6));
  }

  @Test
  void shouldRejectStepsThatDoNotRiseOrFollowTheFinalOne() {
    assertThatThrownBy(() -> CutoverSchedule.builder().step(1_000, Duration.ofHours(1)).step(1_000, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000bp after 1000bp");
    assertThatThrownBy(() -> CutoverSchedule.builder().finalStep(10_000).step(20, Duration.ofHours(1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("10000bp");
    assertThatThrownBy(() -> CutoverSchedule.builder().step(100, Duration.ofHours(1)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("final step");
    assertThatThrownBy(() -> CutoverSchedule.builder().step(0, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": 0");
    assertThatThrownBy(() -> CutoverSchedule.builder().step(100, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
  }

  @Test
  void shouldRejectGatesOutOfRange() {
    assertThat(HealthGate.defaults()).isEqualTo(new HealthGate(true, 0.01, 1.2, 100, Duration.ofMinutes(5), 5));
    assertThat(HealthGate.defaults().slice()).isEqualTo(Duration.ofMinutes(1));
    assertThatThrownBy(() -> HealthGate.builder().maxErrorRate(1.5).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    assertThatThrownBy(() -> HealthGate.builder().maxLatencyRatio(0.9).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.9");
    assertThatThrownBy(() -> HealthGate.builder().minSamples(0).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HealthGate.builder().slices(0).build()).isInstanceOf(IllegalArgumentException.class);
  }
}
