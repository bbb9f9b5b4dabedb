package dev.graphshift.backfill;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The committed state of one partition: the cursor after the last batch written to the target, whether
 * the partition is finished, and its counts so far. A cursor is saved only after its batch was written;
 * a resumed partition scans again after it, so no record is skipped.
 *
 * <p>Immutable.
 *
 * @param partition the partition
 * @param cursor the cursor after the last committed batch; empty before the first
 * @param done whether the partition's last batch is committed
 * @param read records read from the source (and owned by this partition)
 * @param written records written to the target
 * @param skipped records left alone because the target held their id already
 * @param rejected records rejected (by the source scan, the mapper or the target)
 * @param rejectedByRule the rejected records per rule
 */
public record PartitionCheckpoint(
    BackfillPartition partition,
    Optional<String> cursor,
    boolean done,
    long read,
    long written,
    long skipped,
    long rejected,
    Map<String, Long> rejectedByRule) {

  public PartitionCheckpoint {
    requireNonNull(partition, "partition");
    requireNonNull(cursor, "cursor");
    rejectedByRule = Map.copyOf(requireNonNull(rejectedByRule, "rejectedByRule"));
    if (read < 0 || written < 0 || skipped < 0 || rejected < 0) {
      throw new IllegalArgumentException("negative count in " + partition.id() + ": read=" + read
          + ", written=" + written + ", skipped=" + skipped + ", rejected=" + rejected);
    }
  }

  /** A partition that has not started. */
  public static PartitionCheckpoint start(BackfillPartition partition) {
    return new PartitionCheckpoint(partition, Optional.empty(), false, 0, 0, 0, 0, Map.of());
  }

  /**
   * This state after one more committed batch.
   *
   * @param next the cursor after the batch (empty at the end of the range)
   * @param read the records the batch read
   * @param written the records it wrote
   * @param skipped the records it skipped
   * @param rejectedByRule the records it rejected, per rule
   */
  public PartitionCheckpoint committed(
      Optional<String> next, long read, long written, long skipped, Map<String, Long> rejectedByRule) {
    long rejectedNow = 0;
    Map<String, Long> rules = new TreeMap<>(this.rejectedByRule);
    for (Map.Entry<String, Long> e : rejectedByRule.entrySet()) {
      rules.merge(e.getKey(), e.getValue(), Long::sum);
      rejectedNow += e.getValue();
    }
    return new PartitionCheckpoint(partition, next.isPresent() ? next : cursor, next.isEmpty(),
        this.read + read, this.written + written, this.skipped + skipped, this.rejected + rejectedNow, rules);
  }
}
