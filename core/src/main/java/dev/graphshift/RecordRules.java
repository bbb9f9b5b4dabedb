package dev.graphshift;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The rules every record must satisfy before any database writes it: a non-blank id; non-blank,
 * well-formed labels, types and property keys; property values inside the closed set of {@link
 * PropertyValues}; and, within one batch, distinct ids. Every adapter runs its batches through {@link
 * #checkNodes(List)} or {@link #checkRelationships(List)} first, so a bad record is rejected with the same
 * rule and message whatever the database.
 *
 * <p>Whether a relationship's endpoints exist is the database's to check ({@link Rules#DANGLING_ENDPOINT}).
 *
 * <p>Thread-safe.
 */
public final class RecordRules {
  private RecordRules() {}

  /** Checks one node. */
  public static Optional<Rejected> check(Node node) {
    return Optional.ofNullable(problem(node));
  }

  /** Checks one relationship. */
  public static Optional<Rejected> check(Relationship relationship) {
    return Optional.ofNullable(problem(relationship));
  }

  /** Checks a batch of nodes: each node, then distinct ids (the first occurrence of an id wins). */
  public static Checked<Node> checkNodes(List<Node> nodes) {
    return checkBatch(nodes, true);
  }

  /** Checks a batch of relationships: each one, then distinct ids (the first occurrence wins). */
  public static Checked<Relationship> checkRelationships(List<Relationship> relationships) {
    return checkBatch(relationships, false);
  }

  private static <T extends GraphRecord> Checked<T> checkBatch(List<T> records, boolean nodes) {
    List<T> accepted = null;
    List<Rejected> rejected = null;
    Map<String, Integer> seen = new HashMap<>(Math.max(16, records.size() * 2));
    for (int i = 0, n = records.size(); i < n; i++) {
      T r = records.get(i);
      Rejected problem = nodes ? problem((Node) r) : problem((Relationship) r);
      if (problem == null) {
        Integer first = seen.putIfAbsent(r.id(), i);
        if (first != null) {
          problem = new Rejected(r, Rules.DUPLICATE_ID,
              "id '" + r.id() + "' appears at index " + first + " and again at index " + i
                  + " of the same batch; the first occurrence is written");
        }
      }
      if (problem != null) {
        if (rejected == null) {
          rejected = new ArrayList<>();
          accepted = new ArrayList<>(records.subList(0, i));
        }
        rejected.add(problem);
      } else if (accepted != null) {
        accepted.add(r);
      }
    }
    return rejected == null ? Checked.allAccepted(records) : new Checked<>(accepted, rejected);
  }

  static @Nullable Rejected problem(Node node) {
    if (node.id().isBlank()) {
      return new Rejected(node, Rules.ID_MISSING, "the node has a blank id (labels " + node.labels() + ")");
    }
    for (String label : node.labels()) {
      if (label.isBlank() || !PropertyValues.wellFormed(label)) {
        return new Rejected(node, Rules.LABEL_INVALID,
            "label '" + label + "' is blank or holds an unpaired UTF-16 surrogate");
      }
    }
    return propertiesProblem(node);
  }

  static @Nullable Rejected problem(Relationship rel) {
    if (rel.id().isBlank()) {
      return new Rejected(rel, Rules.ID_MISSING,
          "the relationship has a blank id (" + rel.startId() + "-[" + rel.type() + "]->" + rel.endId() + ")");
    }
    if (rel.type().isBlank() || !PropertyValues.wellFormed(rel.type())) {
      return new Rejected(rel, Rules.TYPE_INVALID,
          "type '" + rel.type() + "' is blank or holds an unpaired UTF-16 surrogate");
    }
    if (rel.startId().isBlank() || rel.endId().isBlank()) {
      return new Rejected(rel, Rules.ID_MISSING, "the relationship has a blank start or end node id");
    }
    return propertiesProblem(rel);
  }

  private static @Nullable Rejected propertiesProblem(GraphRecord record) {
    for (Map.Entry<String, Object> e : record.properties().entrySet()) {
      String key = e.getKey();
      if (key.isBlank() || !PropertyValues.wellFormed(key)) {
        return new Rejected(record, Rules.PROPERTY_KEY_INVALID,
            "property key '" + key + "' is blank or holds an unpaired UTF-16 surrogate");
      }
      PropertyValues.Violation violation = PropertyValues.violation(e.getValue());
      if (violation != null) {
        return new Rejected(record, violation.rule(), "property '" + key + "' " + violation.message());
      }
    }
    return null;
  }
}
