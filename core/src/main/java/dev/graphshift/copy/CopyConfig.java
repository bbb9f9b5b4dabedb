package dev.graphshift.copy;

import dev.graphshift.backfill.BackfillConfig;
import java.util.Set;

/**
 * The settings of a {@link Copy}, as built.
 *
 * <p>Immutable.
 *
 * @param name the copy's name (also its backfill's)
 * @param nodeLabels the node labels chosen with {@code --node}; empty when none was chosen
 * @param relationshipTypes the relationship types chosen with {@code --relationship}; empty when none was
 * @param json whether JSON-lines progress is written
 * @param backfill the settings of the backfill the copy runs
 */
public record CopyConfig(
    String name, Set<String> nodeLabels, Set<String> relationshipTypes, boolean json, BackfillConfig backfill) {

  public CopyConfig {
    nodeLabels = Set.copyOf(nodeLabels);
    relationshipTypes = Set.copyOf(relationshipTypes);
  }

  /** Whether everything is copied: no label and no type was chosen. */
  public boolean everything() {
    return nodeLabels.isEmpty() && relationshipTypes.isEmpty();
  }
}
