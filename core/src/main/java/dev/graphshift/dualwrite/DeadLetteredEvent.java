package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * Writes entered the dead-letter queue.
 *
 * <p>Immutable.
 *
 * @param coordinator the coordinator's name
 * @param at when, by the coordinator's clock
 * @param cause why
 * @param sequences the entries (several writes of one id may share an entry: they coalesce)
 * @param ids the ids of the records, in the primary's form
 */
public record DeadLetteredEvent(String coordinator, Instant at, Cause cause, List<Long> sequences, List<String> ids) {

  /** Why writes entered the queue. */
  public enum Cause {
    /** The secondary failed them. */
    FAILED,
    /** The secondary had fallen behind and the coordinator's capacity was full. */
    SPILLED,
    /** An earlier write of one of their ids is in the queue, and they must not overtake it. */
    BEHIND,
    /** The secondary was failing, so the coordinator did not try it (it retries from the queue). */
    SECONDARY_DOWN,
    /** The coordinator was closing. */
    CLOSED
  }

  public DeadLetteredEvent {
    requireNonNull(coordinator, "coordinator");
    requireNonNull(at, "at");
    requireNonNull(cause, "cause");
    sequences = List.copyOf(sequences);
    ids = List.copyOf(ids);
  }
}
