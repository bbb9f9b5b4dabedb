package dev.graphshift;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;

/**
 * A node of a property graph.
 *
 * <p>The constructor copies the labels and normalizes the properties through {@link
 * PropertyValues#normalize(Map)}: {@code null} values are dropped (a graph has no null property), {@code
 * Integer}, {@code Short} and {@code Byte} widen to {@code Long} and {@code Float} to {@code Double}, lists
 * are copied. Values of other kinds are kept as given and rejected with a reason when the node is written
 * (see {@link RecordRules}). Arrays ({@code float[]}, {@code double[]}) are not copied: whoever builds a
 * node hands its vectors over and must not change them afterwards.
 *
 * <p>{@link #equals(Object)} compares vectors by content.
 *
 * <p>Immutable.
 *
 * @param id the migration identity; blank ids are rejected when written
 * @param labels the labels, possibly empty
 * @param properties the properties
 */
public record Node(String id, Set<String> labels, Map<String, Object> properties)
    implements GraphRecord {

  /**
   * Creates a node.
   *
   * @throws NullPointerException if an argument, a label or a property key is null
   */
  public Node {
    requireNonNull(id, "id");
    labels = Set.copyOf(requireNonNull(labels, "labels"));
    properties = PropertyValues.normalize(requireNonNull(properties, "properties"));
  }

  /** A node with one label. */
  public static Node of(String id, String label, Map<String, ?> properties) {
    return new Node(id, Set.of(label), PropertyValues.widen(properties));
  }

  /** This node with other properties. */
  public Node withProperties(Map<String, ?> newProperties) {
    return new Node(id, labels, PropertyValues.widen(newProperties));
  }

  /** This node with other labels. */
  public Node withLabels(Set<String> newLabels) {
    return new Node(id, newLabels, properties);
  }

  /** This node under another id. */
  public Node withId(String newId) {
    return new Node(newId, labels, properties);
  }

  @Override
  public String kind() {
    return "node";
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof Node other
            && id.equals(other.id)
            && labels.equals(other.labels)
            && PropertyValues.equals(properties, other.properties));
  }

  @Override
  public int hashCode() {
    return 31 * (31 * id.hashCode() + labels.hashCode()) + PropertyValues.hashCode(properties);
  }

  @Override
  public String toString() {
    return "Node[id=" + id + ", labels=" + labels + ", properties=" + PropertyValues.toString(properties) + "]";
  }
}
