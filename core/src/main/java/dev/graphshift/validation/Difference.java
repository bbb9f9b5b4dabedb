package dev.graphshift.validation;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One record that differs between source and target, found by a full validation.
 *
 * <p>Immutable.
 *
 * @param kind node or relationship
 * @param type missing from the target, extra on the target, or different
 * @param sourceId the source id (empty for an extra record)
 * @param targetId the target id
 * @param detail what differs, for example {@code property 'age': expected 42, found 43}
 */
public record Difference(Kind kind, Type type, Optional<String> sourceId, String targetId, String detail) {

  /** Nodes or relationships. */
  public enum Kind {
    /** A node. */
    NODE,
    /** A relationship. */
    RELATIONSHIP
  }

  /** How a record differs. */
  public enum Type {
    /** On the source, absent from the target: repair copies it. */
    MISSING,
    /** On the target, absent from the source: repair deletes it. */
    EXTRA,
    /** On both, but different: repair copies it over the target's (an upsert). */
    DIFFERENT
  }

  public Difference {
    requireNonNull(kind, "kind");
    requireNonNull(type, "type");
    requireNonNull(sourceId, "sourceId");
    requireNonNull(targetId, "targetId");
    requireNonNull(detail, "detail");
  }
}
