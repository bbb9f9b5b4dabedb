package dev.graphshift.backfill;

import static java.util.Objects.requireNonNull;

import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.ScanRequest;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One independent piece of a backfill: a plain, serializable description of a scan range (the phase, an
 * optional label or type filter, and a range of the source's cursors) that a small task runner executes
 * batch by batch. It names no database, mapper or thread, so the same partitions could be handed to a
 * distributed engine (a Spark job whose workers build the same {@link Backfiller} configuration and run
 * the partitions given to them) for graphs that outgrow one machine. The checkpoint stores each
 * partition with its last committed cursor, so a resumed backfill runs exactly the partitions it planned.
 *
 * <p>When several label partitions could read the same node (a node carrying two selected labels), each
 * partition {@link #yieldTo() yields} to the labels planned before it: it skips a node that carries one of
 * them, so every node is written, and counted, by exactly one partition.
 *
 * <p>Immutable.
 */
public final class BackfillPartition implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final BackfillPhase phase;
  private final @Nullable String filter;
  private final @Nullable String from;
  private final @Nullable String until;
  private final List<String> yieldTo;

  /**
   * Creates a partition.
   *
   * @param id a name unique within the backfill, for example {@code nodes/label:Person/0}
   * @param phase nodes or relationships
   * @param filter the label (nodes) or type (relationships) the scan is restricted to
   * @param from the cursor after which the range starts (exclusive); empty for the start of the scan
   * @param until the cursor at which the range ends (inclusive); empty for the end of the scan
   * @param yieldTo labels whose nodes this partition leaves to other partitions (node phase only)
   * @throws IllegalArgumentException if the id is blank, or labels to yield to are given for relationships
   */
  public BackfillPartition(String id, BackfillPhase phase, Optional<String> filter, Optional<String> from,
      Optional<String> until, Collection<String> yieldTo) {
    this.id = requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    this.phase = requireNonNull(phase, "phase");
    this.filter = requireNonNull(filter, "filter").orElse(null);
    this.from = requireNonNull(from, "from").orElse(null);
    this.until = requireNonNull(until, "until").orElse(null);
    this.yieldTo = List.copyOf(new TreeSet<>(requireNonNull(yieldTo, "yieldTo")));
    if (phase == BackfillPhase.RELATIONSHIPS && !this.yieldTo.isEmpty()) {
      throw new IllegalArgumentException("a relationship partition cannot yield to labels: " + yieldTo);
    }
  }

  /** A partition covering a whole scan request's range and filter. */
  public static BackfillPartition of(String id, BackfillPhase phase, ScanRequest range, Collection<String> yieldTo) {
    return new BackfillPartition(id, phase, range.filter(), range.after(), range.until(), yieldTo);
  }

  /** The partition's name, unique within its backfill. */
  public String id() {
    return id;
  }

  /** Nodes or relationships. */
  public BackfillPhase phase() {
    return phase;
  }

  /** The label or type the scan is restricted to. */
  public Optional<String> filter() {
    return Optional.ofNullable(filter);
  }

  /** The cursor after which the range starts, exclusive. */
  public Optional<String> from() {
    return Optional.ofNullable(from);
  }

  /** The cursor at which the range ends, inclusive. */
  public Optional<String> until() {
    return Optional.ofNullable(until);
  }

  /** The labels, in name order, whose nodes this partition leaves to other partitions. */
  public List<String> yieldTo() {
    return yieldTo;
  }

  /**
   * The scan request for the page after a cursor (or the first page of the range when the cursor is
   * empty), {@code batchSize} records at most.
   */
  public ScanRequest request(Optional<String> after, int batchSize) {
    return new ScanRequest(filter(), after.isPresent() ? after : from(), until(), batchSize);
  }

  /**
   * Whether this partition writes a record its scan returned: always for relationships; for nodes,
   * unless the node carries a label this partition yields to. A rejected scan record that is not a node
   * belongs to the partition that read it.
   */
  public boolean owns(GraphRecord record) {
    if (yieldTo.isEmpty() || !(record instanceof Node node)) {
      return true;
    }
    for (String label : yieldTo) {
      if (node.labels().contains(label)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof BackfillPartition other
            && id.equals(other.id)
            && phase == other.phase
            && Objects.equals(filter, other.filter)
            && Objects.equals(from, other.from)
            && Objects.equals(until, other.until)
            && yieldTo.equals(other.yieldTo));
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, phase, filter, from, until, yieldTo);
  }

  @Override
  public String toString() {
    return "BackfillPartition[" + id + ", " + phase.key()
        + (filter == null ? "" : ", filter=" + filter)
        + ", range=(" + (from == null ? "start" : from) + ", " + (until == null ? "end" : until) + "]"
        + (yieldTo.isEmpty() ? "" : ", yieldTo=" + yieldTo) + "]";
  }
}
