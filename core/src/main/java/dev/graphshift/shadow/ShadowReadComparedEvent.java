package dev.graphshift.shadow;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.Duration;

/**
 * A shadowed read was compared: the secondary answered and the comparator gave its verdict.
 *
 * <p>Immutable.
 *
 * @param coordinator the name of the shadow-read coordinator
 * @param at when it happened, on the coordinator's clock
 * @param read the read: {@code query:<name>}, {@code getNode}, {@code getNodes}, {@code
 *     getRelationship} or {@code getRelationships}
 * @param key the read's key (its routing key; for reads by id, the id)
 * @param similarity the comparator's score, in [0, 1]
 * @param matched whether it matched
 * @param primaryLatency the primary's latency on the caller's thread
 * @param secondaryLatency the secondary's latency
 */
public record ShadowReadComparedEvent(String coordinator, Instant at, String read, String key, double similarity, boolean matched, Duration primaryLatency, Duration secondaryLatency) {

  public ShadowReadComparedEvent {
    requireNonNull(coordinator, "coordinator");
    requireNonNull(at, "at");
    requireNonNull(read, "read");
    requireNonNull(key, "key");
    requireNonNull(primaryLatency, "primaryLatency");
    requireNonNull(secondaryLatency, "secondaryLatency");
  }
}
