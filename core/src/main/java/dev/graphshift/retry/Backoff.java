package dev.graphshift.retry;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the delay before attempt {@code n + 1}, after {@code n} failed
 * attempts, is {@code min(max, initial * multiplier^(n - 1))}, spread uniformly by {@code ±jitter} of
 * itself and capped at {@code max} again. Jitter keeps many clients that failed together from retrying
 * together. The random source is passed in, so a seeded generator gives reproducible delays.
 *
 * <pre>{@code
 * Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofMinutes(5)).withJitter(0.2);
 * Duration wait = backoff.delay(attempts, random);
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param initial the delay after the first failed attempt, positive
 * @param max the largest delay, at least {@code initial}
 * @param multiplier the growth factor per failed attempt, at least 1
 * @param jitter the share of the delay by which it is spread at random, in [0, 1)
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

  /** The default initial delay: 100 ms. */
  public static final Duration DEFAULT_INITIAL = Duration.ofMillis(100);
  /** The default largest delay: 5 minutes. */
  public static final Duration DEFAULT_MAX = Duration.ofMinutes(5);
  /** The default growth factor: 2. */
  public static final double DEFAULT_MULTIPLIER = 2.0;
  /** The default jitter: 0.2, so a delay falls within ±20 % of its nominal value. */
  public static final double DEFAULT_JITTER = 0.2;

  /**
   * Creates a backoff.
   *
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if {@code initial} is not positive, {@code max} is below {@code
   *     initial}, {@code multiplier} is below 1 or not finite, or {@code jitter} is outside [0, 1)
   */
  public Backoff {
    requireNonNull(initial, "initial");
    requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial must be positive: " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max " + max + " must not be below initial " + initial);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be a finite number of at least 1: " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
    }
  }

  /** The defaults: 100 ms doubling up to 5 minutes, ±20 % jitter. */
  public static Backoff ofDefaults() {
    return new Backoff(DEFAULT_INITIAL, DEFAULT_MAX, DEFAULT_MULTIPLIER, DEFAULT_JITTER);
  }

  /** A doubling backoff from {@code initial} up to {@code max}, with the default jitter. */
  public static Backoff exponential(Duration initial, Duration max) {
    return new Backoff(initial, max, DEFAULT_MULTIPLIER, DEFAULT_JITTER);
  }

  /** This backoff with another growth factor. */
  public Backoff withMultiplier(double newMultiplier) {
    return new Backoff(initial, max, newMultiplier, jitter);
  }

  /** This backoff with another jitter; 0 gives exact, reproducible delays without a random source. */
  public Backoff withJitter(double newJitter) {
    return new Backoff(initial, max, multiplier, newJitter);
  }

  /**
   * The delay to wait after {@code failedAttempts} failed attempts.
   *
   * @param failedAttempts how many attempts have failed so far, at least 1
   * @param random the source of jitter; not used when jitter is 0
   * @throws IllegalArgumentException if {@code failedAttempts} is below 1
   */
  public Duration delay(int failedAttempts, RandomGenerator random) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be at least 1: " + failedAttempts);
    }
    double maxNanos = max.toNanos();
    double nominal = Math.min(maxNanos, initial.toNanos() * Math.pow(multiplier, failedAttempts - 1.0));
    double spread = jitter == 0.0 ? nominal : nominal * (1.0 - jitter + 2.0 * jitter * random.nextDouble());
    return Duration.ofNanos((long) Math.min(maxNanos, spread));
  }
}
