package dev.graphshift.memory;

import dev.graphshift.QueryResult;
import java.util.Map;

/**
 * How an {@link InMemoryGraphDatabase} answers a named read: a function of the database and the
 * parameters.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface InMemoryQuery {

  /** Answers the read. */
  QueryResult answer(InMemoryGraphDatabase database, Map<String, Object> parameters);
}
