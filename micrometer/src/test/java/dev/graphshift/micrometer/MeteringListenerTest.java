package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_HEALTH_VERDICTS;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_LATENCY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.cutover.HealthCheckedEvent;
import dev.graphshift.cutover.HealthVerdict;
import dev.graphshift.cutover.HealthWindow;
import dev.graphshift.shadow.ShadowReadComparedEvent;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MeteringListenerTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static ShadowReadComparedEvent compared(String coordinator, String read, long primaryMs, long secondaryMs) {
    return new ShadowReadComparedEvent(coordinator, AT, read, "k", 1.0, true, Duration.ofMillis(primaryMs),
        Duration.ofMillis(secondaryMs));
  }

  private static HealthCheckedEvent checked(String router, HealthVerdict verdict) {
    return new HealthCheckedEvent(router, AT, new HealthWindow(AT.minusSeconds(60), AT, 10, 0, 10, 5,
        Duration.ofMillis(1), Duration.ofMillis(2), verdict, "test"), true);
  }

  @Test
  void shouldKeepOneTimerPerComponentSideAndReadWhenEventsComeFromSeveralComponents() {
    // given
    MeteringListener metering = new MeteringListener(registry, Tags.of("region", "eu"));

    // when
    metering.onCompared(compared("a", "query:friends", 2, 5));
    metering.onCompared(compared("a", "query:friends", 4, 7));
    metering.onCompared(compared("b", "getNode", 1, 1));

    // then
    Timer secondaryA = registry.get(SHADOW_LATENCY).tags("name", "a", "side", "secondary", "read", "query:friends")
        .timer();
    assertThat(secondaryA.count()).isEqualTo(2);
    assertThat(secondaryA.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(12.0);
    assertThat(secondaryA.getId().getTags()).contains(Tag.of("region", "eu"));
    assertThat(registry.get(SHADOW_LATENCY).tags("name", "b").timers()).hasSize(2);
    assertThat(registry.get(SHADOW_LATENCY).timers()).hasSize(4);
  }

  @Test
  void shouldCountHealthWindowsByVerdict() {
    // given
    MeteringListener metering = new MeteringListener(registry);

    // when
    metering.onHealthChecked(checked("cutover", HealthVerdict.HEALTHY));
    metering.onHealthChecked(checked("cutover", HealthVerdict.ERROR_RATE_TRIPPED));
    metering.onHealthChecked(checked("cutover", HealthVerdict.HEALTHY));

    // then
    assertThat(registry.get(CUTOVER_HEALTH_VERDICTS).tags("verdict", "healthy").counter().count()).isEqualTo(2);
    assertThat(registry.get(CUTOVER_HEALTH_VERDICTS).tags("verdict", "error_rate_tripped").counter().count())
        .isEqualTo(1);
  }

  @Test
  void shouldRemoveItsMetersAndRecordNothingMoreWhenClosed() {
    // given
    MeteringListener metering = new MeteringListener(registry);
    metering.onCompared(compared("a", "getNode", 1, 2));
    metering.onHealthChecked(checked("cutover", HealthVerdict.HEALTHY));
    assertThat(registry.getMeters()).hasSize(3);

    // when
    metering.close();
    metering.onCompared(compared("a", "getNode", 1, 2));
    metering.onHealthChecked(checked("cutover", HealthVerdict.HEALTHY));

    // then
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void shouldRejectTheNameTagAmongTheGivenTags() {
    // when / then
    assertThatThrownBy(() -> new MeteringListener(registry, Tags.of("name", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'name'");
  }
}
