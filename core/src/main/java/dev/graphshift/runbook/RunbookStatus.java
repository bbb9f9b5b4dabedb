package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import dev.graphshift.cutover.CutoverState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where a migration stands, for an operator or a dashboard: the phase, the gates of the next advance
 * with their verdicts, the dead letters, the shadow match rate, the cutover share, the evidence and the
 * latest transitions. {@link #toText()} prints it.
 *
 * <p>Immutable.
 *
 * @param runbook the runbook's name
 * @param at when the snapshot was taken, on the runbook's clock
 * @param phase the phase
 * @param next the phase an advance would enter; empty when complete
 * @param gates the gates of that phase, evaluated now
 * @param deadLetters dead letters pending in the dual write running now (0 when none runs)
 * @param parkedDeadLetters dead letters parked for a human in the dual write running now
 * @param shadowMatchRate the shadow comparisons' match rate, when they run and have compared something
 * @param shadowComparisons the shadow comparisons' verdicts so far (0 when none run)
 * @param cutoverShareBasisPoints the share of reads the new database answers, in basis points
 * @param cutover the cutover router's state, in {@link MigrationPhase#CUTOVER}
 * @param evidence the latest evidence of each kind
 * @param recentTransitions the last transitions, oldest first (at most {@link #RECENT_TRANSITIONS})
 * @param metrics the runbook's counters
 */
public record RunbookStatus(
    String runbook,
    Instant at,
    MigrationPhase phase,
    Optional<MigrationPhase> next,
    List<GateResult> gates,
    long deadLetters,
    long parkedDeadLetters,
    OptionalDouble shadowMatchRate,
    long shadowComparisons,
    int cutoverShareBasisPoints,
    Optional<CutoverState> cutover,
    List<Evidence> evidence,
    List<Transition> recentTransitions,
    RunbookMetrics metrics) {

  /** How many transitions a status shows. */
  public static final int RECENT_TRANSITIONS = 10;

  public RunbookStatus {
    requireNonNull(runbook, "runbook");
    requireNonNull(at, "at");
    requireNonNull(phase, "phase");
    requireNonNull(next, "next");
    gates = List.copyOf(gates);
    requireNonNull(shadowMatchRate, "shadowMatchRate");
    requireNonNull(cutover, "cutover");
    evidence = List.copyOf(evidence);
    recentTransitions = List.copyOf(recentTransitions);
    requireNonNull(metrics, "metrics");
  }

  /** Whether an advance would pass its gates now (false when complete). */
  public boolean ready() {
    return next.isPresent() && gates.stream().allMatch(GateResult::passed);
  }

  /** The status as readable text, one fact a line. */
  public String toText() {
    StringBuilder out = new StringBuilder(512);
    out.append("runbook '").append(runbook).append("' at ").append(at).append('\n');
    out.append("  phase: ").append(phase);
    next.ifPresent(n -> out.append(" (next: ").append(n).append(ready() ? ", ready" : ", not ready").append(')'));
    out.append('\n');
    for (GateResult g : gates) {
      out.append("    ").append(g.describe()).append('\n');
    }
    out.append("  dead letters: ").append(deadLetters).append(" pending, ").append(parkedDeadLetters)
        .append(" parked\n");
    out.append("  shadow: ").append(shadowComparisons).append(" comparisons, match rate ")
        .append(shadowMatchRate.isPresent() ? String.format(Locale.ROOT, "%.4f", shadowMatchRate.getAsDouble()) : "-")
        .append('\n');
    out.append("  cutover: ").append(String.format(Locale.ROOT, "%.2f", cutoverShareBasisPoints / 100.0))
        .append(" % of reads on the new database");
    cutover.ifPresent(c -> out.append(" (").append(c.phase()).append(", step ").append(c.step()).append(')'));
    out.append('\n');
    if (!evidence.isEmpty()) {
      out.append("  evidence:\n");
      for (Evidence e : evidence) {
        out.append("    ").append(e.describe()).append('\n');
      }
    }
    if (!recentTransitions.isEmpty()) {
      out.append("  history:\n");
      for (Transition t : recentTransitions) {
        out.append("    ").append(t.describe()).append('\n');
      }
    }
    return out.toString();
  }
}
