package dev.graphshift;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A directed, typed relationship between two nodes, identified by its own migration id so that
 * parallel relationships of one type between the same two nodes stay distinct.
 *
 * <p>Properties are normalized as for {@link Node}; {@link #equals(Object)} compares vectors by content.
 *
 * <p>Immutable.
 *
 * @param id the migration identity
 * @param type the relationship type
 * @param startId the id of the start node
 * @param endId the id of the end node
 * @param properties the properties
 */
public record Relationship(
    String id, String type, String startId, String endId, Map<String, Object> properties)
    implements GraphRecord {

  /**
   * Creates a relationship.
   *
   * @throws NullPointerException if an argument or a property key is null
   */
  public Relationship {
    requireNonNull(id, "id");
    requireNonNull(type, "type");
    requireNonNull(startId, "startId");
    requireNonNull(endId, "endId");
    properties = PropertyValues.normalize(requireNonNull(properties, "properties"));
  }

  /** A relationship whose properties may hold {@code Integer} or {@code Float} values (widened). */
  public static Relationship of(
      String id, String type, String startId, String endId, Map<String, ?> properties) {
    return new Relationship(id, type, startId, endId, PropertyValues.widen(properties));
  }

  /** This relationship with other properties. */
  public Relationship withProperties(Map<String, ?> newProperties) {
    return new Relationship(id, type, startId, endId, PropertyValues.widen(newProperties));
  }

  /** This relationship under another id and endpoint ids. */
  public Relationship withIds(String newId, String newStartId, String newEndId) {
    return new Relationship(newId, type, newStartId, newEndId, properties);
  }

  /** This relationship with another type. */
  public Relationship withType(String newType) {
    return new Relationship(id, newType, startId, endId, properties);
  }

  @Override
  public String kind() {
    return "relationship";
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof Relationship other
            && id.equals(other.id)
            && type.equals(other.type)
            && startId.equals(other.startId)
            && endId.equals(other.endId)
            && PropertyValues.equals(properties, other.properties));
  }

  @Override
  public int hashCode() {
    int h = id.hashCode();
    h = 31 * h + type.hashCode();
    h = 31 * h + startId.hashCode();
    h = 31 * h + endId.hashCode();
    return 31 * h + PropertyValues.hashCode(properties);
  }

  @Override
  public String toString() {
    return "Relationship[id=" + id + ", type=" + type + ", " + startId + "->" + endId
        + ", properties=" + PropertyValues.toString(properties) + "]";
  }
}
