package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import dev.graphshift.GraphShiftException;
import dev.graphshift.Retryable;
import org.jspecify.annotations.Nullable;

/**
 * A change of phase could not be completed safely and did not happen: the handle kept the composition
 * it had, and nothing was stored. The message says why: writes still in flight, a dual write that did
 * not catch up in time (its queued writes would land after the other direction's), the state store
 * could not be written, or another process changed the phase first ({@link MigrationRunbook#refresh()}).
 * Trying again later may succeed.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class PhaseTransitionException extends GraphShiftException implements Retryable {
  private final MigrationPhase from;
  private final MigrationPhase to;

  /**
   * Creates an exception.
   *
   * @param runbook the runbook's name
   * @param from the phase the runbook stays in
   * @param to the phase it did not enter
   * @param message why
   * @param cause the underlying failure, or null
   */
  public PhaseTransitionException(String runbook, MigrationPhase from, MigrationPhase to, String message,
      @Nullable Throwable cause) {
    super(runbook, from + " -> " + to + ": " + message, cause);
    this.from = requireNonNull(from, "from");
    this.to = requireNonNull(to, "to");
  }

  /** The phase the runbook stays in. */
  public MigrationPhase from() {
    return from;
  }

  /** The phase it did not enter. */
  public MigrationPhase to() {
    return to;
  }
}
