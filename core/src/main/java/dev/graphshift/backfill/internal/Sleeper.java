package dev.graphshift.backfill.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a duration: the pause between batches, a retry's backoff, a wait for rate-limit tokens.
 * Tests inject one that advances a fake clock instead of sleeping.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps on the calling thread. */
  Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

  /**
   * Waits for the duration; returns at once for zero or negative durations.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;
}
