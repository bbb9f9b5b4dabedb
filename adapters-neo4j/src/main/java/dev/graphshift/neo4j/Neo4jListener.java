package dev.graphshift.neo4j;

/**
 * Hears what a {@link Neo4jGraphDatabase} did. Register listeners on the builder; every method defaults to
 * doing nothing. Events are built only when a listener is registered. Listeners run on the caller's thread,
 * after the operation; a listener that throws is logged at WARN ({@code graphshift.neo4j.listener_failed})
 * and counted in {@link Neo4jMetrics#listenerFailures()}, and never fails the operation.
 *
 * <p>Implementations must be thread-safe: the adapter calls them from every thread that uses it.
 */
public interface Neo4jListener {

  /** A write call finished: how many records it wrote, skipped and rejected. */
  default void onBatchWritten(BatchWrittenEvent event) {}

  /** A call failed after the driver's retries; the exception is what the caller receives. */
  default void onOperationFailed(OperationFailedEvent event) {}
}
