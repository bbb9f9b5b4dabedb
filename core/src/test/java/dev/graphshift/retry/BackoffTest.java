package dev.graphshift.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void shouldDoubleUpToTheMaxWhenThereIsNoJitter() {
    // given
    Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)).withJitter(0);

    // then
    assertThat(backoff.delay(1, new Random(1))).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(2, new Random(1))).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(4, new Random(1))).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.delay(5, new Random(1))).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(500, new Random(1))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void shouldSpreadWithinTheJitterAndRepeatForTheSameSeed() {
    // given
    Backoff backoff = Backoff.exponential(Duration.ofSeconds(10), Duration.ofMinutes(10)).withJitter(0.25);
    Random a = new Random(42);
    Random b = new Random(42);

    // then
    for (int i = 0; i < 200; i++) {
      Duration d = backoff.delay(1, a);
      assertThat(d).isBetween(Duration.ofMillis(7500), Duration.ofMillis(12500));
      assertThat(backoff.delay(1, b)).isEqualTo(d);
    }
  }

  @Test
  void shouldRejectImpossibleSettingsWithTheValue() {
    assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT1S");
    assertThatThrownBy(() -> Backoff.ofDefaults().withJitter(1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.0");
    assertThatThrownBy(() -> Backoff.ofDefaults().withMultiplier(0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.5");
    assertThatThrownBy(() -> Backoff.ofDefaults().delay(0, new Random()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
  }
}
