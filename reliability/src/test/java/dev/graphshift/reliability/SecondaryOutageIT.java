package dev.graphshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteResult;
import dev.graphshift.conformance.Eventually;
import dev.graphshift.dualwrite.DualWriteCoordinator;
import dev.graphshift.dualwrite.DualWriteMetrics;
import dev.graphshift.dualwrite.FileDeadLetterQueue;
import dev.graphshift.retry.Backoff;
import dev.graphshift.testing.EmbeddedGremlinServer;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.testing.EmbeddedNeo4jExtension;
import dev.graphshift.testing.SharedGremlinServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 1, a secondary outage during dual writes: {@code reliability.writes} writes (node upserts,
 * label changes, relationship upserts, deletes) at a steady {@code reliability.rate} per second through a
 * {@link DualWriteCoordinator} from the embedded Neo4j to the Neptune adapter, while the Gremlin Server
 * behind the adapter is stopped for the middle third of the writes (and at least until the coordinator
 * has dead-lettered a write) and restarted on the same port.
 *
 * <p>Asserted: no caller sees an error; the outage reached the coordinator (writes were dead-lettered);
 * afterwards the dead-letter queue drains (nothing parked, nothing lost to a queue failure) and a full
 * validation, and a direct comparison of both databases, find no difference. Measured, not asserted
 * (timing thresholds do not belong in tests): the primary path's latency percentiles before, during and
 * after the outage, and the ratio of the P99 during the outage to the P99 before it (the goal: at most
 * 1.1). {@code docs/reliability.md} records the figures; the full-size command prints the ratio.
 */
@ExtendWith({EmbeddedNeo4jExtension.class, SharedGremlinServerExtension.class})
class SecondaryOutageIT {

  /** Which part of the run a write belongs to. */
  enum Phase { WARM_UP, BEFORE, STOPPING, DURING, RESTARTING, AFTER }

  private static final int NODE_IDS = 500;
  private static final int RELATIONSHIP_IDS = 800;

  @TempDir
  Path dir;

  @Test
  void shouldLoseNothingWhenTheTargetServerIsStoppedAndRestartedDuringDualWrites(EmbeddedNeo4j neo4j,
      EmbeddedGremlinServer gremlin) throws Exception {
    // given
    int writes = Loads.writes();
    int rate = Loads.rate();
    long seed = Loads.seed();
    neo4j.clear();
    gremlin.clear();
    FileDeadLetterQueue dlq = FileDeadLetterQueue.builder(dir.resolve("outage.journal")).build();
    GraphDatabase primary = Servers.neo4j("neo4j-primary", neo4j.boltUri()).build();
    GraphDatabase secondary = Servers.neptune("neptune-secondary", gremlin).requestTimeout(Duration.ofSeconds(2))
        .build();
    DualWriteCoordinator dual = DualWriteCoordinator.builder(primary, secondary)
        .name("outage")
        .deadLetters(dlq)
        .retryInterval(Duration.ofMillis(50))
        .backoff(Backoff.exponential(Duration.ofMillis(50), Duration.ofSeconds(1)))
        .build();
    Plan plan = new Plan(seed);
    Phase[] phases = new Phase[writes];
    long[] nanos = new long[writes];
    AtomicReference<Phase> phase = new AtomicReference<>(Phase.WARM_UP);
    AtomicInteger done = new AtomicInteger();
    List<String> callerErrors = new ArrayList<>();
    int warmUpEnd = writes / 10;
    int outageStart = writes * 4 / 10;
    int outageEnd = writes * 7 / 10;

    // when: writes at a steady rate; the target server stops for the middle third and comes back
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    long outageNanos;
    long drainNanos;
    try {
      ScheduledFuture<?> ticks = pacer.scheduleAtFixedRate(() -> {
        int i = done.get();
        if (i >= writes) {
          return;
        }
        Phase p = i < warmUpEnd ? Phase.WARM_UP : phase.get() == Phase.WARM_UP ? Phase.BEFORE : phase.get();
        long start = System.nanoTime();
        try {
          plan.write(dual, i);
        } catch (RuntimeException e) {
          synchronized (callerErrors) {
            callerErrors.add("write " + i + ": " + e);
          }
        }
        nanos[i] = System.nanoTime() - start;
        phases[i] = p;
        done.incrementAndGet();
      }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);

      Duration patience = Duration.ofSeconds(120 + 3L * writes / rate);
      Eventually.await("writes before the outage", patience, () -> done.get() >= outageStart);
      phase.set(Phase.STOPPING);
      gremlin.stop();
      long stopped = System.nanoTime();
      phase.set(Phase.DURING);
      // the outage lasts a third of the writes, and at least until the coordinator has met it (a short
      // outage is absorbed by the in-memory queue while the adapter waits for a connection)
      Eventually.await("writes during the outage, some dead-lettered", patience,
          () -> done.get() >= outageEnd && dual.metrics().deadLettered() > 0);
      phase.set(Phase.RESTARTING);
      outageNanos = System.nanoTime() - stopped;
      gremlin.restart();
      phase.set(Phase.AFTER);
      Eventually.await("all writes", patience, () -> done.get() >= writes);
      ticks.cancel(false);

      // then: the queue drains
      long drainStart = System.nanoTime();
      Eventually.await("the secondary caught up (queue " + dlq.depth() + ")", Duration.ofMinutes(5), dual::caughtUp);
      drainNanos = System.nanoTime() - drainStart;
    } finally {
      pacer.shutdownNow();
      gremlin.restart();
    }

    try (dual; dlq) {
      DualWriteMetrics m = dual.metrics();
      assertThat(callerErrors).as("errors the callers saw (seed %s)", seed).isEmpty();
      assertThat(m.deadLettered()).as("writes dead-lettered during the outage").isPositive();
      assertThat(m.queueDepth()).isZero();
      assertThat(m.parked()).as("parked dead letters").isZero();
      assertThat(m.forwardFailures()).as("writes lost to a queue failure").isZero();
      assertThat(m.rejected()).as("records the secondary rejected").isZero();
      assertThat(dlq.size()).isZero();
      Map<String, Object> agreement = Agreement.assertAgree(primary, secondary, "outage (seed " + seed + ")");

      // and: the figures, measured in the same run
      Map<String, Object> latency = new LinkedHashMap<>();
      for (Phase p : List.of(Phase.BEFORE, Phase.DURING, Phase.AFTER)) {
        latency.put(p.name().toLowerCase(java.util.Locale.ROOT), percentiles(nanos, phases, p));
      }
      double p99Before = percentile(nanos, phases, Phase.BEFORE, 0.99);
      double p99During = percentile(nanos, phases, Phase.DURING, 0.99);
      new Figures("secondary-outage")
          .put("writes", writes)
          .put("ratePerSecond", rate)
          .put("seed", seed)
          .put("outageMillis", outageNanos / 1_000_000)
          .put("writesDuringOutage", count(phases, Phase.DURING))
          .put("callerErrors", callerErrors.size())
          .put("deadLettered", m.deadLettered())
          .put("spilled", m.spilled())
          .put("retries", m.retries())
          .put("secondaryFailures", m.secondaryFailures())
          .put("drainMillisAfterLastWrite", drainNanos / 1_000_000)
          .put("parked", m.parked())
          .put("forwardFailures", m.forwardFailures())
          .put("validation", agreement)
          .put("lost", 0)
          .put("primaryLatencyMillis", latency)
          .put("p99DuringOverBefore", p99During / p99Before)
          .write();
      System.out.printf("graphshift.reliability.outage p99_before_ms=%.3f p99_during_ms=%.3f ratio=%.3f (goal <= 1.1)%n",
          p99Before / 1e6, p99During / 1e6, p99During / p99Before);
    }
  }

  /**
   * The seeded plan of writes, made from one thread: upserts of nodes (some changing their labels, which
   * the Neptune adapter must re-create with their edges), upserts of relationships between live nodes,
   * deletes of relationships and detach deletes of nodes.
   */
  static final class Plan {
    private final Random random;
    private final List<String> live = new ArrayList<>();
    private final Set<String> liveSet = new java.util.HashSet<>();

    Plan(long seed) {
      this.random = new Random(seed);
    }

    void write(GraphDatabase db, int i) {
      int r = random.nextInt(100);
      WriteResult result;
      if (r < 60 || live.size() < 2) {
        String id = "n" + random.nextInt(NODE_IDS);
        Set<String> labels = i % 7 == 0 ? Set.of("Person", "Employee") : Set.of("Person");
        result = db.upsertNodes(List.of(new Node(id, labels, Map.of("v", (long) i, "name", "node " + i,
            "score", i * 0.5, "active", i % 2 == 0))));
        if (liveSet.add(id)) {
          live.add(id);
        }
      } else if (r < 85) {
        String start = live.get(random.nextInt(live.size()));
        String end = live.get(random.nextInt(live.size()));
        result = db.upsertRelationships(List.of(Relationship.of("r" + random.nextInt(RELATIONSHIP_IDS),
            i % 3 == 0 ? "LIKES" : "KNOWS", start, end, Map.of("since", (long) i))));
      } else if (r < 93) {
        result = db.deleteRelationships(List.of("r" + random.nextInt(RELATIONSHIP_IDS)));
      } else {
        String id = live.get(random.nextInt(live.size()));
        result = db.deleteNodes(List.of(id));
        live.remove(id);
        liveSet.remove(id);
      }
      if (!result.isClean()) {
        throw new IllegalStateException("the primary rejected write " + i + ": " + result.rejected());
      }
    }
  }

  private static int count(Phase[] phases, Phase p) {
    return (int) Arrays.stream(phases).filter(x -> x == p).count();
  }

  private static double percentile(long[] nanos, Phase[] phases, Phase p, double q) {
    long[] sorted = select(nanos, phases, p);
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static long[] select(long[] nanos, Phase[] phases, Phase p) {
    long[] selected = new long[nanos.length];
    int n = 0;
    for (int i = 0; i < nanos.length; i++) {
      if (phases[i] == p) {
        selected[n++] = nanos[i];
      }
    }
    long[] out = Arrays.copyOf(selected, n);
    Arrays.sort(out);
    return out;
  }

  private static Map<String, Object> percentiles(long[] nanos, Phase[] phases, Phase p) {
    Map<String, Object> out = new LinkedHashMap<>();
    long[] sorted = select(nanos, phases, p);
    out.put("writes", sorted.length);
    out.put("p50", percentile(nanos, phases, p, 0.50) / 1e6);
    out.put("p99", percentile(nanos, phases, p, 0.99) / 1e6);
    out.put("max", sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
    return out;
  }
}
