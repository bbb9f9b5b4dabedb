package dev.graphshift.neo4j.internal;

import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import java.util.Optional;

/**
 * Neo4j's own limit on names: a label, relationship type or property key is a token name, and Neo4j
 * refuses a token name that holds a NUL character ({@code Neo.ClientError.Schema.TokenNameError}) and
 * fails the whole transaction. Checked per record before a batch is sent, so that one such record is
 * rejected with {@link Rules#NEO4J_NAME_INVALID} instead of failing its batch.
 *
 * <p>Thread-safe.
 */
final class TokenNames {
  private TokenNames() {}

  /** The rejection of a node whose label or property key Neo4j cannot hold, if any. */
  static Optional<Rejected> problem(Node node) {
    for (String label : node.labels()) {
      if (label.indexOf('\0') >= 0) {
        return Optional.of(new Rejected(node, Rules.NEO4J_NAME_INVALID, "label '" + printable(label)
            + "' holds a NUL character, which Neo4j refuses in a label"));
      }
    }
    return keyProblem(node.properties().keySet(), node, "node");
  }

  /** The rejection of a relationship whose type or property key Neo4j cannot hold, if any. */
  static Optional<Rejected> problem(Relationship rel) {
    if (rel.type().indexOf('\0') >= 0) {
      return Optional.of(new Rejected(rel, Rules.NEO4J_NAME_INVALID, "type '" + printable(rel.type())
          + "' holds a NUL character, which Neo4j refuses in a relationship type"));
    }
    return keyProblem(rel.properties().keySet(), rel, "relationship");
  }

  private static Optional<Rejected> keyProblem(Iterable<String> keys, dev.graphshift.GraphRecord record, String kind) {
    for (String key : keys) {
      if (key.indexOf('\0') >= 0) {
        return Optional.of(new Rejected(record, Rules.NEO4J_NAME_INVALID, "property key '" + printable(key)
            + "' holds a NUL character, which Neo4j refuses in a " + kind + " property key"));
      }
    }
    return Optional.empty();
  }

  /** The name with each NUL shown as {@code \0}. */
  private static String printable(String name) {
    return name.replace("\0", "\\0");
  }
}
