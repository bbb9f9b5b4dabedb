package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

/**
 * A snapshot of a runbook's counters (since it was built) and gauges (now). The coordinators it runs
 * keep their own ({@link MigrationRunbook#dualWrite()}, {@link MigrationRunbook#shadowRead()}, {@link
 * MigrationRunbook#cutover()}).
 *
 * <p>Immutable.
 *
 * @param runbook the runbook's name
 * @param phase gauge: the phase now
 * @param advances advances made by this runbook, forced ones included
 * @param forcedAdvances advances forced past failing gates
 * @param rollbacks rollbacks made by this runbook
 * @param refusals advances refused by gates
 * @param transitionFailures changes of phase that could not complete (and did not happen)
 * @param adopted changes of phase made by another process and followed by {@link MigrationRunbook#refresh()}
 * @param writesHeld writes that waited while the handle switched phases
 * @param evidenceRecorded evidence stored
 * @param closeFailures coordinators that failed to close when retired (logged at WARN)
 * @param listenerFailures listener calls that threw
 */
public record RunbookMetrics(
    String runbook,
    MigrationPhase phase,
    long advances,
    long forcedAdvances,
    long rollbacks,
    long refusals,
    long transitionFailures,
    long adopted,
    long writesHeld,
    long evidenceRecorded,
    long closeFailures,
    long listenerFailures) {

  public RunbookMetrics {
    requireNonNull(runbook, "runbook");
    requireNonNull(phase, "phase");
  }
}
