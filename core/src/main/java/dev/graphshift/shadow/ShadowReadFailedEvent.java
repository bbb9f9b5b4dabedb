package dev.graphshift.shadow;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A shadowed read could not be compared: the secondary failed or timed out, or the comparator threw. The caller never saw it.
 *
 * <p>Immutable.
 *
 * @param coordinator the name of the shadow-read coordinator
 * @param at when it happened, on the coordinator's clock
 * @param read the read: {@code query:<name>}, {@code getNode}, {@code getNodes}, {@code
 *     getRelationship} or {@code getRelationships}
 * @param key the read's key (its routing key; for reads by id, the id)
 * @param kind what failed: {@link DiscrepancyKind#SECONDARY_FAILED}, {@link
 *     DiscrepancyKind#COMPARATOR_FAILED} or {@link DiscrepancyKind#TIMED_OUT}
 * @param error the failure: its class and message
 */
public record ShadowReadFailedEvent(String coordinator, Instant at, String read, String key, DiscrepancyKind kind, String error) {

  public ShadowReadFailedEvent {
    requireNonNull(coordinator, "coordinator");
    requireNonNull(at, "at");
    requireNonNull(read, "read");
    requireNonNull(key, "key");
    requireNonNull(kind, "kind");
    requireNonNull(error, "error");
  }
}
