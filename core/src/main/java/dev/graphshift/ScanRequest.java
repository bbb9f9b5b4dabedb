package dev.graphshift;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One page request of a keyset scan: an optional label (for nodes) or type (for relationships), the
 * cursor after which the page starts, an optional cursor at which the scan range ends (inclusive), and a
 * page size. Cursors are opaque strings that only the database that issued them understands; a scan
 * resumed from a cursor (for example after a crash, from a checkpoint) continues with no gap and no
 * repeat.
 *
 * <p>Immutable.
 *
 * @param filter a label (node scans) or relationship type (relationship scans) to restrict to
 * @param after the cursor after which this page starts; empty for the first page
 * @param until the cursor of the last record of this scan range, inclusive; empty for no bound
 * @param limit the largest number of records the page may hold, at least 1
 */
public record ScanRequest(Optional<String> filter, Optional<String> after, Optional<String> until, int limit) {

  /** The default page size. */
  public static final int DEFAULT_LIMIT = 1_000;

  public ScanRequest {
    requireNonNull(filter, "filter");
    requireNonNull(after, "after");
    requireNonNull(until, "until");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
  }

  /** The first page of a scan of everything, {@code limit} records at most. */
  public static ScanRequest all(int limit) {
    return new ScanRequest(Optional.empty(), Optional.empty(), Optional.empty(), limit);
  }

  /** The first page of a scan of one label (or relationship type). */
  public static ScanRequest of(String labelOrType, int limit) {
    return new ScanRequest(Optional.of(labelOrType), Optional.empty(), Optional.empty(), limit);
  }

  /** This request continued after a cursor. */
  public ScanRequest after(String cursor) {
    return new ScanRequest(filter, Optional.of(cursor), until, limit);
  }

  /** This request continued after an optional cursor (unchanged when it is empty). */
  public ScanRequest after(Optional<String> cursor) {
    return new ScanRequest(filter, cursor, until, limit);
  }

  /** This request with another page size. */
  public ScanRequest withLimit(int newLimit) {
    return new ScanRequest(filter, after, until, newLimit);
  }

  /** This request restricted to a range of cursors. */
  public ScanRequest range(Optional<String> fromExclusive, Optional<String> toInclusive) {
    return new ScanRequest(filter, fromExclusive, toInclusive, limit);
  }
}
