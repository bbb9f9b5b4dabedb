package dev.graphshift.neptune;

/**
 * Hears about the requests a {@link NeptuneGraphDatabase} retries and gives up on. Every method does
 * nothing by default. A listener that throws is logged at WARN ({@code graphshift.neptune.listener_failed})
 * and counted in {@link NeptuneMetrics#listenerFailures()}; it never fails the write.
 *
 * <p>Implementations must be thread-safe: lanes call them concurrently.
 */
public interface NeptuneListener {

  /** A request failed in a way that may pass and is about to be sent again. */
  default void onRequestRetried(RequestRetriedEvent event) {}

  /** A request failed for good: permanently, or after its last retry. */
  default void onRequestFailed(RequestFailedEvent event) {}
}
