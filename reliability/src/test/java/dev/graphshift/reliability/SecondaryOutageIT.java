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
import dev.graphshift.dualwrite.InMemoryDeadLetterQueue;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.neo4j.Neo4jGraphDatabase;
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
 * validation, and a direct comparison of both databases, find no difference.
 *
 * <p>Measured, not asserted: the primary path's latency percentiles before, during and after the outage,
 * and the ratio of the P99 during the outage to the P99 before it (the goal: at most 1.1), next to
 * the same figures of a control: every write under test is paired with a node upsert through a second
 * coordinator over the same embedded Neo4j (another key label) whose secondary never fails, the two
 * alternating which goes first, so that the figures show what the machine did meanwhile. On the shared
 * build machine a P99 over a few hundred writes moves by more than 10% with no fault at all (the control,
 * and the after phase, show it), so a 1.1 threshold there would fail at random; {@code
 * docs/reliability.md} records the runs, and the full-size command prints the ratios for a quiet machine.
 */
@ExtendWith({EmbeddedNeo4jExtension.class, SharedGremlinServerExtension.class})
class SecondaryOutageIT {

  /** Which part of the run a write belongs to. */
  enum Phase { WARM_UP, BEFORE, STOPPING, DURING, RESTARTING, AFTER }

  private static final int NODE_IDS = 500;
  /** The key label of the control's nodes, which the adapter under test does not see. */
  private static final String CONTROL_LABEL = "Control";
  private static final int CONTROL_IDS = 500;
  /** The goal, printed next to the measured ratio: the P99 during the outage at most 1.1 times before. */
  private static final double MAX_P99_RATIO = 1.1;
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
    // the control: the same embedded Neo4j under another key label, behind a coordinator whose secondary
    // never fails; its writes interleave with the writes under test, so both see the same machine
    Neo4jGraphDatabase controlPrimary = Neo4jGraphDatabase.builder("neo4j-control", neo4j.boltUri())
        .keyLabel(CONTROL_LABEL).batchSize(500).build();
    DualWriteCoordinator controlDual = DualWriteCoordinator.builder(controlPrimary,
        InMemoryGraphDatabase.named("control-secondary"))
        .name("control")
        .deadLetters(InMemoryDeadLetterQueue.named("control"))
        .build();
    Plan plan = new Plan(seed);
    Phase[] phases = new Phase[writes];
    long[] nanos = new long[writes];
    long[] controlNanos = new long[writes];
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
        // the write under test and the control write alternate which goes first
        if (i % 2 == 1) {
          controlNanos[i] = control(controlDual, i, callerErrors);
        }
        long start = System.nanoTime();
        try {
          plan.write(dual, i);
        } catch (RuntimeException e) {
          synchronized (callerErrors) {
            callerErrors.add("write " + i + ": " + e);
          }
        }
        nanos[i] = System.nanoTime() - start;
        if (i % 2 == 0) {
          controlNanos[i] = control(controlDual, i, callerErrors);
        }
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

    // the control's nodes leave the primary, whose counts the validation compares
    try (controlDual) {
      List<String> controlIds = new ArrayList<>();
      for (int i = 0; i < CONTROL_IDS; i++) {
        controlIds.add("c" + i);
      }
      controlDual.deleteNodes(controlIds);
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
      double controlBefore = percentile(controlNanos, phases, Phase.BEFORE, 0.99);
      double controlDuring = percentile(controlNanos, phases, Phase.DURING, 0.99);
      double drift = controlDuring / controlBefore;
      double normalized = (p99During / p99Before) / drift;
      Map<String, Object> controlLatency = new LinkedHashMap<>();
      for (Phase p : List.of(Phase.BEFORE, Phase.DURING, Phase.AFTER)) {
        controlLatency.put(p.name().toLowerCase(java.util.Locale.ROOT), percentiles(controlNanos, phases, p));
      }
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
          .put("controlLatencyMillis", controlLatency)
          .put("controlP99DuringOverBefore", drift)
          .put("p99DuringOverBeforeCorrectedForDrift", normalized)
          .write();
      System.out.printf("graphshift.reliability.outage p99_before_ms=%.3f p99_during_ms=%.3f ratio=%.3f control_ratio=%.3f "
          + "corrected=%.3f (goal <= %.1f)%n", p99Before / 1e6, p99During / 1e6, p99During / p99Before, drift, normalized,
          MAX_P99_RATIO);

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

  /** One control write: a node upsert through the control coordinator; returns its latency. */
  private static long control(DualWriteCoordinator controlDual, int i, List<String> callerErrors) {
    long start = System.nanoTime();
    try {
      controlDual.upsertNodes(List.of(new Node("c" + (i % CONTROL_IDS), Set.of("Person"), Map.of("v", (long) i,
          "name", "node " + i, "score", i * 0.5, "active", i % 2 == 0))));
    } catch (RuntimeException e) {
      synchronized (callerErrors) {
        callerErrors.add("control write " + i + ": " + e);
      }
    }
    return System.nanoTime() - start;
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
