package dev.graphshift;

import java.util.List;

/**
 * The outcome of checking or converting a batch: the records that passed, in input order, and those
 * that were rejected, with reasons. {@code accepted().size() + rejected().size()} equals the input size.
 *
 * <p>Immutable.
 *
 * @param accepted the records that passed
 * @param rejected the records that did not, each with its rule and message
 * @param <T> the record type
 */
public record Checked<T>(List<T> accepted, List<Rejected> rejected) {

  public Checked {
    accepted = List.copyOf(accepted);
    rejected = List.copyOf(rejected);
  }

  /** A batch in which every record passed. */
  public static <T> Checked<T> allAccepted(List<T> records) {
    return new Checked<>(records, List.of());
  }

  /** The number of records that were checked. */
  public int size() {
    return accepted.size() + rejected.size();
  }
}
