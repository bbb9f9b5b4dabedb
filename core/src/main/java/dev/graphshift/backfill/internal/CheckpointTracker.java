package dev.graphshift.backfill.internal;

import dev.graphshift.backfill.BackfillCheckpoint;
import dev.graphshift.backfill.BackfillPhase;
import dev.graphshift.backfill.CheckpointStore;
import dev.graphshift.backfill.PartitionCheckpoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The committed state of every partition of a run, saved to the checkpoint store after each batch.
 *
 * <p>Design: group commit. A commit records its batch in memory under this object's monitor (giving it a
 * version), then waits until the store holds a state at least that recent. Saves happen one at a time:
 * the first committer to find no save in progress becomes the saver and writes the whole current state
 * (its own commit and every commit made before it, by any partition); committers arriving meanwhile wait
 * for that save, or for the next one, which one of them then makes for all of them. So a commit returns
 * only once its batch is durable, as before, but partitions committing at the same time share one save
 * instead of queueing for one each: with a store that forces each save to disk (a few milliseconds), the
 * number of saves per second no longer caps the number of batches per second. Saved states only move
 * forward (each contains every commit made before it). Waiting is bounded by the store's own saves; the
 * state is O(partitions), independent of the graph.
 *
 * <p>A save that fails fails the commit that made it (its caller stops); the store keeps the last state
 * saved, and {@link #saved(String)} answers it, so a failure is reported with the cursor a resumed run
 * starts from. Memory may then be ahead of the store: a later save (by a partition still running)
 * carries those commits too, which is right, since their batches were written.
 *
 * <p>Thread-safe.
 */
final class CheckpointTracker {
  private final CheckpointStore store;
  private final String name;
  private final String fingerprint;
  private final String config;
  private final Clock clock;
  private final Map<String, PartitionCheckpoint> states = new LinkedHashMap<>();
  private final Map<String, PartitionCheckpoint> saved = new LinkedHashMap<>();
  private long version;
  private long savedVersion;
  private boolean saving;
  private long saves;

  CheckpointTracker(CheckpointStore store, String name, String fingerprint, String config, Clock clock,
      List<PartitionCheckpoint> initial) {
    this.store = store;
    this.name = name;
    this.fingerprint = fingerprint;
    this.config = config;
    this.clock = clock;
    for (PartitionCheckpoint p : initial) {
      states.put(p.partition().id(), p);
      saved.put(p.partition().id(), p);
    }
  }

  /** Saves the current state (the plan, before any batch). */
  synchronized void save() {
    store.save(checkpoint(new ArrayList<>(states.values())));
    saves++;
  }

  /**
   * Records one committed batch of a partition and returns once the store holds it (saved by this call or
   * by another one running at the same time); answers the partition's new state.
   *
   * @throws InterruptedException if interrupted while waiting for another caller's save
   * @throws RuntimeException what the store's save throws, when this call made the save that failed
   */
  PartitionCheckpoint commit(String partitionId, Optional<String> next, long read, long written, long skipped,
      Map<String, Long> rejectedByRule) throws InterruptedException {
    PartitionCheckpoint updated;
    long mine;
    synchronized (this) {
      updated = states.get(partitionId).committed(next, read, written, skipped, rejectedByRule);
      states.put(partitionId, updated);
      mine = ++version;
    }
    awaitSaved(mine);
    return updated;
  }

  /** Waits until the store holds version {@code mine} or later, saving it when no one else is. */
  private void awaitSaved(long mine) throws InterruptedException {
    while (true) {
      List<PartitionCheckpoint> snapshot;
      long snapshotVersion;
      synchronized (this) {
        while (saving && savedVersion < mine) {
          wait();
        }
        if (savedVersion >= mine) {
          return;
        }
        saving = true;
        snapshotVersion = version;
        snapshot = new ArrayList<>(states.values());
      }
      boolean ok = false;
      try {
        store.save(checkpoint(snapshot));
        ok = true;
      } finally {
        synchronized (this) {
          saving = false;
          if (ok) {
            saves++;
            savedVersion = Math.max(savedVersion, snapshotVersion);
            for (PartitionCheckpoint p : snapshot) {
              saved.put(p.partition().id(), p);
            }
          }
          notifyAll();
        }
      }
    }
  }

  /** The current state of one partition, its last commit included. */
  synchronized PartitionCheckpoint state(String partitionId) {
    return states.get(partitionId);
  }

  /** The state of one partition as the store holds it: where a resumed run starts it. */
  synchronized PartitionCheckpoint saved(String partitionId) {
    return saved.get(partitionId);
  }

  /** How many times the state was saved. */
  synchronized long saves() {
    return saves;
  }

  /** The partitions of a phase, in plan order. */
  synchronized List<PartitionCheckpoint> phase(BackfillPhase phase) {
    List<PartitionCheckpoint> result = new ArrayList<>();
    for (PartitionCheckpoint p : states.values()) {
      if (p.partition().phase() == phase) {
        result.add(p);
      }
    }
    return result;
  }

  /** Records read over every partition, committed so far. */
  synchronized long done() {
    long done = 0;
    for (PartitionCheckpoint p : states.values()) {
      done += p.read();
    }
    return done;
  }

  private BackfillCheckpoint checkpoint(List<PartitionCheckpoint> partitions) {
    return new BackfillCheckpoint(name, fingerprint, config, clock.instant(), partitions);
  }
}
