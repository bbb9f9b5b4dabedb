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
 * <p>Design: one monitor serializes commits, so saves happen one at a time and each saved state
 * contains every commit made before it (the stored state only moves forward). A commit builds the new
 * state, saves it, and only then replaces the in-memory state, so a save that fails leaves memory and
 * store agreeing on the last state that was saved. The state is O(partitions), independent of the graph.
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

  CheckpointTracker(CheckpointStore store, String name, String fingerprint, String config, Clock clock,
      List<PartitionCheckpoint> initial) {
    this.store = store;
    this.name = name;
    this.fingerprint = fingerprint;
    this.config = config;
    this.clock = clock;
    for (PartitionCheckpoint p : initial) {
      states.put(p.partition().id(), p);
    }
  }

  /** Saves the current state (the plan, before any batch). */
  synchronized void save() {
    store.save(checkpoint(new ArrayList<>(states.values())));
  }

  /** Records one committed batch of a partition and saves the whole state; answers the new state. */
  synchronized PartitionCheckpoint commit(String partitionId, Optional<String> next, long read, long written,
      long skipped, Map<String, Long> rejectedByRule) {
    PartitionCheckpoint updated = states.get(partitionId).committed(next, read, written, skipped, rejectedByRule);
    List<PartitionCheckpoint> all = new ArrayList<>(states.size());
    for (PartitionCheckpoint p : states.values()) {
      all.add(p.partition().id().equals(partitionId) ? updated : p);
    }
    store.save(checkpoint(all));
    states.put(partitionId, updated);
    return updated;
  }

  /** The current state of one partition. */
  synchronized PartitionCheckpoint state(String partitionId) {
    return states.get(partitionId);
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
