package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import dev.graphshift.GraphShiftException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An advance was refused because gates failed; nothing changed. {@link #failed()} says why; do what
 * they ask (run the backfill, wait for the dual write to catch up, ...) and advance again, or force the
 * advance with a recorded reason ({@link MigrationRunbook#forceAdvance(String, String)}).
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class GateRefusedException extends GraphShiftException {
  private final MigrationPhase from;
  private final MigrationPhase to;
  private final List<GateResult> results;

  /**
   * Creates an exception.
   *
   * @param runbook the runbook's name
   * @param from the phase the runbook stays in
   * @param to the phase it was refused
   * @param results every gate of {@code to}, as evaluated
   */
  public GateRefusedException(String runbook, MigrationPhase from, MigrationPhase to, List<GateResult> results) {
    super(runbook, "cannot advance from " + from + " to " + to + ": " + results.stream().filter(r -> !r.passed())
        .map(r -> r.gate() + ": " + r.reason()).collect(Collectors.joining("; ")), null);
    this.from = requireNonNull(from, "from");
    this.to = requireNonNull(to, "to");
    this.results = List.copyOf(results);
  }

  /** The phase the runbook stays in. */
  public MigrationPhase from() {
    return from;
  }

  /** The phase it was refused. */
  public MigrationPhase to() {
    return to;
  }

  /** Every gate of the phase refused, as evaluated. */
  public List<GateResult> results() {
    return results;
  }

  /** The gates that failed. */
  public List<GateResult> failed() {
    return results.stream().filter(r -> !r.passed()).toList();
  }
}
