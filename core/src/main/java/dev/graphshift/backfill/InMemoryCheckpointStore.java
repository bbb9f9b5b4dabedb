package dev.graphshift.backfill;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CheckpointStore} in memory: a resume within one process (a backfill stopped by a failure
 * and run again), and tests. Counts its saves.
 *
 * <p>Thread-safe.
 */
public final class InMemoryCheckpointStore implements CheckpointStore {
  private final AtomicReference<@Nullable BackfillCheckpoint> state = new AtomicReference<>();
  private final AtomicLong saves = new AtomicLong();

  @Override
  public Optional<BackfillCheckpoint> load() {
    return Optional.ofNullable(state.get());
  }

  @Override
  public void save(BackfillCheckpoint checkpoint) {
    state.set(requireNonNull(checkpoint, "checkpoint"));
    saves.incrementAndGet();
  }

  @Override
  public void clear() {
    state.set(null);
  }

  /** How many times a state was saved. */
  public long saves() {
    return saves.get();
  }

  @Override
  public String toString() {
    return "InMemoryCheckpointStore";
  }
}
