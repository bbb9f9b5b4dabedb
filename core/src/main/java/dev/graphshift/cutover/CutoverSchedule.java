package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps a cutover takes on its own: each a share of reads held for a while, the last held until an
 * operator acts. The {@link GradualCutoverRouter} advances one step when the step's hold has passed on
 * its clock, and never past a tripped health gate: a trip rolls back to 0 and stops the schedule until
 * an explicit {@link GradualCutoverRouter#resume()}.
 *
 * <pre>{@code
 * CutoverSchedule.defaults();                       // 1% 24 h, 10% 24 h, 50% 48 h, then 100%
 * CutoverSchedule.compressed(Duration.ofMinutes(1)); // the same shares, one minute each (demos)
 * CutoverSchedule.builder()
 *     .step(500, Duration.ofHours(12))
 *     .step(2_500, Duration.ofDays(2))
 *     .finalStep(10_000)
 *     .build();
 * }</pre>
 *
 * <p>Immutable.
 */
public final class CutoverSchedule {
  /** The shares of the default schedule, in basis points: 1%, 10%, 50%, then 100%. */
  public static final List<Integer> DEFAULT_SHARES = List.of(100, 1_000, 5_000, 10_000);
  /** The holds of the default schedule's steps before the final one: 24 h, 24 h, 48 h. */
  public static final List<Duration> DEFAULT_HOLDS =
      List.of(Duration.ofHours(24), Duration.ofHours(24), Duration.ofHours(48));

  private final List<ScheduleStep> steps;

  private CutoverSchedule(List<ScheduleStep> steps) {
    this.steps = List.copyOf(steps);
  }

  /** The default schedule: 1% for 24 h, 10% for 24 h, 50% for 48 h, then 100%. */
  public static CutoverSchedule defaults() {
    Builder b = builder();
    for (int i = 0; i < DEFAULT_HOLDS.size(); i++) {
      b.step(DEFAULT_SHARES.get(i), DEFAULT_HOLDS.get(i));
    }
    return b.finalStep(DEFAULT_SHARES.get(DEFAULT_SHARES.size() - 1)).build();
  }

  /**
   * The default shares with every hold set to {@code hold}, for demos and rehearsals.
   *
   * @throws IllegalArgumentException if hold is not positive
   */
  public static CutoverSchedule compressed(Duration hold) {
    requireNonNull(hold, "hold");
    Builder b = builder();
    for (int i = 0; i < DEFAULT_SHARES.size() - 1; i++) {
      b.step(DEFAULT_SHARES.get(i), hold);
    }
    return b.finalStep(DEFAULT_SHARES.get(DEFAULT_SHARES.size() - 1)).build();
  }

  /** A builder for custom steps. */
  public static Builder builder() {
    return new Builder();
  }

  /** The steps, in order; the last is final. */
  public List<ScheduleStep> steps() {
    return steps;
  }

  /** A step by index. */
  public ScheduleStep step(int index) {
    return steps.get(index);
  }

  /** The index of the final step. */
  public int lastIndex() {
    return steps.size() - 1;
  }

  /** The total time from the first step to the final one. */
  public Duration totalHold() {
    Duration total = Duration.ZERO;
    for (ScheduleStep s : steps) {
      total = total.plus(s.hold().orElse(Duration.ZERO));
    }
    return total;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CutoverSchedule other && steps.equals(other.steps);
  }

  @Override
  public int hashCode() {
    return steps.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("CutoverSchedule[");
    for (int i = 0; i < steps.size(); i++) {
      ScheduleStep s = steps.get(i);
      b.append(i == 0 ? "" : " -> ").append(s.basisPoints()).append("bp");
      s.hold().ifPresent(h -> b.append(" for ").append(h));
    }
    return b.append(']').toString();
  }

  /**
   * Builds a {@link CutoverSchedule}: steps with strictly increasing shares, each with a hold, then one
   * final step.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final List<ScheduleStep> steps = new ArrayList<>();
    private boolean finished;

    private Builder() {}

    /**
     * Adds a step that holds {@code basisPoints} for {@code hold}.
     *
     * @throws NullPointerException if hold is null
     * @throws IllegalArgumentException if the share is outside 1..10 000 or not above the previous
     *     step's, or the hold is not positive
     * @throws IllegalStateException if the final step was added already
     */
    public Builder step(int basisPoints, Duration hold) {
      requireNonNull(hold, "hold");
      add(new ScheduleStep(basisPoints, Optional.of(hold)));
      return this;
    }

    /**
     * Adds the final step, held until an operator acts (usually 10 000: every read).
     *
     * @throws IllegalArgumentException if the share is outside 1..10 000 or not above the previous
     *     step's
     * @throws IllegalStateException if the final step was added already
     */
    public Builder finalStep(int basisPoints) {
      add(new ScheduleStep(basisPoints, Optional.empty()));
      finished = true;
      return this;
    }

    private void add(ScheduleStep step) {
      if (finished) {
        throw new IllegalStateException("the final step (" + steps.get(steps.size() - 1).basisPoints()
            + "bp) was added already; no step may follow it");
      }
      if (!steps.isEmpty() && step.basisPoints() <= steps.get(steps.size() - 1).basisPoints()) {
        throw new IllegalArgumentException("shares must increase from step to step: " + step.basisPoints()
            + "bp after " + steps.get(steps.size() - 1).basisPoints() + "bp");
      }
      steps.add(step);
    }

    /**
     * Builds the schedule.
     *
     * @throws IllegalStateException if no final step was added
     */
    public CutoverSchedule build() {
      if (!finished) {
        throw new IllegalStateException("a schedule needs a final step (finalStep(10_000)); steps so far: "
            + steps.size());
      }
      return new CutoverSchedule(steps);
    }
  }
}
