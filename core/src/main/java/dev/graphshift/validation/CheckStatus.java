package dev.graphshift.validation;

/**
 * The verdict of one check.
 *
 * <p>Immutable.
 */
public enum CheckStatus {
  /** The failure rate is within the threshold. */
  PASS,
  /** The failure rate is above the threshold. */
  FAIL,
  /** The check does not apply (for example edge counts on a database without relationships). */
  NOT_APPLICABLE
}
