package dev.graphshift.neptune;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A request to Neptune failed in a way that may pass (a write conflict, a throttle, a lost connection)
 * and will be sent again after a delay.
 *
 * <p>Immutable.
 *
 * @param database the name of the database
 * @param at when, by the database's clock
 * @param request what the request did, for example {@code upsert of 40 nodes}
 * @param attempt the number of the attempt that failed, from 1
 * @param delay the wait before the next attempt
 * @param conflict whether the failure was Neptune's {@code ConcurrentModificationException}
 * @param reason the failure's message
 * @param recordIds the ids of the records the request carried
 */
public record RequestRetriedEvent(String database, Instant at, String request, int attempt, Duration delay,
    boolean conflict, String reason, List<String> recordIds) {
  public RequestRetriedEvent {
    recordIds = List.copyOf(recordIds);
  }
}
