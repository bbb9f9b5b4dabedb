package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_LATENCY;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_LATENCY_MAX;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_LATENCY_P50;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_MATCH_RATE;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_OUTCOMES;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_PENDING;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_PRIMARY_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_READS;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_SAMPLED;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_SIMILARITY;
import static dev.graphshift.micrometer.Meters.count;
import static dev.graphshift.micrometer.Meters.gauge;
import static dev.graphshift.micrometer.Meters.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.QueryResult;
import dev.graphshift.faults.FaultyGraphDatabase;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.shadow.ShadowReadCoordinator;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShadowReadMetricsBinderTest {
  private static final long MS = 1_000_000;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MeteringListener metering = new MeteringListener(registry);
  private final AtomicLong nanos = new AtomicLong();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  /** A database whose read "same" answers a, b, c and "who" its own name, each taking {@code ms} on the ticker. */
  private InMemoryGraphDatabase side(String name, long ms) {
    return InMemoryGraphDatabase.builder(name)
        .query("same", (d, p) -> {
          nanos.addAndGet(ms * MS);
          return QueryResult.ofIds(List.of("a", "b", "c"));
        })
        .query("who", (d, p) -> {
          nanos.addAndGet(ms * MS);
          return QueryResult.ofIds(List.of(name));
        })
        .build();
  }

  private ShadowReadCoordinator shadow(GraphDatabase primary, GraphDatabase secondary) {
    ShadowReadCoordinator shadow = ShadowReadCoordinator.builder(primary, secondary)
        .name("reads")
        .executor(Runnable::run)
        .dispatchInterval(Duration.ZERO)
        .ticker(nanos::get)
        .listener(metering)
        .build();
    closing.add(shadow);
    new ShadowReadMetricsBinder(shadow).bindTo(registry);
    return shadow;
  }

  @Test
  void shouldCountEachOutcomeAndTheMatchRateWhenReadsMatchAndDiffer() {
    // given
    ShadowReadCoordinator shadow = shadow(side("neo4j", 1), side("engram", 3));
    assertThat(gauge(registry, SHADOW_MATCH_RATE, "name", "reads")).as("before the first comparison").isNaN();

    // when
    for (int i = 0; i < 3; i++) {
      shadow.query("same", Map.of());
    }
    shadow.query("who", Map.of());

    // then
    assertThat(count(registry, SHADOW_READS, "name", "reads")).isEqualTo(4);
    assertThat(count(registry, SHADOW_SAMPLED, "name", "reads")).isEqualTo(4);
    assertThat(count(registry, SHADOW_OUTCOMES, "name", "reads", "outcome", "matched")).isEqualTo(3);
    assertThat(count(registry, SHADOW_OUTCOMES, "name", "reads", "outcome", "mismatched")).isEqualTo(1);
    assertThat(count(registry, SHADOW_OUTCOMES, "name", "reads", "outcome", "timed_out")).isZero();
    assertThat(gauge(registry, SHADOW_PENDING, "name", "reads")).isZero();
    assertThat(gauge(registry, SHADOW_MATCH_RATE, "name", "reads")).isEqualTo(0.75);
    assertThat(gauge(registry, SHADOW_SIMILARITY, "name", "reads"))
        .isEqualTo(shadow.metrics().meanSimilarity().getAsDouble());
  }

  @Test
  void shouldCountSecondaryAndPrimaryFailuresWhenEitherSideIsDown() {
    // given
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(side("engram", 1)).down();
    FaultyGraphDatabase primary = new FaultyGraphDatabase(side("neo4j", 1));
    ShadowReadCoordinator shadow = shadow(primary, secondary);

    // when
    shadow.query("same", Map.of());
    primary.down();
    assertThatThrownBy(() -> shadow.query("same", Map.of())).isInstanceOf(DatabaseUnavailableException.class);

    // then
    assertThat(count(registry, SHADOW_OUTCOMES, "name", "reads", "outcome", "secondary_failed")).isEqualTo(1);
    assertThat(count(registry, SHADOW_PRIMARY_FAILURES, "name", "reads")).isEqualTo(1);
    assertThat(count(registry, SHADOW_OUTCOMES, "name", "reads", "outcome", "matched")).isZero();
  }

  @Test
  void shouldTimeEveryComparedReadOnEachSideWhenTheMeteringListenerIsRegistered() {
    // given: on the fake ticker, the primary takes 1 ms and the secondary 3 ms
    ShadowReadCoordinator shadow = shadow(side("neo4j", 1), side("engram", 3));

    // when
    for (int i = 0; i < 4; i++) {
      shadow.query("same", Map.of());
    }

    // then: the listener's timers hold every read
    Timer primary = registry.get(SHADOW_LATENCY).tags("name", "reads", "side", "primary", "read", "query:same").timer();
    Timer secondary =
        registry.get(SHADOW_LATENCY).tags("name", "reads", "side", "secondary", "read", "query:same").timer();
    assertThat(primary.count()).isEqualTo(4);
    assertThat(primary.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(4.0);
    assertThat(secondary.count()).isEqualTo(4);
    assertThat(secondary.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(12.0);
    // and: the snapshot's percentiles, within the histogram's 6.25 %
    assertThat(millis(registry, SHADOW_LATENCY_P50, "name", "reads", "side", "secondary")).isCloseTo(3.0, within(0.2));
    assertThat(millis(registry, SHADOW_LATENCY_MAX, "name", "reads", "side", "primary")).isEqualTo(1.0);
  }
}
