package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import dev.graphshift.cutover.internal.RoutingKeys;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the routing key of a named read ({@link dev.graphshift.GraphDatabase#query(String, Map)})
 * from its name and parameters. The key decides, through {@link RoutingHash}, whether a read is routed
 * to the secondary (cutover) or compared (shadow sampling); the same key always decides the same way.
 * Reads by id ({@code getNode}, {@code getRelationship}) are keyed by the id; a read of several ids by the
 * smallest of them.
 *
 * <p>An empty key means "no key": the cutover router then decides at random (seeded) for that read.
 *
 * <p>Implementations must be thread-safe, fast and free of side effects.
 */
@FunctionalInterface
public interface RoutingKeyExtractor {

  /** The routing key of a read, or empty when it has none. */
  Optional<String> key(String queryName, Map<String, Object> parameters);

  /**
   * The key is the value of one parameter, rendered canonically (see {@link #nameAndParameters()});
   * empty when the read does not carry that parameter. Use the entity or partition key (a user id, a
   * node id), so that every read about one entity goes the same way.
   *
   * @throws NullPointerException if parameterName is null
   */
  static RoutingKeyExtractor parameter(String parameterName) {
    requireNonNull(parameterName, "parameterName");
    return (name, parameters) -> {
      Object value = parameters.get(parameterName);
      return value == null ? Optional.empty() : Optional.of(RoutingKeys.canonical(value));
    };
  }

  /**
   * The default: the read's name and all its parameters, as {@code name?k1=v1&k2=v2} with keys sorted;
   * values are rendered with {@code String.valueOf}, vectors as their type, length and {@code
   * Arrays.hashCode}. The same read with the same parameters always has the same key in every JVM, for
   * the value kinds of {@link dev.graphshift.PropertyValues}.
   */
  static RoutingKeyExtractor nameAndParameters() {
    return RoutingKeys.NAME_AND_PARAMETERS;
  }

  /** No key for any read: the router decides each read at random. */
  static RoutingKeyExtractor none() {
    return RoutingKeys.NONE;
  }
}
