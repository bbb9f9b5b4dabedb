package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * Gates failed when a runbook was asked to advance: the advance was refused, or, when {@code
 * overridden}, forced past them.
 *
 * <p>Immutable.
 *
 * @param runbook the runbook's name
 * @param at when, on the runbook's clock
 * @param from the phase the runbook was in
 * @param to the phase it was asked to enter
 * @param failed the gates that failed, with their reasons
 * @param overridden whether the advance was forced past them
 */
public record GateFailedEvent(
    String runbook, Instant at, MigrationPhase from, MigrationPhase to, List<GateResult> failed, boolean overridden) {

  public GateFailedEvent {
    requireNonNull(runbook, "runbook");
    requireNonNull(at, "at");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    failed = List.copyOf(failed);
  }
}
