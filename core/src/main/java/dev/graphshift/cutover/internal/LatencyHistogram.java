package dev.graphshift.cutover.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * A fixed-size, lock-free latency histogram in nanoseconds with log-linear buckets: exact below 16 ns,
 * then 16 sub-buckets per power of two, so any reported percentile is at most 1/16 (6.25%) above the
 * true value. Values from 2^41 ns (about 36 minutes) up share the last bucket. Recording is one array
 * increment and allocates nothing; percentiles are read from a {@link Snapshot}.
 *
 * <p><b>Design.</b> Each bucket is an independent atomic counter, so concurrent recorders never lose a
 * count; a snapshot copies the counters one by one and may therefore include part of a concurrent
 * burst (eventually consistent, exact when quiescent). Memory is fixed at {@value #BUCKETS} longs.
 *
 * <p>Thread-safe.
 */
public final class LatencyHistogram {
  private static final int SUB_BITS = 4;
  private static final int SUB = 1 << SUB_BITS;
  private static final int MAX_EXPONENT = 40;
  /** The number of buckets: 16 exact ones, then 16 for each power of two from 2^4 to 2^40. */
  static final int BUCKETS = (MAX_EXPONENT - SUB_BITS + 2) * SUB;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final LongAccumulator max = new LongAccumulator(Long::max, 0);

  /** Records one latency; a negative value counts as zero. */
  public void record(long nanos) {
    long v = Math.max(0, nanos);
    counts.incrementAndGet(index(v));
    max.accumulate(v);
  }

  /** A copy of the counts taken now. */
  public Snapshot snapshot() {
    long[] copy = new long[BUCKETS];
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      copy[i] = counts.get(i);
      total += copy[i];
    }
    return new Snapshot(copy, total, max.get());
  }

  static int index(long v) {
    if (v < SUB) {
      return (int) v;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(v);
    if (exponent > MAX_EXPONENT) {
      return BUCKETS - 1;
    }
    int sub = (int) (v >>> (exponent - SUB_BITS)) & (SUB - 1);
    return (exponent - SUB_BITS + 1) * SUB + sub;
  }

  /** The largest value that falls into a bucket. */
  static long highestValue(int index) {
    if (index < SUB) {
      return index;
    }
    int exponent = index / SUB + SUB_BITS - 1;
    long sub = index % SUB;
    long width = 1L << (exponent - SUB_BITS);
    return ((SUB + sub) << (exponent - SUB_BITS)) + width - 1;
  }

  /**
   * The counts of a histogram at one moment; snapshots of several histograms can be merged (the
   * slices of a sliding window).
   *
   * <p>Immutable.
   */
  public static final class Snapshot {
    private static final Snapshot EMPTY = new Snapshot(new long[BUCKETS], 0, 0);

    private final long[] counts;
    private final long total;
    private final long max;

    private Snapshot(long[] counts, long total, long max) {
      this.counts = counts;
      this.total = total;
      this.max = max;
    }

    /** A snapshot with no values. */
    public static Snapshot empty() {
      return EMPTY;
    }

    /** The number of values recorded. */
    public long count() {
      return total;
    }

    /** The largest value recorded, exactly; zero when empty. */
    public Duration max() {
      return Duration.ofNanos(max);
    }

    /**
     * The value at or below which the share {@code quantile} of values lies, rounded up to its
     * bucket's largest value (at most 6.25% above the true value) and capped at the exact maximum;
     * zero when empty.
     */
    public Duration percentile(double quantile) {
      if (total == 0) {
        return Duration.ZERO;
      }
      long rank = Math.max(1, (long) Math.ceil(quantile * total));
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        seen += counts[i];
        if (seen >= rank) {
          return Duration.ofNanos(Math.min(highestValue(i), max));
        }
      }
      return Duration.ofNanos(max);
    }

    /** This snapshot and another, as if every value had been recorded in one histogram. */
    public Snapshot merge(Snapshot other) {
      long[] sum = new long[BUCKETS];
      for (int i = 0; i < BUCKETS; i++) {
        sum[i] = counts[i] + other.counts[i];
      }
      return new Snapshot(sum, total + other.total, Math.max(max, other.max));
    }
  }
}
