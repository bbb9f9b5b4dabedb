package dev.graphshift.repository;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A shadowed repository read was compared with the new bean's answer.
 *
 * <p>Immutable.
 *
 * @param repository the proxy's name
 * @param at when, on the policy's clock
 * @param method the method, e.g. {@code findById(String)}
 * @param key the routing key (the method's name for a read without one)
 * @param matched whether the comparator judged the answers alike
 * @param similarity the comparator's score
 */
public record RepositoryReadComparedEvent(
    String repository, Instant at, String method, String key, boolean matched, double similarity) {

  public RepositoryReadComparedEvent {
    requireNonNull(repository, "repository");
    requireNonNull(at, "at");
    requireNonNull(method, "method");
    requireNonNull(key, "key");
  }
}
