package dev.graphshift.mapping;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * The embedder of a {@link SchemaMapper} threw, or answered with the wrong number of vectors, for a batch
 * of nodes; each of them was rejected with {@link dev.graphshift.Rules#EMBEDDING_FAILED}.
 *
 * <p>Immutable.
 *
 * @param mapper the mapper's name
 * @param at when, by the mapper's clock
 * @param embedder the embedder's name
 * @param nodeIds the ids of the nodes rejected
 * @param error what went wrong
 */
public record EmbedderFailedEvent(String mapper, Instant at, String embedder, List<String> nodeIds, String error) {

  public EmbedderFailedEvent {
    requireNonNull(mapper, "mapper");
    requireNonNull(at, "at");
    requireNonNull(embedder, "embedder");
    nodeIds = List.copyOf(nodeIds);
    requireNonNull(error, "error");
  }
}
