package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The health gates of a cutover were judged over one window.
 *
 * <p>Immutable.
 *
 * @param router the name of the router
 * @param at when it happened, on the router's clock
 * @param window what the window held, and the verdict
 * @param acted whether the router acted on the verdict (it judges but does not act while the share is
 *     0 or the cutover is rolled back)
 */
public record HealthCheckedEvent(String router, Instant at, HealthWindow window, boolean acted) {

  public HealthCheckedEvent {
    requireNonNull(router, "router");
    requireNonNull(at, "at");
    requireNonNull(window, "window");
  }
}
