package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * A condition checked before the runbook advances into a phase: "validation passed", "shadow match
 * rate at least 99 % over 1 000 comparisons", "dual writes caught up". {@link Gates} has the ready-made
 * ones; {@link MigrationRunbook.Builder#gate(MigrationPhase, Gate)} registers them per phase.
 *
 * <p>A gate only reads: it must not change the runbook or the databases, since {@link
 * MigrationRunbook#status()} evaluates it too. A gate that throws fails, with the exception as its
 * reason.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Gate {

  /** The gate's name, for the status, the history and refusals. */
  String name();

  /** Judges the context: whether the advance it describes may go ahead. */
  GateResult evaluate(GateContext context);

  /**
   * A gate from a name and a check.
   *
   * @throws NullPointerException if an argument is null
   */
  static Gate of(String name, Function<GateContext, GateResult> check) {
    requireNonNull(name, "name");
    requireNonNull(check, "check");
    return new Gate() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public GateResult evaluate(GateContext context) {
        return check.apply(context);
      }

      @Override
      public String toString() {
        return "Gate[" + name + "]";
      }
    };
  }
}
