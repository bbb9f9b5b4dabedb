package dev.graphshift;

import java.util.ArrayList;
import java.util.List;

/**
 * What a batch write did: how many records were written, how many were skipped because they existed
 * already (under {@link WriteMode#INSERT_IF_ABSENT}), and which were rejected, with reasons. The three
 * add up to the number of records offered. For deletes, {@code written} counts the ids processed,
 * whether or not a record existed.
 *
 * <p>Immutable.
 *
 * @param written records created, replaced or deleted
 * @param skipped records left alone because a record with their id existed
 * @param rejected records not written, each with its rule and message
 */
public record WriteResult(int written, int skipped, List<Rejected> rejected) {

  private static final WriteResult EMPTY = new WriteResult(0, 0, List.of());

  public WriteResult {
    if (written < 0 || skipped < 0) {
      throw new IllegalArgumentException("negative count: written=" + written + ", skipped=" + skipped);
    }
    rejected = List.copyOf(rejected);
  }

  /** Nothing written. */
  public static WriteResult empty() {
    return EMPTY;
  }

  /** {@code n} records written, none skipped or rejected. */
  public static WriteResult written(int n) {
    return n == 0 ? EMPTY : new WriteResult(n, 0, List.of());
  }

  /** The number of records offered: written + skipped + rejected. */
  public int total() {
    return written + skipped + rejected.size();
  }

  /** Whether no record was rejected. */
  public boolean isClean() {
    return rejected.isEmpty();
  }

  /** The sum of this result and another. */
  public WriteResult plus(WriteResult other) {
    if (other.total() == 0) {
      return this;
    }
    if (total() == 0) {
      return other;
    }
    List<Rejected> all = new ArrayList<>(rejected.size() + other.rejected.size());
    all.addAll(rejected);
    all.addAll(other.rejected);
    return new WriteResult(written + other.written, skipped + other.skipped, all);
  }

  /** This result with more rejected records (for example from a check made before writing). */
  public WriteResult withRejected(List<Rejected> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Rejected> all = new ArrayList<>(rejected.size() + more.size());
    all.addAll(rejected);
    all.addAll(more);
    return new WriteResult(written, skipped, all);
  }
}
