package dev.graphshift.shadow;

/**
 * How a shadowed read ended when it did not match.
 *
 * <p>Immutable.
 */
public enum DiscrepancyKind {
  /** Both sides answered, and the comparator judged the answers different. */
  MISMATCH,
  /** The secondary failed the read. */
  SECONDARY_FAILED,
  /** The comparator threw. */
  COMPARATOR_FAILED,
  /** The secondary did not answer within the timeout. */
  TIMED_OUT
}
