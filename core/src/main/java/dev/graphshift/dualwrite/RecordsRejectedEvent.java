package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import dev.graphshift.Rejected;
import java.time.Instant;
import java.util.List;

/**
 * Records did not reach the secondary because the mapper or the secondary rejected them, each with a
 * rule and a message. They are reported and counted, never retried (a rejection is a property of the
 * record, not of the moment).
 *
 * <p>Immutable.
 *
 * @param coordinator the coordinator's name
 * @param at when, by the coordinator's clock
 * @param by who rejected them
 * @param rejected the records with their rules and messages
 */
public record RecordsRejectedEvent(String coordinator, Instant at, RejectedBy by, List<Rejected> rejected) {

  /** Who rejected the records. */
  public enum RejectedBy {
    /** The {@link dev.graphshift.mapping.RecordMapper}. */
    MAPPER,
    /** The secondary database. */
    SECONDARY
  }

  public RecordsRejectedEvent {
    requireNonNull(coordinator, "coordinator");
    requireNonNull(at, "at");
    requireNonNull(by, "by");
    rejected = List.copyOf(rejected);
  }
}
