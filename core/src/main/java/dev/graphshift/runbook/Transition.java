package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One change of phase in a runbook's history: from where to where, when, who did it and why, and the
 * gates as they stood.
 *
 * <p>Immutable.
 *
 * @param from the phase before
 * @param to the phase after
 * @param at when, on the runbook's clock
 * @param actor who asked for it (an operator, a deploy job, an instance id)
 * @param reason why: "gates passed" for a plain advance; the operator's words for a forced advance or a
 *     rollback
 * @param kind what kind of change
 * @param gates the gates of the phase entered, as evaluated for the change (empty for a rollback)
 */
public record Transition(
    MigrationPhase from, MigrationPhase to, Instant at, String actor, String reason, Kind kind,
    List<GateResult> gates) {

  /** What kind of change a transition was. */
  public enum Kind {
    /** An advance whose gates all passed. */
    ADVANCED,
    /** An advance past failing gates, with a recorded reason. */
    FORCED,
    /** A rollback to an earlier phase. */
    ROLLED_BACK,
    /**
     * A rollback that skipped a safety check (a dual write that had not caught up, or an old database
     * that missed writes), with a recorded reason.
     */
    FORCED_ROLLBACK
  }

  public Transition {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(at, "at");
    requireNonNull(actor, "actor");
    requireNonNull(reason, "reason");
    requireNonNull(kind, "kind");
    gates = List.copyOf(gates);
  }

  /** Whether this was a rollback, forced or not. */
  public boolean rollback() {
    return kind == Kind.ROLLED_BACK || kind == Kind.FORCED_ROLLBACK;
  }

  /** One line: {@code at from -> to kind by actor: reason}. */
  public String describe() {
    return at + " " + from + " -> " + to + " " + kind + " by " + actor + ": " + reason;
  }
}
