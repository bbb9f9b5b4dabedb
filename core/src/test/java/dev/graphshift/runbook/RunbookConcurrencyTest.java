package dev.graphshift.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.backfill.InMemoryCheckpointStore;
import dev.graphshift.conformance.Eventually;
import dev.graphshift.cutover.HealthGate;
import dev.graphshift.dualwrite.InMemoryDeadLetterQueue;
import dev.graphshift.faults.FaultyGraphDatabase;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stable handle under a writer and a reader thread while the runbook walks every phase: no call
 * fails, and no acknowledged write is lost or reordered. Each id is written twice in a row and never
 * again, so a write that lands out of order (say a forward dual write reaching the new database after
 * the reverse one that followed it) is not healed by a later write; the new database answers slowly,
 * so that forward writes are still queued when the direction flips. The writer runs at most {@link
 * #LEAD} writes ahead of the test's last {@link #progress()}: unbounded, it would make new ids faster
 * than a backfill on a loaded machine copies them, and the backfill, whose last partition is open-ended,
 * would chase them without end.
 */
class RunbookConcurrencyTest {
  /** The writes each {@link #progress()} lets the writer make, besides those it has not made yet. */
  private static final int LEAD = 5_000;
  private final InMemoryGraphDatabase oldDb = InMemoryGraphDatabase.named("old");
  private final InMemoryGraphDatabase newStore = InMemoryGraphDatabase.named("new");
  private final FaultyGraphDatabase newDb = new FaultyGraphDatabase(newStore).latency(Duration.ofMillis(1));
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();
  private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Semaphore budget = new Semaphore(LEAD);

  @AfterEach
  void shutdown() {
    stopWriting();
    pool.shutdownNow();
  }

  private void stopWriting() {
    stop.set(true);
    budget.release();
  }

  private Thread writer(GraphDatabase db) {
    return new Thread(() -> {
      for (long v = 1; !stop.get(); v++) {
        String id = "n" + (v / 2);
        try {
          budget.acquire();
          if (stop.get()) {
            return;
          }
          db.upsertNode(Node.of(id, "Person", Map.of("v", v)));
          acknowledged.put(id, v);
          writes.incrementAndGet();
        } catch (RuntimeException e) {
          errors.add(e);
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          errors.add(e);
          return;
        }
      }
    }, "test-writer");
  }

  private Thread reader(GraphDatabase db) {
    return new Thread(() -> {
      for (long i = 0; !stop.get(); i++) {
        try {
          db.getNode("n" + Math.max(0, writes.get() / 2 - i % 100));
          reads.incrementAndGet();
        } catch (RuntimeException e) {
          errors.add(e);
          return;
        }
      }
    }, "test-reader");
  }

  /** Lets the writer and the reader make progress in the phase just entered. */
  private void progress() {
    budget.release(LEAD);
    long w = writes.get();
    long r = reads.get();
    Eventually.await("the writer and the reader make progress", () -> !errors.isEmpty()
        || (writes.get() > w + 200 && reads.get() > r + 200));
    assertThat(errors).isEmpty();
  }

  @Test
  void shouldNeitherFailNorLoseAWriteWhileTheHandleChangesPhaseUnderConcurrentCalls() throws InterruptedException {
    // given
    MigrationRunbook.Builder builder = MigrationRunbook.builder("people", oldDb, newDb)
        .stateStore(new InMemoryRunbookStateStore())
        .executor(pool)
        .deadLetters(InMemoryDeadLetterQueue.create())
        .reverseDeadLetters(InMemoryDeadLetterQueue.create())
        .reverseDualWrites()
        .configureShadowRead(b -> b.sampleRate(0.1))
        .configureCutover(b -> b.tickInterval(Duration.ZERO).healthGate(HealthGate.disabled()))
        .configureBackfill(b -> b.checkpoints(new InMemoryCheckpointStore()).batchSize(10));
    for (MigrationPhase p : MigrationPhase.values()) {
      if (p != MigrationPhase.SINGLE_WRITE) {
        builder.gates(p, List.of());
      }
    }
    MigrationRunbook runbook = builder.build();
    GraphDatabase db = runbook.database();
    Thread writer = writer(db);
    Thread reader = reader(db);
    writer.start();
    reader.start();
    Map<String, Long> beforeComplete;
    try {
      progress();

      // when: the runbook walks every phase under the writer and the reader
      runbook.advance("ops");
      progress();
      runbook.advance("ops");
      assertThat(runbook.runBackfill().reconciles()).isTrue();
      runbook.advance("ops");
      progress();
      runbook.advance("ops");
      progress();
      runbook.advance("ops");
      runbook.cutover().orElseThrow().share(5_000);
      progress();
      runbook.advance("ops");
      progress();
      beforeComplete = new HashMap<>(acknowledged);
      runbook.advance("ops");
      progress();
    } finally {
      stopWriting();
      writer.join();
      reader.join();
    }

    // then: no call failed; the new database holds every id at its last acknowledged version; the old
    // one, written until COMPLETE, holds at least what was acknowledged before it
    assertThat(errors).isEmpty();
    assertThat(runbook.phase()).isEqualTo(MigrationPhase.COMPLETE);
    assertThat(acknowledged).hasSize((int) (writes.get() / 2 + 1));
    for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
      assertThat(version(newStore.getNode(e.getKey()))).as("new %s", e.getKey()).isEqualTo(e.getValue());
    }
    for (Map.Entry<String, Long> e : beforeComplete.entrySet()) {
      assertThat(version(oldDb.getNode(e.getKey()))).as("old %s", e.getKey()).isGreaterThanOrEqualTo(e.getValue());
    }
    assertThat(runbook.state().history()).hasSize(7);
    runbook.close();
  }

  private static long version(Optional<Node> node) {
    return (Long) node.orElseThrow().properties().get("v");
  }
}
