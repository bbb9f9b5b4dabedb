package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The retry worker tried dead letters again.
 *
 * <p>Immutable.
 *
 * @param coordinator the coordinator's name
 * @param at when, by the coordinator's clock
 * @param sequences the entries tried
 * @param ids the ids of their records, in the primary's form
 * @param succeeded whether the secondary applied them (failed ones go back to the queue or are parked)
 * @param failure why they failed, if they did
 */
public record RetriedEvent(
    String coordinator, Instant at, List<Long> sequences, List<String> ids, boolean succeeded,
    Optional<Throwable> failure) {
  public RetriedEvent {
    requireNonNull(coordinator, "coordinator");
    requireNonNull(at, "at");
    sequences = List.copyOf(sequences);
    ids = List.copyOf(ids);
    requireNonNull(failure, "failure");
  }
}
