package dev.graphshift;

import java.util.Map;

/**
 * A record a migration moves: a {@link Node} or a {@link Relationship}.
 *
 * <p>Immutable.
 */
public sealed interface GraphRecord permits Node, Relationship {

  /** The migration identity: a stable string chosen by configuration and kept by every target. */
  String id();

  /** The properties, an immutable map whose values are of the kinds {@link PropertyValues} allows. */
  Map<String, Object> properties();

  /** {@code "node"} or {@code "relationship"}, for messages. */
  String kind();

  /** A short description for messages and logs, for example {@code node 'p1'}; never the properties. */
  default String describe() {
    return kind() + " '" + id() + "'";
  }
}
