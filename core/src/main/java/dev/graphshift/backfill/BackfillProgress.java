package dev.graphshift.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of a backfill's progress: records done out of the total counted up front (over both
 * phases), the recent rate, and the time left at that rate.
 *
 * <p>The total comes from the source's counts when the backfill starts; records written meanwhile (or a
 * node counted under two selected labels) can make {@code done} pass it, in which case the total is
 * reported as {@code done}.
 *
 * <p>Immutable.
 *
 * @param name the backfill's name
 * @param at when, by the backfill's clock
 * @param phase the phase running
 * @param done records read and committed, including those committed before a resume
 * @param total records to do, counted up front
 * @param recordsPerSecond the rate over the recent window (this run only)
 * @param eta the time left at that rate; empty while the rate is unknown
 * @param elapsed the time since this run started
 */
public record BackfillProgress(
    String name, Instant at, BackfillPhase phase, long done, long total, double recordsPerSecond,
    Optional<Duration> eta, Duration elapsed) {

  /** The share done, in [0, 1]; 1 when there is nothing to do. */
  public double fraction() {
    return total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
  }
}
