package dev.graphshift.repository;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An asynchronous repository write was parked for a human. A listener may journal it (method and
 * arguments are in the entry).
 *
 * <p>Immutable.
 *
 * @param repository the proxy's name
 * @param at when, on the policy's clock
 * @param parked the entry
 */
public record RepositoryWriteParkedEvent(String repository, Instant at, ParkedWrite parked) {

  public RepositoryWriteParkedEvent {
    requireNonNull(repository, "repository");
    requireNonNull(at, "at");
    requireNonNull(parked, "parked");
  }
}
