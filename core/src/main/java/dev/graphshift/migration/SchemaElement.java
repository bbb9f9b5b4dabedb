package dev.graphshift.migration;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One constraint or index of a graph schema: a uniqueness constraint, or an index of one of the kinds
 * below, on properties of the nodes of a label or the relationships of a type. Databases with other kinds
 * (existence and property-type constraints, full-text indexes over several labels) leave them out when
 * reading their schema, and say so in their log.
 *
 * <p>Immutable.
 *
 * @param kind a uniqueness constraint or an index of some kind
 * @param entity nodes or relationships
 * @param labelOrType the label (nodes) or relationship type
 * @param properties the properties, in order; at least one
 * @param options the settings the database needs to create the element as it is (for example Neo4j's
 *     vector index configuration, {@code vector.dimensions} and {@code vector.similarity_function});
 *     property values of the model ({@link dev.graphshift.PropertyValues}); empty for most elements. They
 *     are not part of {@link #migrationName()}
 */
public record SchemaElement(
    Kind kind, Entity entity, String labelOrType, List<String> properties, Map<String, Object> options) {

  /** What kind of schema element. */
  public enum Kind {
    /** The properties' values are unique among the label's nodes (or the type's relationships). */
    UNIQUENESS_CONSTRAINT,
    /** An index on the properties for equality and range lookups (Neo4j: a range index). */
    INDEX,
    /** An index on one string property for text predicates ({@code CONTAINS}, {@code ENDS WITH}). */
    TEXT_INDEX,
    /** An index on one point property for spatial predicates. */
    POINT_INDEX,
    /** An approximate nearest-neighbour index on one vector property; its options give the metric. */
    VECTOR_INDEX;

    /** The prefix of the migration names of this kind, for example {@code text-index}. */
    String key() {
      return switch (this) {
        case UNIQUENESS_CONSTRAINT -> "unique";
        case INDEX -> "index";
        case TEXT_INDEX -> "text-index";
        case POINT_INDEX -> "point-index";
        case VECTOR_INDEX -> "vector-index";
      };
    }

    /** How a description names this kind, for example {@code text index}. */
    String description() {
      return this == UNIQUENESS_CONSTRAINT ? "uniqueness constraint" : key().replace('-', ' ');
    }
  }

  /** What the element applies to. */
  public enum Entity {
    /** Nodes of a label. */
    NODE,
    /** Relationships of a type. */
    RELATIONSHIP
  }

  /**
   * Creates an element; the options are copied in key order.
   *
   * @throws IllegalArgumentException if the label or type is blank, or there is no property or a blank one
   */
  public SchemaElement {
    requireNonNull(kind, "kind");
    requireNonNull(entity, "entity");
    requireNonNull(labelOrType, "labelOrType");
    properties = List.copyOf(properties);
    options = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(options, "options")));
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

  /**
   * Creates an element without options.
   *
   * @throws IllegalArgumentException if the label or type is blank, or there is no property or a blank one
   */
  public SchemaElement(Kind kind, Entity entity, String labelOrType, List<String> properties) {
    this(kind, entity, labelOrType, properties, Map.of());
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

  /** This element on another label or type and properties, with the same kind and options. */
  public SchemaElement on(String newLabelOrType, List<String> newProperties) {
    return new SchemaElement(kind, entity, newLabelOrType, newProperties, options);
  }

  /** This element with other options. */
  public SchemaElement withOptions(Map<String, Object> newOptions) {
    return new SchemaElement(kind, entity, labelOrType, properties, newOptions);
  }

  /**
   * The name under which applying this element is recorded on a target: stable, and the same for the
   * same element, for example {@code unique:node:Person(id)}, {@code index:relationship:KNOWS(since)} or
   * {@code vector-index:node:Document(embedding)}. Options are not part of it.
   */
  public String migrationName() {
    return kind.key() + ":" + (entity == Entity.NODE ? "node" : "relationship") + ":" + labelOrType + "("
        + String.join(",", properties) + ")";
  }

  /**
   * A readable description, for example {@code uniqueness constraint on (:Person {id})} or {@code vector
   * index on (:Document {embedding}) with {vector.dimensions=768}}.
   */
  public String describe() {
    String props = "{" + String.join(", ", properties) + "}";
    String pattern = entity == Entity.NODE ? "(:" + labelOrType + " " + props + ")" : "()-[:" + labelOrType + " " + props + "]-()";
    return kind.description() + " on " + pattern + (options.isEmpty() ? "" : " with " + options);
  }
}
