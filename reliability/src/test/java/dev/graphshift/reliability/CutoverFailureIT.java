package dev.graphshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.cutover.CutoverListener;
import dev.graphshift.cutover.CutoverMetrics;
import dev.graphshift.cutover.CutoverRolledBackEvent;
import dev.graphshift.cutover.CutoverSchedule;
import dev.graphshift.cutover.CutoverTrigger;
import dev.graphshift.cutover.GradualCutoverRouter;
import dev.graphshift.cutover.HealthCheckedEvent;
import dev.graphshift.cutover.HealthGate;
import dev.graphshift.cutover.HealthVerdict;
import dev.graphshift.cutover.MutableClock;
import dev.graphshift.faults.FaultyGraphDatabase;
import dev.graphshift.testing.EmbeddedGremlinServer;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.testing.EmbeddedNeo4jExtension;
import dev.graphshift.testing.SharedGremlinServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 5, a cutover under failure: a {@link GradualCutoverRouter} sends 10% of the reads by node id to
 * the Neptune adapter (the in-process Gremlin Server) and the rest to the embedded Neo4j, with the default
 * health gate (error rate above 1% over a 5-minute window cut into 5 slices, at least 100 reads). Time is
 * an injected clock advanced slice by slice, with a manual tick after each slice; latencies are measured
 * on a fake ticker (the same for both sides), so only the error gate can trip. Never a sleep.
 *
 * <p>Asserted: a healthy window keeps the share at 10% (the gate judges the secondary healthy); then a
 * {@link FaultyGraphDatabase} fails 10% of the secondary's reads, and the schedule rolls back to 0% on its
 * own, by the error gate, within one health window of the first failure; every read of the run returns
 * the right node (the failed ones through the fallback to the primary, none failing on both sides); after
 * the rollback no read reaches the secondary.
 */
@ExtendWith({EmbeddedNeo4jExtension.class, SharedGremlinServerExtension.class})
class CutoverFailureIT {

  private static final int NODES = 300;
  private static final int SHARE = 1_000;

  @Test
  void shouldRollBackToZeroWithinOneHealthWindowWhileReadsKeepSucceeding(EmbeddedNeo4j neo4j,
      EmbeddedGremlinServer gremlin) {
    // given: the same graph on both sides, a router at 10%
    int readsPerWindow = Loads.cutoverReads();
    long seed = Loads.seed();
    neo4j.clear();
    gremlin.clear();
    try (GraphDatabase primary = Servers.neo4j("neo4j-primary", neo4j.boltUri()).build();
        GraphDatabase neptune = Servers.neptune("neptune-secondary", gremlin).build()) {
      SourceGraph.write(primary, NODES, seed);
      SourceGraph.write(neptune, NODES, seed);
      Map<String, Node> expected = Snapshot.of(primary).nodes();
      FaultyGraphDatabase secondary = new FaultyGraphDatabase(neptune, seed);
      MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
      AtomicLong fakeNanos = new AtomicLong();
      HealthGate gate = HealthGate.defaults();
      List<HealthCheckedEvent> checks = new CopyOnWriteArrayList<>();
      List<CutoverRolledBackEvent> rollbacks = new CopyOnWriteArrayList<>();
      Random random = new Random(seed);
      List<String> wrong = new ArrayList<>();
      try (GradualCutoverRouter router = GradualCutoverRouter.builder(primary, secondary)
          .name("cutover-under-failure")
          .schedule(CutoverSchedule.builder().step(SHARE, Duration.ofDays(1)).finalStep(10_000).build())
          .healthGate(gate)
          .clock(clock)
          .ticker(() -> fakeNanos.addAndGet(250_000))
          .tickInterval(Duration.ZERO)
          .listener(new CutoverListener() {
            @Override
            public void onHealthChecked(HealthCheckedEvent event) {
              checks.add(event);
            }

            @Override
            public void onRolledBack(CutoverRolledBackEvent event) {
              rollbacks.add(event);
            }
          })
          .build()) {
        router.tick();
        assertThat(router.state().shareBasisPoints()).as("the share at the start").isEqualTo(SHARE);

        // when: one healthy window
        int perSlice = readsPerWindow / gate.slices();
        for (int s = 0; s < gate.slices(); s++) {
          read(router, expected, random, perSlice, wrong);
          clock.advance(gate.slice());
          router.tick();
        }

        // then: the gate judged the secondary healthy, the share stays
        assertThat(router.state().rolledBack()).isFalse();
        assertThat(router.state().shareBasisPoints()).isEqualTo(SHARE);
        assertThat(checks).isNotEmpty();
        assertThat(checks.get(checks.size() - 1).window().verdict()).isEqualTo(HealthVerdict.HEALTHY);
        long secondaryReadsHealthy = router.metrics().routedToSecondary();
        assertThat(secondaryReadsHealthy).as("reads the secondary served in the healthy window")
            .isGreaterThanOrEqualTo(gate.minSamples());

        // when: one read in ten on the secondary fails, slice after slice until the router acts
        secondary.failureRate(0.10);
        Instant faultFrom = clock.instant();
        int slicesToRollback = 0;
        while (!router.state().rolledBack() && slicesToRollback < 2 * gate.slices()) {
          read(router, expected, random, perSlice, wrong);
          clock.advance(gate.slice());
          router.tick();
          slicesToRollback++;
        }
        Duration toRollback = Duration.between(faultFrom, clock.instant());

        // then: rolled back to 0 by the error gate within one window
        assertThat(router.state().rolledBack()).isTrue();
        assertThat(router.state().shareBasisPoints()).isZero();
        assertThat(toRollback).as("time from the first failure to the rollback").isLessThanOrEqualTo(gate.window());
        assertThat(rollbacks).hasSize(1);
        assertThat(rollbacks.get(0).trigger()).isEqualTo(CutoverTrigger.HEALTH_GATE);
        assertThat(rollbacks.get(0).fromBasisPoints()).isEqualTo(SHARE);
        HealthCheckedEvent tripped = checks.get(checks.size() - 1);
        assertThat(tripped.window().verdict()).isEqualTo(HealthVerdict.ERROR_RATE_TRIPPED);
        assertThat(secondary.failures()).as("failures injected").isPositive();

        // and: every read succeeded, the failed ones through the fallback
        CutoverMetrics m = router.metrics();
        assertThat(wrong).as("reads that failed or returned the wrong node").isEmpty();
        assertThat(m.fallbacksToPrimary()).isEqualTo(secondary.failures());
        assertThat(m.fallbacksFailed()).isZero();

        // and: after the rollback the secondary gets no read
        long callsAtRollback = secondary.calls();
        read(router, expected, random, perSlice, wrong);
        assertThat(secondary.calls()).isEqualTo(callsAtRollback);
        assertThat(wrong).isEmpty();

        new Figures("cutover-failure")
            .put("nodes", NODES)
            .put("readsPerWindow", readsPerWindow)
            .put("shareBasisPoints", SHARE)
            .put("injectedErrorRate", 0.10)
            .put("gate", Map.of("maxErrorRate", gate.maxErrorRate(), "window", gate.window().toString(),
                "slices", gate.slices(), "minSamples", gate.minSamples()))
            .put("secondaryReadsHealthyWindow", secondaryReadsHealthy)
            .put("healthyVerdict", HealthVerdict.HEALTHY.name())
            .put("slicesToRollback", slicesToRollback)
            .put("timeToRollback", toRollback.toString())
            .put("trippedErrorRate", tripped.window().secondaryErrorRate())
            .put("trippedVerdict", tripped.window().verdict().name())
            .put("injectedFailures", secondary.failures())
            .put("fallbacksToPrimary", m.fallbacksToPrimary())
            .put("fallbacksFailed", m.fallbacksFailed())
            .put("readsFailedOrWrong", wrong.size())
            .put("secondaryCallsAfterRollback", secondary.calls() - callsAtRollback)
            .write();
      }
    }
  }

  /** Reads nodes by id through the router; notes every read that fails or returns the wrong node. */
  private static void read(GraphDatabase router, Map<String, Node> expected, Random random, int reads,
      List<String> wrong) {
    for (int i = 0; i < reads; i++) {
      String id = SourceGraph.nodeId(random.nextInt(NODES));
      try {
        Optional<Node> got = router.getNode(id);
        if (!got.equals(Optional.ofNullable(expected.get(id)))) {
          wrong.add(id + ": expected " + expected.get(id) + " but was " + got);
        }
      } catch (RuntimeException e) {
        wrong.add(id + ": " + e);
      }
    }
  }
}
