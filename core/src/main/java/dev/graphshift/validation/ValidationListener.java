package dev.graphshift.validation;

/**
 * Receives a validator's events; every method defaults to doing nothing. A listener that throws is
 * logged at WARN ({@code graphshift.validation.listener_failed}) and counted; it never fails a validation.
 *
 * <p>Implementations must be thread-safe.
 */
public interface ValidationListener {

  /** A validation finished (counts, sample or full), passed or not. */
  default void onCompleted(ValidationCompletedEvent event) {}

  /** A repair finished. */
  default void onRepaired(RepairCompletedEvent event) {}

  /** A scheduled validation could not run (a database was down); the schedule goes on. */
  default void onFailed(ValidationFailedEvent event) {}
}
