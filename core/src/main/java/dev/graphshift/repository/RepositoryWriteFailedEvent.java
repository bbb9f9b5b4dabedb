package dev.graphshift.repository;

import static java.util.Objects.requireNonNull;

import dev.graphshift.cutover.Side;
import java.time.Instant;

/**
 * An attempt of an asynchronous repository write failed; it will be tried again, or parked.
 *
 * <p>Immutable.
 *
 * @param repository the proxy's name
 * @param at when, on the policy's clock
 * @param method the method, e.g. {@code save(Person)}
 * @param key the routing key (empty if none)
 * @param target the bean that failed
 * @param attempt the attempt that failed, from 1
 * @param error the failure
 * @param willRetry whether it will be tried again
 */
public record RepositoryWriteFailedEvent(
    String repository, Instant at, String method, String key, Side target, int attempt, Throwable error,
    boolean willRetry) {

  public RepositoryWriteFailedEvent {
    requireNonNull(repository, "repository");
    requireNonNull(at, "at");
    requireNonNull(method, "method");
    requireNonNull(key, "key");
    requireNonNull(target, "target");
    requireNonNull(error, "error");
  }
}
