package dev.graphshift.shadow;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A sampled read was not compared because the comparison queue was full (or the coordinator was closing).
 *
 * <p>Immutable.
 *
 * @param coordinator the name of the shadow-read coordinator
 * @param at when it happened, on the coordinator's clock
 * @param read the read: {@code query:<name>}, {@code getNode}, {@code getNodes}, {@code
 *     getRelationship} or {@code getRelationships}
 * @param key the read's key (its routing key; for reads by id, the id)
 * @param pending the comparisons pending when it was shed
 */
public record ShadowReadShedEvent(String coordinator, Instant at, String read, String key, int pending) {

  public ShadowReadShedEvent {
    requireNonNull(coordinator, "coordinator");
    requireNonNull(at, "at");
    requireNonNull(read, "read");
    requireNonNull(key, "key");
  }
}
