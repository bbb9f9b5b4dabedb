package dev.graphshift.runbook;

/**
 * Receives a runbook's events; every method defaults to doing nothing. Listeners are registered on the
 * builder and called on the thread that caused the event; one that throws is logged at WARN ({@code
 * graphshift.runbook.listener_failed}) and counted, and never fails the runbook.
 *
 * <p>Implementations must be thread-safe.
 */
public interface RunbookListener {

  /** The runbook entered the next phase. */
  default void onPhaseAdvanced(PhaseAdvancedEvent event) {}

  /** The runbook returned to an earlier phase. */
  default void onPhaseRolledBack(PhaseRolledBackEvent event) {}

  /** Gates failed on an advance (refused, or overridden). */
  default void onGateFailed(GateFailedEvent event) {}

  /** Evidence was stored. */
  default void onEvidenceRecorded(EvidenceRecordedEvent event) {}
}
