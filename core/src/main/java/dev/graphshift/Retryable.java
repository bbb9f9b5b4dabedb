package dev.graphshift;

/**
 * Marks a failure that may succeed if the same work is tried again later: a database that is down or
 * overloaded, a timeout, a write conflict. It alone decides retry (dead-letter replay, backfill batch
 * retry) and cutover fallback; it cuts across the exception hierarchy, so adapters translate driver
 * errors into exceptions that carry it at the boundary and keep the cause.
 *
 * <p>Immutable.
 */
public interface Retryable {

  /** Whether a failure is marked {@code Retryable}. */
  static boolean isRetryable(Throwable t) {
    return t instanceof Retryable;
  }
}
