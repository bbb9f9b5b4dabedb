package dev.graphshift.mapping;

/**
 * Receives the events of a {@link SchemaMapper}, on the thread that maps the batch. Methods default to
 * doing nothing. A listener that throws is logged at WARN ({@code graphshift.mapping.listener_failed}) and
 * counted in {@link SchemaMapperMetrics#listenerFailures()}; it never fails the batch.
 *
 * <p>Implementations must be thread-safe: one mapper maps batches from several threads.
 *
 * <p>Thread-safe.
 */
public interface SchemaMapperListener {

  /** The embedder failed for a batch of nodes, which were rejected. */
  default void onEmbedderFailed(EmbedderFailedEvent event) {}
}
