package dev.graphshift.engram;

/**
 * Told what the Engram adapter detects: silent drops caught by verification, near-duplicates held back,
 * requests retried. Register listeners on the builder; every method defaults to a no-op. An event is
 * only built when a listener is registered. A listener that throws is logged at WARN (key {@code
 * graphshift.engram.listener_failed}) and counted in {@link EngramMetrics#listenerFailures()}; it never
 * fails the operation.
 *
 * <p>Implementations must be thread-safe: they are called from the threads that call the adapter.
 *
 * <p>Thread-safe.
 */
public interface EngramListener {

  /** Verification found that Engram did not store a memory it answered 201 for. */
  default void onMemoryNotStored(MemoryNotStoredEvent event) {}

  /** A memory was held back because its embedding is within cosine 0.95 of another of the batch. */
  default void onNearDuplicateRejected(NearDuplicateRejectedEvent event) {}

  /** A request failed in a way that may pass and is retried after a delay. */
  default void onRequestRetried(RequestRetriedEvent event) {}
}
