package dev.graphshift.cutover;

import java.time.Duration;
import java.util.Optional;

/**
 * One step of a {@link CutoverSchedule}: a share of reads held for a while before the next step.
 *
 * <p>Immutable.
 *
 * @param basisPoints the share of reads routed to the secondary during the step, 1..10 000
 * @param hold how long the step lasts before the schedule advances; empty for the final step, which
 *     lasts until an operator acts
 */
public record ScheduleStep(int basisPoints, Optional<Duration> hold) {

  /**
   * Creates a step.
   *
   * @throws NullPointerException if hold is null
   * @throws IllegalArgumentException if the share is outside 1..10 000 or the hold not positive
   */
  public ScheduleStep {
    if (basisPoints < 1 || basisPoints > CutoverState.ALL) {
      throw new IllegalArgumentException("a step's share must be within 1..10000 basis points: " + basisPoints);
    }
    if (hold.isPresent() && (hold.get().isNegative() || hold.get().isZero())) {
      throw new IllegalArgumentException("a step's hold must be positive: " + hold.get());
    }
  }

  /** Whether this is a final step (no hold). */
  public boolean isFinal() {
    return hold.isEmpty();
  }
}
