package dev.graphshift.backfill;

/**
 * How a backfill cuts its scans into {@link BackfillPartition}s that run in parallel.
 *
 * <p>Immutable.
 */
public enum Partitioning {
  /**
   * Ranges of the source's scan cursors, cut by {@code GraphDatabase.splitNodeScan} and {@code
   * splitRelationshipScan} into about {@code parallelism} parts (per selected label or type when the
   * selection names some). Each record is read once. The default.
   */
  BY_ID_RANGE,
  /**
   * One partition per node label and per relationship type, from the source's counts (or the
   * selection). A node carrying several labels is read by each of their scans but written only by the
   * partition of its first label in name order; when every node is selected, a last partition scans all
   * nodes for those that carry none of the counted labels (for example unlabeled nodes). Suits sources
   * whose scans are cheap per label; for graphs whose nodes carry many labels prefer {@link
   * #BY_ID_RANGE}.
   */
  BY_LABEL
}
