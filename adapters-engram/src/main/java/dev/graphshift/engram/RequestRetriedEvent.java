package dev.graphshift.engram;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A request to Engram failed in a way that may pass (a 5xx, a 503 with {@code Retry-After}, a timeout, a
 * refused connection) and is retried after a delay.
 *
 * <p>Immutable.
 *
 * @param database the adapter's name
 * @param at when, from the adapter's clock
 * @param recordIds the ids of the records the request carried, possibly none
 * @param failedAttempt the number of the attempt that failed, from 1
 * @param delay the wait before the next attempt
 * @param failure the failure's message
 */
public record RequestRetriedEvent(String database, Instant at, List<String> recordIds, int failedAttempt,
    Duration delay, String failure) {
  public RequestRetriedEvent {
    recordIds = List.copyOf(recordIds);
  }
}
