package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The share of a cutover was set by hand (an operator, or another instance through the control store).
 *
 * <p>Immutable.
 *
 * @param router the name of the router
 * @param at when it happened, on the router's clock
 * @param fromBasisPoints the share before
 * @param toBasisPoints the share now
 * @param trigger who set it
 */
public record CutoverShareChangedEvent(String router, Instant at, int fromBasisPoints, int toBasisPoints, CutoverTrigger trigger) {

  public CutoverShareChangedEvent {
    requireNonNull(router, "router");
    requireNonNull(at, "at");
    requireNonNull(trigger, "trigger");
  }
}
