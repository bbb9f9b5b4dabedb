package dev.graphshift.shadow;

/**
 * Receives the events of a {@link ShadowReadCoordinator}; every method does nothing by default.
 * Listeners are registered on the builder; events are built only when at least one is. A listener that
 * throws is logged at WARN ({@code graphshift.shadow.listener_failed}) and counted in {@link
 * ShadowMetrics#listenerFailures()}; it never reaches the caller.
 *
 * <p>Compared and failed events are delivered on the comparison threads; shed events on the caller's
 * thread, so keep listeners fast.
 *
 * <p>Implementations must be thread-safe.
 */
public interface ShadowReadListener {

  /** A shadowed read was compared. */
  default void onCompared(ShadowReadComparedEvent event) {}

  /** A shadowed read could not be compared. */
  default void onFailed(ShadowReadFailedEvent event) {}

  /** A sampled read was shed. */
  default void onShed(ShadowReadShedEvent event) {}
}
