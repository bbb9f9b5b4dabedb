package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

/**
 * The verdict of one {@link Gate}: passed or not, and why, in words an operator can act on ("12 dead
 * letters pending, 1 parked", "match rate 0.962 over 4 210 comparisons, below 0.99").
 *
 * <p>Immutable.
 *
 * @param gate the gate's name
 * @param passed whether the gate lets the advance through
 * @param reason why, for the status, the history and the refusal
 */
public record GateResult(String gate, boolean passed, String reason) {

  public GateResult {
    requireNonNull(gate, "gate");
    requireNonNull(reason, "reason");
  }

  /** A passed verdict. */
  public static GateResult pass(String gate, String reason) {
    return new GateResult(gate, true, reason);
  }

  /** A failed verdict. */
  public static GateResult fail(String gate, String reason) {
    return new GateResult(gate, false, reason);
  }

  /** One line: {@code [pass] gate: reason}. */
  public String describe() {
    return (passed ? "[pass] " : "[FAIL] ") + gate + ": " + reason;
  }
}
