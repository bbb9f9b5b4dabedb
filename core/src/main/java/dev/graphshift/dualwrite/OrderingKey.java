package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a write to the secondary must be ordered by: a node id it changes ({@link Kind#NODE}), a node
 * id it needs to exist ({@link Kind#ENDPOINT}), or a relationship id it changes ({@link
 * Kind#RELATIONSHIP}). Ids are those of the secondary (after {@link
 * dev.graphshift.mapping.RecordMapper#nodeId(String)} and {@link
 * dev.graphshift.mapping.RecordMapper#relationshipId(String)}).
 *
 * <p>Two keys <b>conflict</b> when they name the same node, or the same relationship, and at least one
 * of them is exclusive ({@code NODE} or {@code RELATIONSHIP}). So a node upsert or delete conflicts
 * with every write that names the node, including relationship upserts naming it as an endpoint
 * (whose existence they depend on, and which a detach delete removes), while two relationship upserts
 * that only share an endpoint do not conflict. Writes whose keys do not conflict commute: applying them
 * in either order leaves the same graph. That is why ordering conflicting writes is enough for the
 * secondary to converge to the primary.
 *
 * <p>Immutable.
 */
public final class OrderingKey {

  /** What a key stands for. */
  public enum Kind {
    /** A node the write creates, replaces or deletes: exclusive. */
    NODE,
    /** A node a relationship write needs as its start or end: shared. */
    ENDPOINT,
    /** A relationship the write creates, replaces or deletes: exclusive. */
    RELATIONSHIP
  }

  private final Kind kind;
  private final String id;
  private final String resource;

  private OrderingKey(Kind kind, String id) {
    this.kind = requireNonNull(kind, "kind");
    this.id = requireNonNull(id, "id");
    this.resource = (kind == Kind.RELATIONSHIP ? "r:" : "n:") + id;
  }

  /** A key of this kind on this id. */
  public static OrderingKey of(Kind kind, String id) {
    return new OrderingKey(kind, id);
  }

  /** The exclusive key of a node a write changes. */
  public static OrderingKey node(String id) {
    return new OrderingKey(Kind.NODE, id);
  }

  /** The shared key of a node a relationship write needs. */
  public static OrderingKey endpoint(String id) {
    return new OrderingKey(Kind.ENDPOINT, id);
  }

  /** The exclusive key of a relationship a write changes. */
  public static OrderingKey relationship(String id) {
    return new OrderingKey(Kind.RELATIONSHIP, id);
  }

  /** The kind of key. */
  public Kind kind() {
    return kind;
  }

  /** The id of the node or relationship, as the secondary knows it. */
  public String id() {
    return id;
  }

  /** Whether the key is exclusive ({@code NODE} or {@code RELATIONSHIP}). */
  public boolean exclusive() {
    return kind != Kind.ENDPOINT;
  }

  /**
   * The thing this key orders by: {@code n:<id>} for nodes and endpoints, {@code r:<id>} for
   * relationships (node and relationship ids are separate namespaces).
   */
  public String resource() {
    return resource;
  }

  /** Whether this key and another name the same node or relationship and one of them is exclusive. */
  public boolean conflictsWith(OrderingKey other) {
    return resource.equals(other.resource) && (exclusive() || other.exclusive());
  }

  /**
   * The keys with one key per resource, the exclusive one where a resource appears both ways (a
   * self-loop names its node twice; a node id may equal a relationship id, which is a different
   * resource), in first-appearance order.
   */
  public static List<OrderingKey> normalize(List<OrderingKey> keys) {
    if (keys.size() <= 1) {
      return List.copyOf(keys);
    }
    Map<String, OrderingKey> byResource = new LinkedHashMap<>(keys.size() * 2);
    for (OrderingKey k : keys) {
      OrderingKey earlier = byResource.putIfAbsent(k.resource, k);
      if (earlier != null && !earlier.exclusive() && k.exclusive()) {
        byResource.put(k.resource, k);
      }
    }
    return byResource.size() == keys.size() ? List.copyOf(keys) : List.copyOf(new ArrayList<>(byResource.values()));
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof OrderingKey other && kind == other.kind && id.equals(other.id));
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + id.hashCode();
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " '" + id + "'";
  }
}
