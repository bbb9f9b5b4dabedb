package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import dev.graphshift.cutover.CutoverState;
import dev.graphshift.dualwrite.DualWriteMetrics;
import dev.graphshift.shadow.ShadowMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link Gate} judges: the advance it guards, the runbook's stored state (history and evidence),
 * and the live figures of the coordinators running now.
 *
 * <p>Immutable.
 *
 * @param runbook the runbook's name
 * @param now the runbook's clock, now
 * @param from the phase the runbook is in
 * @param to the phase it would enter
 * @param state the runbook's stored state
 * @param dualWrite the figures of the dual write running now (forward from {@link
 *     MigrationPhase#DUAL_WRITE} to {@link MigrationPhase#CUTOVER}, reverse in {@link
 *     MigrationPhase#DECOMMISSION}); empty when none runs
 * @param dualWriteCaughtUp whether that dual write has caught up: nothing queued or in flight for its
 *     secondary and its dead-letter queue empty, parked entries included; empty when none runs
 * @param shadow the shadow comparisons' figures, in {@link MigrationPhase#SHADOW_READ} and {@link
 *     MigrationPhase#CUTOVER}
 * @param cutover the cutover router's state, in {@link MigrationPhase#CUTOVER}
 * @param rollbackWindow how long the old database is kept within reach after the new one became the
 *     primary ({@link MigrationRunbook.Builder#rollbackWindow(Duration)})
 */
public record GateContext(
    String runbook,
    Instant now,
    MigrationPhase from,
    MigrationPhase to,
    RunbookState state,
    Optional<DualWriteMetrics> dualWrite,
    Optional<Boolean> dualWriteCaughtUp,
    Optional<ShadowMetrics> shadow,
    Optional<CutoverState> cutover,
    Duration rollbackWindow) {

  public GateContext {
    requireNonNull(runbook, "runbook");
    requireNonNull(now, "now");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(state, "state");
    requireNonNull(dualWrite, "dualWrite");
    requireNonNull(dualWriteCaughtUp, "dualWriteCaughtUp");
    requireNonNull(shadow, "shadow");
    requireNonNull(cutover, "cutover");
    requireNonNull(rollbackWindow, "rollbackWindow");
  }

  /** The latest evidence of a kind. */
  public Optional<Evidence> evidence(String kind) {
    return state.evidence(kind);
  }

  /** When the runbook last entered a phase. */
  public Optional<Instant> enteredAt(MigrationPhase phase) {
    return state.enteredAt(phase);
  }
}
