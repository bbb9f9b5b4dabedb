package dev.graphshift.neptune.internal;

import dev.graphshift.DatabaseException;
import dev.graphshift.Retryable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a request again while it fails with a {@link Retryable} failure, with exponential backoff and
 * jitter, a bounded number of times.
 *
 * <p>Design: attempt {@code k} (from 1) that fails retryably waits a delay drawn uniformly from
 * {@code [b/2, b]} where {@code b = min(initial * 2^(k-1), max)} ("equal jitter": never zero, so
 * conflicting writers spread out, and never more than the cap). After {@code maxAttempts} attempts, or
 * at the first permanent failure, the last failure is thrown with every earlier one attached with
 * {@code addSuppressed}. The random source is seeded and guarded by this object's monitor; the sleeper
 * is injectable so unit tests never sleep. Nothing is queued: a retry runs on the caller's thread.
 *
 * <p>Thread-safe.
 */
public final class Retrier {

  /** What a retry loop runs: one attempt of a request. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws Exception;
  }

  /** Called before each retry, with the failure and the delay chosen. */
  @FunctionalInterface
  public interface RetryObserver {
    void retrying(int failedAttempt, Duration delay, DatabaseException failure);
  }

  /** Waits for a delay; injectable so tests do not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration delay) throws InterruptedException;

    /** Parks the calling thread. */
    Sleeper PARK = delay -> {
      LockSupport.parkNanos(delay.toNanos());
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    };
  }

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Sleeper sleeper;
  private final SplittableRandom random;

  public Retrier(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Sleeper sleeper, long seed) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.sleeper = sleeper;
    this.random = new SplittableRandom(seed);
  }

  /** The delay before retry number {@code failedAttempt} (from 1). */
  public Duration delay(int failedAttempt) {
    long cap = maxBackoff.toNanos();
    long base = initialBackoff.toNanos();
    for (int i = 1; i < failedAttempt && base < cap; i++) {
      base = base > cap / 2 ? cap : base * 2;
    }
    base = Math.min(base, cap);
    long half = base / 2;
    long jitter;
    synchronized (this) {
      jitter = half == 0 ? 0 : random.nextLong(half + 1);
    }
    return Duration.ofNanos(base - half + jitter);
  }

  /**
   * Runs the attempt until it succeeds, fails permanently, or has failed {@code maxAttempts} times.
   *
   * @param translate turns a failure of an attempt into a GraphShift exception (retryable or not)
   */
  public <T> T run(Attempt<T> attempt, java.util.function.Function<Throwable, DatabaseException> translate,
      RetryObserver observer) {
    List<DatabaseException> earlier = new ArrayList<>();
    for (int n = 1; ; n++) {
      try {
        return attempt.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw giveUp(translate.apply(e), earlier);
      } catch (Exception e) {
        DatabaseException failure = translate.apply(e);
        if (!(failure instanceof Retryable) || n >= maxAttempts) {
          throw giveUp(failure, earlier);
        }
        Duration delay = delay(n);
        observer.retrying(n, delay, failure);
        earlier.add(failure);
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw giveUp(failure, earlier.subList(0, earlier.size() - 1));
        }
      }
    }
  }

  private static DatabaseException giveUp(DatabaseException last, List<DatabaseException> earlier) {
    for (DatabaseException e : earlier) {
      last.addSuppressed(e);
    }
    return last;
  }
}
