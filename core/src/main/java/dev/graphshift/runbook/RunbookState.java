package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import dev.graphshift.cutover.CutoverState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link RunbookStateStore} keeps of a runbook: its phase, its history, the evidence its gates
 * read, and (unless the cutover router was given a control store of its own) the cutover's state, so
 * that a restarted runbook resumes in the same phase with the same cutover share. Versioned for
 * compare-and-set, like {@link CutoverState}.
 *
 * <p>The history keeps the last {@link #MAX_HISTORY} transitions (a migration makes a handful).
 *
 * <p>Immutable.
 *
 * @param runbook the runbook's name
 * @param version the version in the store: 1 for the first stored state, one more with every change
 * @param phase the phase
 * @param changedAt when this state was stored
 * @param history the transitions, oldest first
 * @param evidence the latest evidence of each kind
 * @param cutover the cutover router's state, when the runbook's store holds it
 */
public record RunbookState(
    String runbook,
    long version,
    MigrationPhase phase,
    Instant changedAt,
    List<Transition> history,
    Map<String, Evidence> evidence,
    Optional<CutoverState> cutover) {

  /** The most transitions the history keeps; older ones are dropped. */
  public static final int MAX_HISTORY = 1_000;

  /**
   * Creates a state.
   *
   * @throws IllegalArgumentException if the version is below 1
   */
  public RunbookState {
    requireNonNull(runbook, "runbook");
    requireNonNull(phase, "phase");
    requireNonNull(changedAt, "changedAt");
    requireNonNull(cutover, "cutover");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1: " + version);
    }
    history = history.size() > MAX_HISTORY
        ? List.copyOf(history.subList(history.size() - MAX_HISTORY, history.size()))
        : List.copyOf(history);
    evidence = Map.copyOf(evidence);
  }

  /** The state of a runbook that has just been created: {@link MigrationPhase#SINGLE_WRITE}, version 1. */
  public static RunbookState initial(String runbook, Instant at) {
    return new RunbookState(runbook, 1, MigrationPhase.SINGLE_WRITE, at, List.of(), Map.of(), Optional.empty());
  }

  /** The latest evidence of a kind. */
  public Optional<Evidence> evidence(String kind) {
    return Optional.ofNullable(evidence.get(kind));
  }

  /** When the runbook last entered a phase, if the history records it. */
  public Optional<Instant> enteredAt(MigrationPhase p) {
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i).to() == p) {
        return Optional.of(history.get(i).at());
      }
    }
    return Optional.empty();
  }

  /** The last transition, if any. */
  public Optional<Transition> lastTransition() {
    return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
  }

  /** This state, one version later, changed at {@code at}, with the cutover's state replaced. */
  public RunbookState withCutover(Optional<CutoverState> value, Instant at) {
    return new RunbookState(runbook, version + 1, phase, at, history, evidence, value);
  }

  /** This state, one version later, with one more piece of evidence (replacing the earlier one of its kind). */
  public RunbookState withEvidence(Evidence value) {
    Map<String, Evidence> e = new LinkedHashMap<>(evidence);
    e.put(value.kind(), value);
    return new RunbookState(runbook, version + 1, phase, value.at(), history, e, cutover);
  }

  /**
   * This state, one version later, in the transition's phase with the transition appended. A rollback
   * discards the evidence recorded in the phases after the one it returns to.
   */
  public RunbookState after(Transition t, List<Evidence> recorded) {
    List<Transition> h = new ArrayList<>(history.size() + 1);
    h.addAll(history);
    h.add(t);
    Map<String, Evidence> e = new LinkedHashMap<>();
    for (Evidence x : evidence.values()) {
      if (!t.rollback() || !t.to().isBefore(x.phase())) {
        e.put(x.kind(), x);
      }
    }
    for (Evidence x : recorded) {
      e.put(x.kind(), x);
    }
    return new RunbookState(runbook, version + 1, t.to(), t.at(), h, e, cutover);
  }
}
