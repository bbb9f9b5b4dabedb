package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A runbook entered the next phase, its gates passed or overridden ({@code forced}); also published
 * when a runbook follows an advance another process stored ({@link MigrationRunbook#refresh()}).
 *
 * <p>Immutable.
 *
 * @param runbook the runbook's name
 * @param at when, on the runbook's clock
 * @param from the phase left
 * @param to the phase entered
 * @param actor who asked for it
 * @param reason why
 * @param forced whether failing gates were overridden
 * @param gates the gates as evaluated
 */
public record PhaseAdvancedEvent(
    String runbook, Instant at, MigrationPhase from, MigrationPhase to, String actor, String reason, boolean forced,
    List<GateResult> gates) {

  public PhaseAdvancedEvent {
    requireNonNull(runbook, "runbook");
    requireNonNull(at, "at");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(actor, "actor");
    requireNonNull(reason, "reason");
    gates = List.copyOf(gates);
  }
}
