package dev.graphshift.neptune;

import java.time.Instant;
import java.util.List;

/**
 * A request to Neptune failed for good, permanently or after its last retry; the write that sent it
 * throws.
 *
 * <p>Immutable.
 *
 * @param database the name of the database
 * @param at when, by the database's clock
 * @param request what the request did
 * @param retryable whether the last failure was of a kind that may pass (retries ran out)
 * @param reason the failure's message
 * @param recordIds the ids of the records the request carried
 */
public record RequestFailedEvent(String database, Instant at, String request, boolean retryable, String reason,
    List<String> recordIds) {
  public RequestFailedEvent {
    recordIds = List.copyOf(recordIds);
  }
}
