package dev.graphshift.repository;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A read routed to the new bean failed and was answered by the old one.
 *
 * <p>Immutable.
 *
 * @param repository the proxy's name
 * @param at when, on the policy's clock
 * @param method the method
 * @param key the routing key
 * @param error the new bean's failure
 */
public record RepositoryFallbackUsedEvent(String repository, Instant at, String method, String key, Throwable error) {

  public RepositoryFallbackUsedEvent {
    requireNonNull(repository, "repository");
    requireNonNull(at, "at");
    requireNonNull(method, "method");
    requireNonNull(key, "key");
    requireNonNull(error, "error");
  }
}
