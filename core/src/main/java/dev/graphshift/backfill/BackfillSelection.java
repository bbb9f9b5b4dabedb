package dev.graphshift.backfill;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which records a backfill copies: all nodes or the nodes of chosen labels, and all relationships or
 * those of chosen types. A node is selected when it carries at least one chosen label. Selecting
 * relationships does not select their endpoints: a relationship whose endpoint is absent from the
 * target is rejected by the target with {@code dangling-endpoint}.
 *
 * <p>Immutable.
 *
 * @param allNodes whether every node is selected
 * @param nodeLabels the chosen labels when not all nodes are selected; empty for no node at all
 * @param allRelationships whether every relationship is selected
 * @param relationshipTypes the chosen types when not all relationships are selected; empty for none
 */
public record BackfillSelection(
    boolean allNodes, Set<String> nodeLabels, boolean allRelationships, Set<String> relationshipTypes) {

  private static final BackfillSelection ALL = new BackfillSelection(true, Set.of(), true, Set.of());

  /**
   * Creates a selection; the sets are copied in name order.
   *
   * @throws IllegalArgumentException if a set is non-empty while everything of its kind is selected, or
   *     holds a blank name
   */
  public BackfillSelection {
    nodeLabels = sorted(requireNonNull(nodeLabels, "nodeLabels"), "nodeLabels");
    relationshipTypes = sorted(requireNonNull(relationshipTypes, "relationshipTypes"), "relationshipTypes");
    if (allNodes && !nodeLabels.isEmpty()) {
      throw new IllegalArgumentException("nodeLabels must be empty when all nodes are selected: " + nodeLabels);
    }
    if (allRelationships && !relationshipTypes.isEmpty()) {
      throw new IllegalArgumentException(
          "relationshipTypes must be empty when all relationships are selected: " + relationshipTypes);
    }
  }

  private static Set<String> sorted(Set<String> names, String what) {
    for (String name : names) {
      if (requireNonNull(name, what).isBlank()) {
        throw new IllegalArgumentException(what + " must not hold a blank name: " + names);
      }
    }
    return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(names));
  }

  /** Every node and every relationship. */
  public static BackfillSelection all() {
    return ALL;
  }

  /**
   * Only the nodes of these labels and the relationships of these types; an empty collection selects
   * nothing of its kind.
   */
  public static BackfillSelection only(Collection<String> nodeLabels, Collection<String> relationshipTypes) {
    return new BackfillSelection(false, Set.copyOf(nodeLabels), false, Set.copyOf(relationshipTypes));
  }

  /** Whether any node is selected. */
  public boolean anyNodes() {
    return allNodes || !nodeLabels.isEmpty();
  }

  /** Whether any relationship is selected. */
  public boolean anyRelationships() {
    return allRelationships || !relationshipTypes.isEmpty();
  }

  /** A stable description, part of the checkpoint fingerprint: {@code nodes=*;relationships=[KNOWS]}. */
  public String describe() {
    return "nodes=" + (allNodes ? "*" : nodeLabels.toString())
        + ";relationships=" + (allRelationships ? "*" : relationshipTypes.toString());
  }
}
