package dev.graphshift.conformance;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition instead of sleeping for a guessed time: polls until the condition holds and
 * fails with a message if it does not within the timeout. The timeout is a safety net against hangs,
 * not a performance threshold: set it generously.
 */
public final class Eventually {
  private Eventually() {}

  /** The timeout tests use unless they have a reason to differ. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** Waits up to {@link #DEFAULT_TIMEOUT} for the condition. */
  public static void await(String what, BooleanSupplier condition) {
    await(what, DEFAULT_TIMEOUT, condition);
  }

  /**
   * Waits for the condition, polling with a short back-off.
   *
   * @throws AssertionError if the condition does not hold within the timeout
   */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pauseNanos = 100_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(pauseNanos);
      pauseNanos = Math.min(pauseNanos * 2, 20_000_000);
    }
  }
}
