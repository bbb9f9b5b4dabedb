package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A cutover was rolled back: every read returns to the primary.
 *
 * <p>Immutable.
 *
 * @param router the name of the router
 * @param at when it happened, on the router's clock
 * @param fromBasisPoints the share before the rollback
 * @param trigger what rolled it back
 * @param reason why, for operators (for a health gate: the verdict and its figures)
 */
public record CutoverRolledBackEvent(String router, Instant at, int fromBasisPoints, CutoverTrigger trigger, String reason) {

  public CutoverRolledBackEvent {
    requireNonNull(router, "router");
    requireNonNull(at, "at");
    requireNonNull(trigger, "trigger");
    requireNonNull(reason, "reason");
  }
}
