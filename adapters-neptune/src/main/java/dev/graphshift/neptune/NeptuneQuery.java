package dev.graphshift.neptune;

import dev.graphshift.QueryResult;
import java.util.Map;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;

/**
 * How a {@link NeptuneGraphDatabase} answers a named application read: a Gremlin traversal built from
 * {@code g} (sent as bytecode, so parameters travel as values, never spliced into a script) whose
 * results are turned into the normalized {@link QueryResult}.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface NeptuneQuery {

  /** Answers the read with traversals of {@code g}, a traversal source bound to Neptune. */
  QueryResult answer(GraphTraversalSource g, Map<String, Object> parameters);
}
