package dev.graphshift.mapping;

import dev.graphshift.Checked;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import java.util.List;
import java.util.Optional;

/**
 * Converts source records into target records, whole batches at a time. The same mapper serves the
 * backfill, the dual-write coordinator (one-record batches) and the validator, so a record reaches the
 * target identically whichever path it takes, and the validator can compare a source record with its
 * target counterpart.
 *
 * <p>A record that breaks a rule of the mapping is rejected with a reason; the batch goes on and
 * {@code accepted + rejected == input}. Implementations must be deterministic: the same source record
 * always maps to the same target record.
 *
 * <p>Implementations must be thread-safe.
 */
public interface RecordMapper {

  /** Maps a batch of source nodes to target nodes. */
  Checked<Node> mapNodes(List<Node> nodes);

  /** Maps a batch of source relationships to target relationships. */
  Checked<Relationship> mapRelationships(List<Relationship> relationships);

  /** The target id of a source node id (for deletes and lookups). */
  default String nodeId(String sourceId) {
    return sourceId;
  }

  /** The target id of a source relationship id. */
  default String relationshipId(String sourceId) {
    return sourceId;
  }

  /**
   * The target label a source label maps to, for comparing counts per label; empty when nodes of that
   * label are not carried over (or carry no label on the target).
   */
  default Optional<String> label(String sourceLabel) {
    return Optional.of(sourceLabel);
  }

  /** The target type a source relationship type maps to; empty when such relationships are not carried over. */
  default Optional<String> relationshipType(String sourceType) {
    return Optional.of(sourceType);
  }

  /** The mapper that changes nothing. */
  static RecordMapper identity() {
    return IdentityMapper.INSTANCE;
  }
}
