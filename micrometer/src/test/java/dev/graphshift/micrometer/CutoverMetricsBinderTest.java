package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_FALLBACKS;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_FALLBACKS_FAILED;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_HEALTH_CHECKS;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_HEALTH_ERROR_RATE;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_HEALTH_P99;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_HEALTH_VERDICTS;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_PHASE;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_READS;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_ROLLBACKS;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_SHARE;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_STEP;
import static dev.graphshift.micrometer.Meters.count;
import static dev.graphshift.micrometer.Meters.gauge;
import static dev.graphshift.micrometer.Meters.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.graphshift.GraphDatabase;
import dev.graphshift.QueryResult;
import dev.graphshift.backfill.ManualClock;
import dev.graphshift.cutover.GradualCutoverRouter;
import dev.graphshift.cutover.HealthGate;
import dev.graphshift.cutover.RoutingKeyExtractor;
import dev.graphshift.faults.FaultyGraphDatabase;
import dev.graphshift.memory.InMemoryGraphDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CutoverMetricsBinderTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MeteringListener metering = new MeteringListener(registry);
  private final ManualClock clock = new ManualClock();
  private final AtomicLong nanos = new AtomicLong();
  private final List<GradualCutoverRouter> routers = new ArrayList<>();

  @AfterEach
  void closeAll() {
    routers.forEach(GradualCutoverRouter::close);
  }

  /** A database whose read "who" answers its own name, taking 1 ms on the fake ticker. */
  private InMemoryGraphDatabase side(String name) {
    return InMemoryGraphDatabase.builder(name)
        .query("who", (d, p) -> {
          nanos.addAndGet(1_000_000);
          return QueryResult.ofIds(List.of(name));
        })
        .build();
  }

  private GradualCutoverRouter.Builder builder(GraphDatabase primary, GraphDatabase secondary) {
    return GradualCutoverRouter.builder(primary, secondary)
        .name("cutover")
        .clock(clock)
        .ticker(nanos::get)
        .tickInterval(Duration.ZERO)
        .keyExtractor(RoutingKeyExtractor.parameter("user"))
        .listener(metering);
  }

  private GradualCutoverRouter bound(GradualCutoverRouter router) {
    routers.add(router);
    new CutoverMetricsBinder(router).bindTo(registry);
    return router;
  }

  private static void read(GraphDatabase db, int users) {
    for (int i = 0; i < users; i++) {
      db.query("who", Map.of("user", "u" + i));
    }
  }

  @Test
  void shouldShowTheShareAndCountReadsPerSideWhenReadsAreRouted() {
    // given
    GradualCutoverRouter router = bound(builder(side("neo4j"), side("engram")).initialShare(2_500).build());

    // when
    read(router, 400);

    // then
    assertThat(gauge(registry, CUTOVER_SHARE, "name", "cutover")).isEqualTo(0.25);
    assertThat(gauge(registry, CUTOVER_STEP, "name", "cutover")).isEqualTo(-1);
    assertThat(gauge(registry, CUTOVER_PHASE, "name", "cutover", "cutover_phase", "paused")).isEqualTo(1);
    assertThat(gauge(registry, CUTOVER_PHASE, "name", "cutover", "cutover_phase", "running")).isZero();
    double onPrimary = count(registry, CUTOVER_READS, "name", "cutover", "side", "primary");
    double onSecondary = count(registry, CUTOVER_READS, "name", "cutover", "side", "secondary");
    assertThat(onPrimary + onSecondary).isEqualTo(400);
    assertThat(onSecondary).isEqualTo(router.metrics().routedToSecondary()).isPositive();
  }

  @Test
  void shouldCountFallbacksToThePrimaryWhenTheSecondaryFails() {
    // given
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(side("engram")).down();
    GradualCutoverRouter router = bound(builder(side("neo4j"), secondary).initialShare(10_000).build());

    // when
    read(router, 5);

    // then
    assertThat(count(registry, CUTOVER_FALLBACKS, "name", "cutover", "to", "primary")).isEqualTo(5);
    assertThat(count(registry, CUTOVER_FALLBACKS, "name", "cutover", "to", "secondary")).isZero();
    assertThat(count(registry, CUTOVER_FAILURES, "name", "cutover", "side", "secondary")).isEqualTo(5);
    assertThat(count(registry, CUTOVER_FALLBACKS_FAILED, "name", "cutover")).isZero();
  }

  @Test
  void shouldShowTheRollbackWhenAnOperatorRollsBack() {
    // given
    GradualCutoverRouter router = bound(builder(side("neo4j"), side("engram")).initialShare(5_000).build());

    // when
    router.rollback("drill");

    // then
    assertThat(count(registry, CUTOVER_ROLLBACKS, "name", "cutover")).isEqualTo(1);
    assertThat(gauge(registry, CUTOVER_SHARE, "name", "cutover")).isZero();
    assertThat(gauge(registry, CUTOVER_PHASE, "name", "cutover", "cutover_phase", "rolled_back")).isEqualTo(1);
    assertThat(gauge(registry, CUTOVER_PHASE, "name", "cutover", "cutover_phase", "paused")).isZero();
  }

  @Test
  void shouldShowTheLastHealthWindowAndCountItsVerdictWhenTheGatesAreJudged() {
    // given: both sides take 1 ms, so the gates pass
    GradualCutoverRouter router = bound(builder(side("neo4j"), side("engram"))
        .initialShare(5_000)
        .healthGate(HealthGate.builder().window(Duration.ofMinutes(1)).slices(1).minSamples(50).build())
        .build());
    assertThat(gauge(registry, CUTOVER_HEALTH_ERROR_RATE, "name", "cutover")).as("before the first window").isNaN();

    // when
    read(router, 1_000);
    clock.advance(Duration.ofMinutes(1));
    router.tick();

    // then
    assertThat(count(registry, CUTOVER_HEALTH_CHECKS, "name", "cutover")).isEqualTo(1);
    assertThat(gauge(registry, CUTOVER_HEALTH_ERROR_RATE, "name", "cutover")).isZero();
    assertThat(millis(registry, CUTOVER_HEALTH_P99, "name", "cutover", "side", "secondary"))
        .isCloseTo(1.0, within(0.07));
    assertThat(registry.get(CUTOVER_HEALTH_VERDICTS).tags("name", "cutover", "verdict", "healthy").counter().count())
        .isEqualTo(1);
  }
}
