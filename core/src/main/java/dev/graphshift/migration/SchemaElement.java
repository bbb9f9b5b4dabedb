package dev.graphshift.migration;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One constraint or index of a graph schema: a uniqueness constraint or an index on properties of the
 * nodes of a label or the relationships of a type. Databases with other kinds (existence constraints,
 * full-text or vector indexes) leave them out when reading their schema.
 *
 * <p>Immutable.
 *
 * @param kind a uniqueness constraint or an index
 * @param entity nodes or relationships
 * @param labelOrType the label (nodes) or relationship type
 * @param properties the properties, in order; at least one
 */
public record SchemaElement(Kind kind, Entity entity, String labelOrType, List<String> properties) {

  /** What kind of schema element. */
  public enum Kind {
    /** The properties' values are unique among the label's nodes (or the type's relationships). */
    UNIQUENESS_CONSTRAINT,
    /** An index on the properties, for lookups. */
    INDEX
  }

  /** What the element applies to. */
  public enum Entity {
    /** Nodes of a label. */
    NODE,
    /** Relationships of a type. */
    RELATIONSHIP
  }

  /**
   * Creates an element.
   *
   * @throws IllegalArgumentException if the label or type is blank, or there is no property or a blank one
   */
  public SchemaElement {
    requireNonNull(kind, "kind");
    requireNonNull(entity, "entity");
    requireNonNull(labelOrType, "labelOrType");
    properties = List.copyOf(properties);
    if (labelOrType.isBlank()) {
      throw new IllegalArgumentException("labelOrType must not be blank");
    }
    if (properties.isEmpty()) {
      throw new IllegalArgumentException("a schema element needs at least one property: " + labelOrType);
    }
    for (String p : properties) {
      if (p.isBlank()) {
        throw new IllegalArgumentException("a property name must not be blank: " + properties);
      }
    }
  }

  /** A uniqueness constraint on nodes of a label. */
  public static SchemaElement uniqueNode(String label, String... properties) {
    return new SchemaElement(Kind.UNIQUENESS_CONSTRAINT, Entity.NODE, label, List.of(properties));
  }

  /** An index on nodes of a label. */
  public static SchemaElement nodeIndex(String label, String... properties) {
    return new SchemaElement(Kind.INDEX, Entity.NODE, label, List.of(properties));
  }

  /** An index on relationships of a type. */
  public static SchemaElement relationshipIndex(String type, String... properties) {
    return new SchemaElement(Kind.INDEX, Entity.RELATIONSHIP, type, List.of(properties));
  }

  /** This element on another label or type and properties. */
  public SchemaElement on(String newLabelOrType, List<String> newProperties) {
    return new SchemaElement(kind, entity, newLabelOrType, newProperties);
  }

  /**
   * The name under which applying this element is recorded on a target: stable, and the same for the
   * same element, for example {@code unique:node:Person(id)} or {@code index:relationship:KNOWS(since)}.
   */
  public String migrationName() {
    return (kind == Kind.UNIQUENESS_CONSTRAINT ? "unique" : "index") + ":"
        + (entity == Entity.NODE ? "node" : "relationship") + ":" + labelOrType + "(" + String.join(",", properties) + ")";
  }

  /** A readable description, for example {@code uniqueness constraint on (:Person {id})}. */
  public String describe() {
    String props = "{" + String.join(", ", properties) + "}";
    String pattern = entity == Entity.NODE ? "(:" + labelOrType + " " + props + ")" : "()-[:" + labelOrType + " " + props + "]-()";
    return (kind == Kind.UNIQUENESS_CONSTRAINT ? "uniqueness constraint on " : "index on ") + pattern;
  }
}
