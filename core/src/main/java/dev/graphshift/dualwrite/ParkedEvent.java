package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A dead letter was parked for a human: its failure is permanent, or its attempts are used up. It stays
 * in the queue, and later writes of its ids queue behind it, until someone unparks or discards it.
 *
 * <p>Immutable.
 *
 * @param coordinator the coordinator's name
 * @param at when, by the coordinator's clock
 * @param sequence the entry
 * @param type the kind of operation
 * @param id the record's id, in the primary's form
 * @param attempts the failed attempts
 * @param reason why it was parked
 * @param failure the last failure, with the earlier failures of the entry attached as suppressed
 *     exceptions
 */
public record ParkedEvent(
    String coordinator, Instant at, long sequence, WriteOperation.Type type, String id, int attempts, String reason,
    Throwable failure) {
  public ParkedEvent {
    requireNonNull(coordinator, "coordinator");
    requireNonNull(at, "at");
    requireNonNull(type, "type");
    requireNonNull(id, "id");
    requireNonNull(reason, "reason");
    requireNonNull(failure, "failure");
  }
}
