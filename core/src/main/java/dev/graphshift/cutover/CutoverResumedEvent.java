package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A cutover's schedule was resumed, at the step where it had stopped, whose hold starts again.
 *
 * <p>Immutable.
 *
 * @param router the name of the router
 * @param at when it happened, on the router's clock
 * @param shareBasisPoints the share it resumed at
 * @param step the index of the step in force
 * @param trigger who resumed it
 */
public record CutoverResumedEvent(String router, Instant at, int shareBasisPoints, int step, CutoverTrigger trigger) {

  public CutoverResumedEvent {
    requireNonNull(router, "router");
    requireNonNull(at, "at");
    requireNonNull(trigger, "trigger");
  }
}
