package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A cutover's schedule was paused; the share stays where it is.
 *
 * <p>Immutable.
 *
 * @param router the name of the router
 * @param at when it happened, on the router's clock
 * @param shareBasisPoints the share it is paused at
 * @param trigger who paused it
 */
public record CutoverPausedEvent(String router, Instant at, int shareBasisPoints, CutoverTrigger trigger) {

  public CutoverPausedEvent {
    requireNonNull(router, "router");
    requireNonNull(at, "at");
    requireNonNull(trigger, "trigger");
  }
}
