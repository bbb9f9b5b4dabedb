package dev.graphshift.backfill;

/**
 * Receives a backfill's events. Every method defaults to doing nothing; implement those you need.
 * Methods are called on the backfill's worker threads, possibly concurrently, and should return
 * quickly. A listener that throws is logged at WARN ({@code graphshift.backfill.listener_failed}) and
 * counted in {@link BackfillMetrics#listenerFailures()}; it never fails the backfill.
 *
 * <p>Implementations must be thread-safe.
 */
public interface BackfillListener {

  /** The backfill started, totals counted and partitions planned. */
  default void onStarted(BackfillStartedEvent event) {}

  /** Progress after a committed batch. */
  default void onProgress(BackfillProgress progress) {}

  /** A batch was written and its cursor saved. */
  default void onBatchCommitted(BackfillBatchCommittedEvent event) {}

  /** Records of a committed batch were rejected, with reasons. */
  default void onRecordsRejected(BackfillRecordsRejectedEvent event) {}

  /** A scan or write failed with a retryable error and will be tried again. */
  default void onBatchRetried(BackfillBatchRetriedEvent event) {}

  /** A partition finished. */
  default void onPartitionCompleted(BackfillPartitionCompletedEvent event) {}

  /** A partition stopped on a permanent failure; its checkpoint stays at its last committed batch. */
  default void onPartitionFailed(BackfillPartitionFailedEvent event) {}

  /** The backfill finished. */
  default void onCompleted(BackfillCompletedEvent event) {}
}
