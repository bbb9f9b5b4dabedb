package dev.graphshift.dualwrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.TransientDatabaseException;
import dev.graphshift.WriteMode;
import dev.graphshift.conformance.Eventually;
import dev.graphshift.faults.FaultyGraphDatabase;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The race-safety argument of {@code docs/consistency.md}, tested: random creates, updates and deletes of
 * nodes and relationships go through dual-write coordinators while a backfill copies the primary into
 * {@link DualWriteCoordinator#backfillTarget()} with {@link WriteMode#INSERT_IF_ABSENT}, and the
 * secondary fails now and then (transient failures and outages, on dual writes and backfill writes
 * alike). Once the dead-letter queues drain, the secondary must equal the primary exactly.
 *
 * <p>Variants: one process; two processes (two coordinators with their own queues, sharing a {@link
 * GraphTombstoneStore}; each writes its own ids, the backfill runs in the first); both with a secondary
 * whose insert-if-absent is a check followed by a write; and one process with outbox delivery. Every variant runs over many seeds;
 * a failure names its seed, and {@code -Dgraphshift.race.seed=<seed>} replays it.
 */
class BackfillRaceTest {

  private static final int NODE_IDS = 40;
  private static final int RELATIONSHIP_IDS = 60;
  private static final int OPS_PER_WRITER = 250;
  private static final int PAGE = 7;

  /** Every variant over many seeds; {@code -Dgraphshift.race.seed=N} runs only seed N (to replay a failure). */
  static Stream<Arguments> runs() {
    String only = System.getProperty("graphshift.race.seed");
    Stream<Arguments> direct = Stream.of(false, true).flatMap(multi -> Stream.of(true, false).flatMap(atomic ->
        seeds(only, multi ? 12 : 24).mapToObj(seed -> Arguments.of(multi, atomic, DeliveryMode.DIRECT, seed))));
    Stream<Arguments> outbox = seeds(only, 12).mapToObj(seed -> Arguments.of(false, true, DeliveryMode.OUTBOX, seed));
    return Stream.concat(direct, outbox);
  }

  private static LongStream seeds(String only, int count) {
    return only != null ? LongStream.of(Long.parseLong(only)) : LongStream.range(0, count).map(s -> 1000 * s + 17);
  }

  @ParameterizedTest(name = "processes={0} atomicInserts={1} delivery={2} seed={3}")
  @MethodSource("runs")
  void shouldLeaveTheSecondaryEqualToThePrimaryWhenTheBackfillRacesDualWrites(boolean twoProcesses,
      boolean atomicInserts, DeliveryMode delivery, long seed) throws Exception {
    String context = "seed " + seed + (twoProcesses ? ", two processes" : ", one process")
        + (atomicInserts ? "" : ", non-atomic inserts") + ", " + delivery;
    // given: existing data on the primary, a flaky secondary
    InMemoryGraphDatabase primary = InMemoryGraphDatabase.named("primary");
    InMemoryGraphDatabase secondaryStore = InMemoryGraphDatabase.named("secondary");
    Random setup = new Random(seed);
    List<String> prefixes = twoProcesses ? List.of("a", "b") : List.of("a");
    for (String p : prefixes) {
      populate(primary, p, setup);
    }
    Random faults = new Random(seed + 1);
    HistoryRecorder history = new HistoryRecorder();
    GraphDatabase recordedStore = history.record("secondary", secondaryStore);
    GraphDatabase store = atomicInserts ? recordedStore : new NonAtomicInsertDatabase(recordedStore);
    GraphDatabase recordedPrimary = history.record("primary", primary);
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(store, seed).failReads(false).failureRate(0.05)
        .failWith(() -> {
          synchronized (faults) {
            return faults.nextInt(4) == 0
                ? new DatabaseUnavailableException("secondary", "injected outage", null)
                : new TransientDatabaseException("secondary", "injected conflict", null);
          }
        });
    TombstoneStore tombstones = twoProcesses
        ? GraphTombstoneStore.on(InMemoryGraphDatabase.named("shared-tombstones"))
        : InMemoryTombstoneStore.create();
    List<DualWriteCoordinator> coordinators = new ArrayList<>();
    for (String p : prefixes) {
      coordinators.add(DualWriteCoordinator.builder(recordedPrimary, secondary)
          .name("dual-" + p)
          .deadLetters(history.record("dlq-" + p, InMemoryDeadLetterQueue.named("dlq-" + p)))
          .tombstones(tombstones)
          .capacity(40)
          .batchSize(5)
          .parallelism(3)
          .maxAttempts(10_000)
          .backoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(20)))
          .retryInterval(Duration.ofMillis(2))
          .seed(seed)
          .delivery(delivery)
          .build());
    }
    ExecutorService threads = Executors.newFixedThreadPool(prefixes.size() * 2 + 1);
    try {
      // when: writers on every coordinator, and the backfill through the first one's view
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < prefixes.size(); i++) {
        DualWriteCoordinator dual = coordinators.get(i);
        String p = prefixes.get(i);
        for (int w = 0; w < 2; w++) {
          Random random = new Random(seed * 31 + i * 7 + w);
          work.add(threads.submit(() -> write(dual, p, random)));
        }
      }
      GraphDatabase target = coordinators.get(0).backfillTarget();
      work.add(threads.submit(() -> backfill(primary, target)));
      for (Future<?> f : work) {
        f.get(120, TimeUnit.SECONDS);
      }
      secondary.failureRate(0);
      for (DualWriteCoordinator dual : coordinators) {
        Eventually.await("dual writes to catch up (" + context + ")", dual::caughtUp);
      }

      // then
      Map<String, Node> nodesThere = all(secondaryStore, GraphDatabase::scanNodes);
      Map<String, Node> nodesHere = all(primary, GraphDatabase::scanNodes);
      Map<String, Relationship> relsThere = all(secondaryStore, GraphDatabase::scanRelationships);
      Map<String, Relationship> relsHere = all(primary, GraphDatabase::scanRelationships);
      assertThat(nodesThere).as("nodes, %s; history:%n%s", context, history.historyOf(differing(nodesHere, nodesThere)))
          .isEqualTo(nodesHere);
      assertThat(relsThere).as("relationships, %s; history:%n%s", context,
          history.historyOf(differing(relsHere, relsThere))).isEqualTo(relsHere);
      assertThat(coordinators.get(0).metrics().backfillWritten()).as(context).isPositive();
    } finally {
      threads.shutdownNow();
      for (DualWriteCoordinator dual : coordinators) {
        dual.close();
      }
    }
  }

  private static void populate(InMemoryGraphDatabase primary, String prefix, Random random) {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < NODE_IDS; i++) {
      if (random.nextInt(4) != 0) {
        nodes.add(node(prefix, i, random));
      }
    }
    primary.upsertNodes(nodes);
    List<Relationship> rels = new ArrayList<>();
    for (int i = 0; i < RELATIONSHIP_IDS; i++) {
      rels.add(relationship(prefix, i, random));
    }
    primary.upsertRelationships(rels);
  }

  private static Node node(String prefix, int i, Random random) {
    return Node.of(prefix + "n" + i, random.nextBoolean() ? "Person" : "Company",
        Map.of("v", random.nextInt(1000), "tags", List.of("t" + random.nextInt(3))));
  }

  private static Relationship relationship(String prefix, int i, Random random) {
    return Relationship.of(prefix + "r" + i, random.nextBoolean() ? "KNOWS" : "OWNS",
        prefix + "n" + random.nextInt(NODE_IDS), prefix + "n" + random.nextInt(NODE_IDS),
        Map.of("v", random.nextInt(1000)));
  }

  /** Random creates, updates and deletes of this prefix's ids. */
  private static void write(DualWriteCoordinator dual, String prefix, Random random) {
    for (int op = 0; op < OPS_PER_WRITER; op++) {
      int dice = random.nextInt(100);
      if (dice < 30) {
        dual.upsertNode(node(prefix, random.nextInt(NODE_IDS), random));
      } else if (dice < 40) {
        List<Node> batch = new ArrayList<>();
        int first = random.nextInt(NODE_IDS - 4);
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
          batch.add(node(prefix, first + i, random));
        }
        dual.upsertNodes(batch);
      } else if (dice < 55) {
        dual.deleteNode(prefix + "n" + random.nextInt(NODE_IDS));
      } else if (dice < 85) {
        dual.upsertRelationship(relationship(prefix, random.nextInt(RELATIONSHIP_IDS), random));
      } else {
        dual.deleteRelationship(prefix + "r" + random.nextInt(RELATIONSHIP_IDS));
      }
      if (random.nextInt(8) == 0) {
        Thread.yield();
      }
    }
  }

  /** A keyset scan of the primary copied page by page with INSERT_IF_ABSENT, retrying failed pages. */
  private static void backfill(GraphDatabase source, GraphDatabase target) {
    ScanRequest request = ScanRequest.all(PAGE);
    while (true) {
      ScanPage<Node> page = source.scanNodes(request);
      retry(() -> target.upsertNodes(page.items(), WriteMode.INSERT_IF_ABSENT));
      if (page.next().isEmpty()) {
        break;
      }
      request = request.after(page.next().get());
    }
    request = ScanRequest.all(PAGE);
    while (true) {
      ScanPage<Relationship> page = source.scanRelationships(request);
      retry(() -> target.upsertRelationships(page.items(), WriteMode.INSERT_IF_ABSENT));
      if (page.next().isEmpty()) {
        break;
      }
      request = request.after(page.next().get());
    }
  }

  private static void retry(Runnable write) {
    for (int attempt = 0; ; attempt++) {
      try {
        write.run();
        return;
      } catch (TransientDatabaseException e) {
        if (attempt > 10_000) {
          throw e;
        }
      }
    }
  }

  /** The ids that differ between two maps, with the endpoints of differing relationships. */
  private static <T extends GraphRecord> Set<String> differing(Map<String, T> expected, Map<String, T> actual) {
    Set<String> ids = new TreeSet<>();
    Set<String> all = new TreeSet<>(expected.keySet());
    all.addAll(actual.keySet());
    for (String id : all) {
      T e = expected.get(id);
      T a = actual.get(id);
      if (e == null || !e.equals(a)) {
        ids.add(id);
        for (T r : java.util.Arrays.asList(e, a)) {
          if (r instanceof Relationship rel) {
            ids.add(rel.startId());
            ids.add(rel.endId());
          }
        }
      }
    }
    return ids;
  }

  private static <T extends GraphRecord> Map<String, T> all(GraphDatabase db,
      java.util.function.BiFunction<GraphDatabase, ScanRequest, ScanPage<T>> scan) {
    Map<String, T> all = new TreeMap<>();
    ScanRequest request = ScanRequest.all(500);
    while (true) {
      ScanPage<T> page = scan.apply(db, request);
      for (T r : page.items()) {
        all.put(r.id(), r);
      }
      if (page.next().isEmpty()) {
        return all;
      }
      request = request.after(page.next().get());
    }
  }

}
