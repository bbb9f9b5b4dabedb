package dev.graphshift.neo4j;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Which value of a Neo4j node or relationship is its GraphShift id: a property (a key such as {@code
 * id}, the default) or the element id Neo4j assigned.
 *
 * <ul>
 *   <li>{@link #property(String)}: the property's value, as a string, is the record's id. It is not part
 *       of the record's properties on read, and on write it is set from the record's id. Readable and
 *       writable.
 *   <li>{@link #elementId()}: {@code elementId(n)} is the id. Read-only: the database chooses element
 *       ids, so writes are rejected with {@link dev.graphshift.Rules#IDENTITY_NOT_WRITABLE}; deletes by
 *       element id work. Element ids are stable only within one database and may be reused after a
 *       delete, so use it for a source that has no key property.
 * </ul>
 *
 * <p>Immutable.
 *
 * @param propertyKey the identity property, or empty for the element id
 */
public record Neo4jIdentity(Optional<String> propertyKey) {

  /** The default identity property, {@code id}. */
  public static final String DEFAULT_PROPERTY = "id";

  private static final Neo4jIdentity ELEMENT_ID = new Neo4jIdentity(Optional.empty());

  /**
   * Creates an identity.
   *
   * @throws IllegalArgumentException if the property key is blank
   */
  public Neo4jIdentity {
    requireNonNull(propertyKey, "propertyKey");
    if (propertyKey.isPresent() && propertyKey.get().isBlank()) {
      throw new IllegalArgumentException("identity property key must not be blank: '" + propertyKey.get() + "'");
    }
  }

  /** The identity held in a property. */
  public static Neo4jIdentity property(String key) {
    return new Neo4jIdentity(Optional.of(requireNonNull(key, "key")));
  }

  /** The identity in the {@code id} property. */
  public static Neo4jIdentity defaultProperty() {
    return property(DEFAULT_PROPERTY);
  }

  /** The element id Neo4j assigns (read-only). */
  public static Neo4jIdentity elementId() {
    return ELEMENT_ID;
  }

  /** Whether this is the element id. */
  public boolean isElementId() {
    return propertyKey.isEmpty();
  }

  @Override
  public String toString() {
    return propertyKey.map(k -> "property '" + k + "'").orElse("elementId");
  }
}
