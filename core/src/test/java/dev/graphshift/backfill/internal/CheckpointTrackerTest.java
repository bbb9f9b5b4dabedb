package dev.graphshift.backfill.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.backfill.BackfillCheckpoint;
import dev.graphshift.backfill.BackfillPartition;
import dev.graphshift.backfill.BackfillPhase;
import dev.graphshift.backfill.CheckpointStore;
import dev.graphshift.backfill.InMemoryCheckpointStore;
import dev.graphshift.backfill.PartitionCheckpoint;
import dev.graphshift.conformance.Eventually;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CheckpointTrackerTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static List<PartitionCheckpoint> partitions(int n) {
    List<PartitionCheckpoint> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(PartitionCheckpoint.start(new BackfillPartition("nodes/" + i, BackfillPhase.NODES, Optional.empty(),
          Optional.empty(), Optional.empty(), List.of())));
    }
    return list;
  }

  /** A store whose first save after the plan blocks until released. */
  private static final class GateStore implements CheckpointStore {
    final InMemoryCheckpointStore delegate = new InMemoryCheckpointStore();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger saves = new AtomicInteger();

    @Override
    public Optional<BackfillCheckpoint> load() {
      return delegate.load();
    }

    @Override
    public void save(BackfillCheckpoint checkpoint) {
      if (saves.incrementAndGet() == 2) {
        entered.countDown();
        try {
          if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      delegate.save(checkpoint);
    }

    @Override
    public void clear() {
      delegate.clear();
    }
  }

  private static long read(BackfillCheckpoint checkpoint, String partition) {
    return checkpoint.partitions().stream().filter(p -> p.partition().id().equals(partition)).findFirst()
        .orElseThrow().read();
  }

  @Test
  void shouldShareOneSaveAmongCommitsMadeWhileAnotherSaveRuns() throws Exception {
    // given: partition 0's commit is saving, and blocked there
    GateStore store = new GateStore();
    CheckpointTracker tracker = new CheckpointTracker(store, "b", "f", "c", CLOCK, partitions(3));
    tracker.save();
    CompletableFuture<PartitionCheckpoint> first = CompletableFuture.supplyAsync(() -> commit(tracker, "nodes/0"));
    assertThat(store.entered.await(30, TimeUnit.SECONDS)).isTrue();

    // when: two more partitions commit meanwhile, then the blocked save completes
    CompletableFuture<PartitionCheckpoint> second = CompletableFuture.supplyAsync(() -> commit(tracker, "nodes/1"));
    CompletableFuture<PartitionCheckpoint> third = CompletableFuture.supplyAsync(() -> commit(tracker, "nodes/2"));
    Eventually.await("both later commits recorded", Duration.ofSeconds(30), () -> tracker.state("nodes/1").read() == 10
        && tracker.state("nodes/2").read() == 10);
    assertThat(second).isNotDone();
    assertThat(third).isNotDone();
    store.release.countDown();
    first.get(30, TimeUnit.SECONDS);
    second.get(30, TimeUnit.SECONDS);
    third.get(30, TimeUnit.SECONDS);

    // then: the plan, the blocked save, and one save for both later commits; the store holds all three
    assertThat(tracker.saves()).isEqualTo(3);
    BackfillCheckpoint stored = store.load().orElseThrow();
    assertThat(List.of(read(stored, "nodes/0"), read(stored, "nodes/1"), read(stored, "nodes/2")))
        .containsExactly(10L, 10L, 10L);
    assertThat(tracker.saved("nodes/2").read()).isEqualTo(10);
  }

  @Test
  void shouldFailTheCommitWhoseSaveFailedAndKeepTheSavedStateForTheFailureReport() throws Exception {
    // given: a store that fails its third save (the plan, one commit, then this one)
    InMemoryCheckpointStore delegate = new InMemoryCheckpointStore();
    AtomicInteger saves = new AtomicInteger();
    CheckpointStore failing = new CheckpointStore() {
      @Override
      public Optional<BackfillCheckpoint> load() {
        return delegate.load();
      }

      @Override
      public void save(BackfillCheckpoint checkpoint) {
        if (saves.incrementAndGet() == 3) {
          throw new UncheckedIOException(new java.io.IOException("disk full"));
        }
        delegate.save(checkpoint);
      }

      @Override
      public void clear() {
        delegate.clear();
      }
    };
    CheckpointTracker tracker = new CheckpointTracker(failing, "b", "f", "c", CLOCK, partitions(2));
    tracker.save();
    commit(tracker, "nodes/0");

    // when
    assertThatThrownBy(() -> tracker.commit("nodes/0", Optional.of("c2"), 10, 10, 0, Map.of()))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");

    // then: the store and saved() keep the first commit; a later commit of another partition saves both
    assertThat(tracker.saved("nodes/0").read()).isEqualTo(10);
    assertThat(read(delegate.load().orElseThrow(), "nodes/0")).isEqualTo(10);
    commit(tracker, "nodes/1");
    assertThat(read(delegate.load().orElseThrow(), "nodes/0")).isEqualTo(20);
    assertThat(tracker.saved("nodes/0").read()).isEqualTo(20);
  }

  private static PartitionCheckpoint commit(CheckpointTracker tracker, String partition) {
    try {
      return tracker.commit(partition, Optional.of("c1"), 10, 10, 0, Map.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
