package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * A backfill's announcement, in a {@link TombstoneStore}, that it is about to insert records: the ids it
 * writes and the nodes its relationships need. A dual write in another process that deletes one of these
 * ids waits until the claim is released or expires before it applies the delete, so the delete lands
 * after the insert. See {@code docs/consistency.md}.
 *
 * <p>Immutable.
 *
 * @param token the claim's unique token
 * @param owner the coordinator that made the claim (its own writes are ordered by its scheduler instead)
 * @param nodeIds node ids the backfill inserts, or needs as relationship endpoints
 * @param relationshipIds relationship ids the backfill inserts
 * @param until when the claim expires if it is not released
 */
public record BackfillClaim(
    String token, String owner, Set<String> nodeIds, Set<String> relationshipIds, Instant until) {

  public BackfillClaim {
    requireNonNull(token, "token");
    requireNonNull(owner, "owner");
    nodeIds = Set.copyOf(nodeIds);
    relationshipIds = Set.copyOf(relationshipIds);
    requireNonNull(until, "until");
  }

  /** Whether the claim covers one of these node or relationship ids. */
  public boolean overlaps(Set<String> nodes, Set<String> relationships) {
    for (String id : nodes) {
      if (nodeIds.contains(id)) {
        return true;
      }
    }
    for (String id : relationships) {
      if (relationshipIds.contains(id)) {
        return true;
      }
    }
    return false;
  }
}
