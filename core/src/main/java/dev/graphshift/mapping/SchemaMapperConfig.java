package dev.graphshift.mapping;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The settings of a {@link SchemaMapper}.
 *
 * <p>Immutable.
 *
 * @param name the mapper's name, in events, metrics and logs
 * @param mapping the mapping it compiles
 * @param embedder generates missing embeddings; empty when the mapping generates none
 * @param embeddingBatchSize the most texts passed to one {@link Embedder#embed(List)} call
 * @param clock the time of events
 * @param listeners notified of events, in order
 * @see SchemaMapper.Builder
 */
public record SchemaMapperConfig(
    String name,
    SchemaMapping mapping,
    Optional<Embedder> embedder,
    int embeddingBatchSize,
    Clock clock,
    List<SchemaMapperListener> listeners) {

  public SchemaMapperConfig {
    requireNonNull(name, "name");
    requireNonNull(mapping, "mapping");
    requireNonNull(embedder, "embedder");
    requireNonNull(clock, "clock");
    listeners = List.copyOf(listeners);
  }
}
