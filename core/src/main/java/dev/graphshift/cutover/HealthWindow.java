package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * What the router saw in one health window, and the verdict of its gates.
 *
 * <p>Immutable.
 *
 * @param from the start of the window
 * @param to the end of the window
 * @param primaryReads reads the primary served or failed
 * @param primaryErrors reads the primary failed
 * @param secondaryReads reads the secondary served or failed
 * @param secondaryErrors reads the secondary failed
 * @param primaryP99 the primary's P99 latency over its successful reads (zero if none)
 * @param secondaryP99 the secondary's P99 latency over its successful reads (zero if none)
 * @param verdict the verdict of the gates
 * @param reason the verdict in words, with the figures that decided it
 */
public record HealthWindow(
    Instant from,
    Instant to,
    long primaryReads,
    long primaryErrors,
    long secondaryReads,
    long secondaryErrors,
    Duration primaryP99,
    Duration secondaryP99,
    HealthVerdict verdict,
    String reason) {

  public HealthWindow {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(primaryP99, "primaryP99");
    requireNonNull(secondaryP99, "secondaryP99");
    requireNonNull(verdict, "verdict");
    requireNonNull(reason, "reason");
  }

  /** The secondary's error rate in the window, 0 when it served no read. */
  public double secondaryErrorRate() {
    return secondaryReads == 0 ? 0 : (double) secondaryErrors / secondaryReads;
  }
}
