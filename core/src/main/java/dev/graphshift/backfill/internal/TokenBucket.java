package dev.graphshift.backfill.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket: tokens accrue at a fixed rate up to a capacity (the burst); taking tokens either
 * succeeds at once ({@link #tryAcquire(long)}, which never blocks) or reserves them ({@link
 * #reserve(long)}), which may drive the balance negative and answers how long the caller must wait
 * before its tokens have accrued; {@link #acquire(long, Sleeper)} reserves and then waits.
 *
 * <p>Design: reservation rather than a wait-and-retry loop, so a caller asking for more tokens than the
 * capacity (a batch of 10 000 under a limit of 1 000 per second) is served after a computed wait
 * instead of never, and concurrent callers queue behind each other's debt in the order they reserved:
 * the long-run rate holds across threads. The state (balance, last refill time) is guarded by this
 * object's monitor; waiting happens outside it. Time comes from an injected nanosecond ticker, made
 * monotonic here so that a clock stepping backwards cannot mint tokens.
 *
 * <p>Thread-safe.
 */
public final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1e9;

  private final double tokensPerNano;
  private final double capacity;
  private final LongSupplier ticker;
  private double tokens;
  private long last;

  /**
   * Creates a full bucket.
   *
   * @param tokensPerSecond the rate, positive and finite
   * @param capacity the largest balance (the burst), at least 1
   * @param ticker the time in nanoseconds, from any origin
   * @throws IllegalArgumentException if the rate or capacity is out of range
   */
  public TokenBucket(double tokensPerSecond, double capacity, LongSupplier ticker) {
    if (!(tokensPerSecond > 0) || Double.isInfinite(tokensPerSecond)) {
      throw new IllegalArgumentException("tokensPerSecond must be positive and finite: " + tokensPerSecond);
    }
    if (!(capacity >= 1) || Double.isInfinite(capacity)) {
      throw new IllegalArgumentException("capacity must be at least 1 and finite: " + capacity);
    }
    this.tokensPerNano = tokensPerSecond / NANOS_PER_SECOND;
    this.capacity = capacity;
    this.ticker = ticker;
    this.tokens = capacity;
    this.last = ticker.getAsLong();
  }

  /** The tokens available now; negative while reservations are being paid off. */
  public synchronized double available() {
    refill();
    return tokens;
  }

  /**
   * Takes the tokens if the balance covers them now; never waits.
   *
   * @return whether the tokens were taken
   */
  public synchronized boolean tryAcquire(long permits) {
    checkPermits(permits);
    refill();
    if (tokens >= permits) {
      tokens -= permits;
      return true;
    }
    return false;
  }

  /**
   * Takes the tokens, possibly into debt, and answers how long the caller must wait until they have
   * accrued (zero if the balance covered them).
   */
  public synchronized Duration reserve(long permits) {
    checkPermits(permits);
    refill();
    tokens -= permits;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / tokensPerNano));
  }

  /**
   * Takes the tokens, waiting with the sleeper until they have accrued; does not wait when the balance
   * covers them.
   *
   * @return how long the caller waited
   * @throws InterruptedException if interrupted while waiting (the tokens stay reserved)
   */
  public Duration acquire(long permits, Sleeper sleeper) throws InterruptedException {
    if (tryAcquire(permits)) {
      return Duration.ZERO;
    }
    Duration wait = reserve(permits);
    if (!wait.isZero()) {
      sleeper.sleep(wait);
    }
    return wait;
  }

  private void refill() {
    long now = ticker.getAsLong();
    if (now > last) {
      tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
      last = now;
    }
  }

  private static void checkPermits(long permits) {
    if (permits < 0) {
      throw new IllegalArgumentException("permits must not be negative: " + permits);
    }
  }
}
