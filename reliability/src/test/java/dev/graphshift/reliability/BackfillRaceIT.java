package dev.graphshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteResult;
import dev.graphshift.backfill.BackfillReport;
import dev.graphshift.backfill.Backfiller;
import dev.graphshift.backfill.InMemoryCheckpointStore;
import dev.graphshift.conformance.Eventually;
import dev.graphshift.dualwrite.DualWriteCoordinator;
import dev.graphshift.dualwrite.DualWriteMetrics;
import dev.graphshift.dualwrite.InMemoryDeadLetterQueue;
import dev.graphshift.testing.EmbeddedGremlinServer;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.testing.EmbeddedNeo4jExtension;
import dev.graphshift.testing.SharedGremlinServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 4, a backfill racing dual writes: the source graph ({@code reliability.race.nodes} nodes) is on
 * the embedded Neo4j; {@value #WRITERS} threads make {@code reliability.operations} random creates,
 * updates (label changes included) and deletes of nodes and relationships through a {@link
 * DualWriteCoordinator} to the Neptune adapter, over the ids of the source graph and new ones, while a
 * {@link Backfiller} copies Neo4j into the coordinator's {@code backfillTarget()} in batches of 20, one
 * partition at a time (slow on purpose, so that it overlaps many operations); the backfill starts once
 * 2% of the operations are done.
 *
 * <p>Asserted: operations really ran during the backfill; no caller saw an error; the backfill
 * reconciles and rejects nothing; once the coordinator has caught up (nothing parked, nothing lost to a
 * queue failure), the target equals the source exactly: no stale copy overwrote a newer write, no
 * deleted record came back (the {@code Validator}'s full diff and a direct scan comparison).
 */
@ExtendWith({EmbeddedNeo4jExtension.class, SharedGremlinServerExtension.class})
class BackfillRaceIT {

  /** Threads writing through the coordinator. */
  static final int WRITERS = 2;

  @Test
  void shouldLeaveTheTargetEqualToTheSourceWhenTheBackfillRacesRandomWrites(EmbeddedNeo4j neo4j,
      EmbeddedGremlinServer gremlin) throws Exception {
    // given
    int nodes = Loads.raceNodes();
    int operations = Loads.operations();
    long seed = Loads.seed();
    neo4j.clear();
    gremlin.clear();
    try (GraphDatabase primary = Servers.neo4j("neo4j-primary", neo4j.boltUri()).build();
        GraphDatabase secondary = Servers.neptune("neptune-secondary", gremlin).build()) {
      int relationships = SourceGraph.write(primary, nodes, seed);
      DualWriteCoordinator dual = DualWriteCoordinator.builder(primary, secondary)
          .name("race")
          .deadLetters(InMemoryDeadLetterQueue.named("race"))
          .retryInterval(Duration.ofMillis(50))
          .build();
      Backfiller backfiller = Backfiller.builder(primary, dual.backfillTarget())
          .name("race-backfill")
          .batchSize(20)
          .parallelism(1)
          .checkpoints(new InMemoryCheckpointStore())
          .build();
      AtomicLong done = new AtomicLong();
      AtomicLong duringBackfill = new AtomicLong();
      AtomicLong rejectedByPrimary = new AtomicLong();
      AtomicBoolean backfilling = new AtomicBoolean();
      CountDownLatch tenth = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
      BackfillReport report;
      try {
        // when: writers, and the backfill once 2% of the operations are done
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          Random random = new Random(seed * 31 + w);
          int share = operations / WRITERS + (w < operations % WRITERS ? 1 : 0);
          writers.add(threads.submit(() -> {
            for (int op = 0; op < share; op++) {
              WriteResult result = operate(dual, random, nodes);
              rejectedByPrimary.addAndGet(result.rejected().size());
              if (backfilling.get()) {
                duringBackfill.incrementAndGet();
              }
              if (done.incrementAndGet() >= operations / 50) {
                tenth.countDown();
              }
            }
            return null;
          }));
        }
        Future<BackfillReport> backfill = threads.submit(() -> {
          tenth.await();
          backfilling.set(true);
          try {
            return backfiller.run();
          } finally {
            backfilling.set(false);
          }
        });
        for (Future<?> writer : writers) {
          writer.get(10, TimeUnit.MINUTES);
        }
        report = backfill.get(10, TimeUnit.MINUTES);
        Eventually.await("the secondary caught up", Duration.ofMinutes(3), dual::caughtUp);
      } finally {
        threads.shutdownNow();
      }

      // then
      try (dual) {
        DualWriteMetrics m = dual.metrics();
        assertThat(done.get()).isEqualTo(operations);
        assertThat(duringBackfill.get()).as("operations made while the backfill ran").isPositive();
        assertThat(report.reconciles()).as(report.summary()).isTrue();
        assertThat(report.rejected()).as(report.summary()).isZero();
        assertThat(m.parked()).as("parked dead letters").isZero();
        assertThat(m.forwardFailures()).as("writes lost to a queue failure").isZero();
        assertThat(m.queueDepth()).isZero();
        Map<String, Object> agreement = Agreement.assertAgree(primary, secondary, "race (seed " + seed + ")");

        new Figures("backfill-race")
            .put("sourceNodes", nodes)
            .put("sourceRelationships", relationships)
            .put("operations", operations)
            .put("writers", WRITERS)
            .put("seed", seed)
            .put("operationsDuringBackfill", duringBackfill.get())
            .put("rejectedByThePrimary", rejectedByPrimary.get())
            .put("backfillRead", report.read())
            .put("backfillWritten", report.written())
            .put("backfillSkipped", report.skipped())
            .put("backfillMillis", report.duration().toMillis())
            .put("dualWrites", m.writes())
            .put("secondaryRejected", m.rejected())
            .put("deadLettered", m.deadLettered())
            .put("retries", m.retries())
            .put("validation", agreement)
            .put("lost", 0)
            .write();
      }
    }
  }

  /**
   * One random operation: upsert a node (a new version, sometimes with other labels, sometimes a new id),
   * upsert a relationship between two random ids (the primary rejects it when an endpoint is gone), or
   * delete a relationship or a node (detached).
   */
  private static WriteResult operate(GraphDatabase db, Random random, int nodes) {
    int dice = random.nextInt(100);
    String nodeId = SourceGraph.nodeId(random.nextInt(nodes + nodes / 4));
    if (dice < 40) {
      Set<String> labels = random.nextInt(4) == 0 ? Set.of("Person", "Employee") : Set.of(random.nextBoolean()
          ? "Person" : "Company");
      return db.upsertNodes(List.of(new Node(nodeId, labels, Map.of("name", "updated " + random.nextInt(1_000_000),
          "rank", (long) random.nextInt(1_000)))));
    } else if (dice < 70) {
      String id = String.format("r%05d", random.nextInt(nodes * 2 + nodes / 2));
      return db.upsertRelationships(List.of(Relationship.of(id, random.nextBoolean() ? "KNOWS" : "WORKS_WITH", nodeId,
          SourceGraph.nodeId(random.nextInt(nodes + nodes / 4)), Map.of("since", (long) random.nextInt(100_000)))));
    } else if (dice < 85) {
      return db.deleteRelationships(List.of(String.format("r%05d", random.nextInt(nodes * 2))));
    } else {
      return db.deleteNodes(List.of(nodeId));
    }
  }
}
