package dev.graphshift.backfill;

import java.util.Optional;

/**
 * Where a backfill keeps its {@link BackfillCheckpoint} so that a killed backfill resumes where it
 * stopped. The backfill saves after every committed batch (one save at a time, each a whole, consistent
 * state) and clears the store when it completes.
 *
 * <p>What implementations must guarantee: {@link #save(BackfillCheckpoint)} is atomic (a crash leaves
 * either the previous state or the new one, never a mixture) and durable once it returns; {@link
 * #load()} returns the last state saved. Failures are {@code GraphShiftException}s (or unchecked I/O
 * exceptions); the backfill stops on them with its last saved state intact.
 *
 * <p>Implementations must be thread-safe.
 */
public interface CheckpointStore {

  /** The last state saved, or empty if none (never saved, or cleared). */
  Optional<BackfillCheckpoint> load();

  /** Replaces the stored state, atomically. */
  void save(BackfillCheckpoint checkpoint);

  /** Removes the stored state; the next backfill starts from the beginning. */
  void clear();
}
