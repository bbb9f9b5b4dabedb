package dev.graphshift.backfill;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What a {@link CheckpointStore} holds for one backfill: the plan (every partition) with each
 * partition's committed state, and a fingerprint of the configuration that planned it, so that a
 * backfill configured differently refuses to resume from it.
 *
 * <p>Immutable.
 *
 * @param name the backfill's name
 * @param fingerprint a hash of {@code config}
 * @param config the configuration that matters for resuming, readable (source, target, selection,
 *     partitioning, mapper)
 * @param savedAt when this state was saved, by the backfill's clock
 * @param partitions every partition of the plan, in plan order
 */
public record BackfillCheckpoint(
    String name, String fingerprint, String config, Instant savedAt, List<PartitionCheckpoint> partitions) {

  public BackfillCheckpoint {
    requireNonNull(name, "name");
    requireNonNull(fingerprint, "fingerprint");
    requireNonNull(config, "config");
    requireNonNull(savedAt, "savedAt");
    partitions = List.copyOf(partitions);
  }

  /** Whether every partition is finished. */
  public boolean complete() {
    for (PartitionCheckpoint p : partitions) {
      if (!p.done()) {
        return false;
      }
    }
    return true;
  }
}
