package dev.graphshift.backfill;

import dev.graphshift.GraphShiftException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A backfill stopped: a partition met a permanent failure (a non-retryable error, retries given up, a
 * checkpoint that could not be saved) or the run was interrupted. Every partition's checkpoint stays at
 * its last committed batch, so running the backfill again with the same checkpoint store resumes where
 * it stopped, with no gap and no duplicate. The cause is the first failure; failures of other partitions
 * are attached as suppressed exceptions.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class BackfillException extends GraphShiftException {
  private final @Nullable String partitionId;

  /**
   * Creates the exception.
   *
   * @param backfill the backfill's name
   * @param partitionId the partition that failed, or null if the failure is not a partition's
   * @param message what failed
   * @param cause the failure, or null
   */
  public BackfillException(String backfill, @Nullable String partitionId, String message, @Nullable Throwable cause) {
    super(backfill, (partitionId == null ? "" : "partition '" + partitionId + "': ") + message, cause);
    this.partitionId = partitionId;
  }

  /** The partition that failed. */
  public Optional<String> partitionId() {
    return Optional.ofNullable(partitionId);
  }
}
