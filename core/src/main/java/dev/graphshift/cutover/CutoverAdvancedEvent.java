package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The schedule advanced a cutover to its next step.
 *
 * <p>Immutable.
 *
 * @param router the name of the router
 * @param at when it happened, on the router's clock
 * @param fromBasisPoints the share before
 * @param toBasisPoints the share now
 * @param step the index of the step now in force
 * @param trigger {@link CutoverTrigger#SCHEDULE} on the instance that advanced, {@link
 *     CutoverTrigger#CONTROL_STORE} on instances that followed it
 */
public record CutoverAdvancedEvent(String router, Instant at, int fromBasisPoints, int toBasisPoints, int step, CutoverTrigger trigger) {

  public CutoverAdvancedEvent {
    requireNonNull(router, "router");
    requireNonNull(at, "at");
    requireNonNull(trigger, "trigger");
  }
}
