package dev.graphshift;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One page of a keyset scan. A page may hold fewer records than asked for, even none, and still not be
 * the last: the scan is over when {@link #next()} is empty. Records the database holds but cannot
 * represent in the model (for example a node without the configured identity property) are reported
 * in {@link #rejected()} instead of being dropped.
 *
 * <p>Immutable.
 *
 * @param items the records of this page, in cursor order
 * @param next the cursor to continue after, or empty at the end of the scan (or range)
 * @param rejected records of this page that could not be read into the model
 * @param <T> {@link Node} or {@link Relationship}
 */
public record ScanPage<T extends GraphRecord>(List<T> items, Optional<String> next, List<Rejected> rejected) {

  public ScanPage {
    items = List.copyOf(items);
    requireNonNull(next, "next");
    rejected = List.copyOf(rejected);
  }

  /** A page without rejected records. */
  public static <T extends GraphRecord> ScanPage<T> of(List<T> items, Optional<String> next) {
    return new ScanPage<>(items, next, List.of());
  }

  /** Whether the scan goes on after this page. */
  public boolean hasNext() {
    return next.isPresent();
  }
}
