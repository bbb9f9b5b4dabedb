package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A write to the secondary failed; the writes it carried went to the dead-letter queue (or were parked,
 * if the failure is permanent or the attempts are used up).
 *
 * <p>Immutable.
 *
 * @param coordinator the coordinator's name
 * @param at when, by the coordinator's clock
 * @param type the kind of operation
 * @param ids the ids of the records, in the primary's form
 * @param attempt which attempt failed (1 for the first send)
 * @param failure what failed
 * @param retryable whether the failure is {@link dev.graphshift.Retryable}
 */
public record SecondaryWriteFailedEvent(
    String coordinator, Instant at, WriteOperation.Type type, List<String> ids, int attempt, Throwable failure,
    boolean retryable) {
  public SecondaryWriteFailedEvent {
    requireNonNull(coordinator, "coordinator");
    requireNonNull(at, "at");
    requireNonNull(type, "type");
    ids = List.copyOf(ids);
    requireNonNull(failure, "failure");
  }
}
