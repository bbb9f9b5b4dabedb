package dev.graphshift.dualwrite;

/**
 * Receives the events of a {@link DualWriteCoordinator}; register it on the builder. Every method does
 * nothing by default. Events are created only when a listener is registered. A listener that throws is
 * logged at WARN ({@code graphshift.dualwrite.listener_failed}) and counted in {@link
 * DualWriteMetrics#listenerFailures()}; it never fails a write. Listeners are called on the thread that
 * did the work (the caller's, a secondary writer's, the retry worker's): keep them short.
 *
 * <p>Implementations must be thread-safe.
 */
public interface DualWriteListener {

  /** A write to the secondary failed. */
  default void onSecondaryWriteFailed(SecondaryWriteFailedEvent event) {}

  /** Writes entered the dead-letter queue. */
  default void onDeadLettered(DeadLetteredEvent event) {}

  /** Dead letters were tried again. */
  default void onRetried(RetriedEvent event) {}

  /** A dead letter was parked for a human. */
  default void onParked(ParkedEvent event) {}

  /** The mapper or the secondary rejected records. */
  default void onRejected(RecordsRejectedEvent event) {}

  /** The backfill view skipped records deleted by dual writes. */
  default void onBackfillSkipped(BackfillRecordsSkippedEvent event) {}
}
