package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A runbook returned to an earlier phase; also published when a runbook follows a rollback another
 * process stored ({@link MigrationRunbook#refresh()}).
 *
 * <p>Immutable.
 *
 * @param runbook the runbook's name
 * @param at when, on the runbook's clock
 * @param from the phase left
 * @param to the phase returned to
 * @param actor who asked for it
 * @param reason why
 * @param forced whether a safety check was skipped ({@link Transition.Kind#FORCED_ROLLBACK})
 */
public record PhaseRolledBackEvent(
    String runbook, Instant at, MigrationPhase from, MigrationPhase to, String actor, String reason, boolean forced) {

  public PhaseRolledBackEvent {
    requireNonNull(runbook, "runbook");
    requireNonNull(at, "at");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(actor, "actor");
    requireNonNull(reason, "reason");
  }
}
