package dev.graphshift.repository;

/**
 * Receives the events of repository proxies; every method defaults to doing nothing. Called on the
 * thread that caused the event (a caller's, or an asynchronous writer's); one that throws is logged at
 * WARN ({@code graphshift.repository.listener_failed}) and counted, and never fails the call.
 *
 * <p>Implementations must be thread-safe.
 */
public interface RepositoryListener {

  /** An asynchronous write's attempt failed. */
  default void onWriteFailed(RepositoryWriteFailedEvent event) {}

  /** An asynchronous write was parked. */
  default void onWriteParked(RepositoryWriteParkedEvent event) {}

  /** A shadowed read was compared. */
  default void onReadCompared(RepositoryReadComparedEvent event) {}

  /** A routed read fell back to the old bean. */
  default void onFallbackUsed(RepositoryFallbackUsedEvent event) {}
}
