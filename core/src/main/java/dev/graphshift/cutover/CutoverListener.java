package dev.graphshift.cutover;

/**
 * Receives the events of a {@link GradualCutoverRouter}; every method does nothing by default.
 * Listeners are registered on the builder; events are built only when at least one is. A listener that
 * throws is logged at WARN ({@code graphshift.cutover.listener_failed}) and counted in {@link
 * CutoverMetrics#listenerFailures()}; it never fails a read or a change of state.
 *
 * <p>State events are delivered on the thread that changed the state (the caller of {@link
 * GradualCutoverRouter#rollback(String)}, the router's ticking thread, ...); fallback events on the
 * reading thread, so keep listeners fast.
 *
 * <p>Implementations must be thread-safe.
 */
public interface CutoverListener {

  /** The schedule advanced. */
  default void onAdvanced(CutoverAdvancedEvent event) {}

  /** The cutover was rolled back. */
  default void onRolledBack(CutoverRolledBackEvent event) {}

  /** The share was set by hand. */
  default void onShareChanged(CutoverShareChangedEvent event) {}

  /** The schedule was paused. */
  default void onPaused(CutoverPausedEvent event) {}

  /** The schedule was resumed. */
  default void onResumed(CutoverResumedEvent event) {}

  /** A read fell back to the other side. */
  default void onFallbackUsed(FallbackUsedEvent event) {}

  /** The health gates were judged. */
  default void onHealthChecked(HealthCheckedEvent event) {}
}
