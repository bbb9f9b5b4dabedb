package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A read failed on the side it was routed to and was sent to the other side.
 *
 * <p>Immutable.
 *
 * @param router the name of the router
 * @param at when it happened, on the router's clock
 * @param read the read: {@code query:<name>}, {@code getNode}, {@code getNodes}, {@code
 *     getRelationship} or {@code getRelationships}
 * @param key the routing key of the read (for reads by id, the id), empty for a read without key
 * @param from the side that failed
 * @param to the side that was asked instead
 * @param error the failure of the first side: its class and message
 * @param served whether the other side answered (when it failed too, the caller got the primary's
 *     exception)
 */
public record FallbackUsedEvent(String router, Instant at, String read, Optional<String> key, Side from, Side to, String error, boolean served) {

  public FallbackUsedEvent {
    requireNonNull(router, "router");
    requireNonNull(at, "at");
    requireNonNull(read, "read");
    requireNonNull(key, "key");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(error, "error");
  }
}
