package dev.graphshift.shadow;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An example of a shadowed read that did not match, kept in the coordinator's bounded reservoir so a
 * user can see what differs. Answers are kept as bounded descriptions, not as objects.
 *
 * <p>Immutable.
 *
 * @param at when it was recorded, on the coordinator's clock
 * @param read the read: {@code query:<name>}, {@code getNode}, {@code getNodes}, {@code getRelationship}
 *     or {@code getRelationships}
 * @param key the read's key (its routing key, for reads by id the id)
 * @param kind how it ended
 * @param similarity the comparator's score, for a mismatch
 * @param primary the primary's answer, translated into the secondary's terms, described
 * @param secondary the secondary's answer described, for a mismatch or a comparator failure
 * @param error the failure (class and message), for a failure or a timeout
 */
public record Discrepancy(
    Instant at,
    String read,
    String key,
    DiscrepancyKind kind,
    OptionalDouble similarity,
    String primary,
    Optional<String> secondary,
    Optional<String> error) {

  public Discrepancy {
    requireNonNull(at, "at");
    requireNonNull(read, "read");
    requireNonNull(key, "key");
    requireNonNull(kind, "kind");
    requireNonNull(similarity, "similarity");
    requireNonNull(primary, "primary");
    requireNonNull(secondary, "secondary");
    requireNonNull(error, "error");
  }
}
