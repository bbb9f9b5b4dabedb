package dev.graphshift.shadow.internal;

import dev.graphshift.cutover.internal.LatencyHistogram;
import dev.graphshift.shadow.Discrepancy;
import dev.graphshift.shadow.LatencySummary;
import dev.graphshift.shadow.ShadowMetrics;
import dev.graphshift.shadow.Similarity;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The counters, latency histograms and example reservoir of a shadow-read coordinator.
 *
 * <p><b>Design.</b> Counters are {@link LongAdder}s and histograms lock-free arrays, so the caller's
 * thread and the comparison threads never contend on a lock. Only the reservoir of examples takes a
 * lock, and only on the comparison threads, when a discrepancy is seen: it is Vitter's algorithm R over
 * a seeded generator, so it holds a uniform sample of every discrepancy seen, never more than its
 * capacity. The slot is chosen under the lock and the example built outside it, only when kept; a slot
 * reserved but not yet filled is left out of {@link #examples()}. Snapshots read the counters one by one (eventually consistent, exact when quiet).
 *
 * <p>Thread-safe.
 */
public final class DiscrepancyTracker {
  private final LongAdder skipped = new LongAdder();
  private final LongAdder sampled = new LongAdder();
  private final LongAdder shed = new LongAdder();
  private final LongAdder matches = new LongAdder();
  private final LongAdder mismatches = new LongAdder();
  private final LongAdder secondaryFailures = new LongAdder();
  private final LongAdder comparatorFailures = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder primaryFailures = new LongAdder();
  private final LongAdder listenerFailures = new LongAdder();
  private final DoubleAdder similaritySum = new DoubleAdder();
  private final LatencyHistogram primaryLatency = new LatencyHistogram();
  private final LatencyHistogram secondaryLatency = new LatencyHistogram();

  private final int capacity;
  private final SplittableRandom random;
  private final List<@Nullable Discrepancy> reservoir;
  private long seen;

  public DiscrepancyTracker(int capacity, long seed) {
    this.capacity = capacity;
    this.random = new SplittableRandom(seed);
    this.reservoir = new ArrayList<>(Math.min(capacity, 1_024));
  }

  public void skipped() {
    skipped.increment();
  }

  public void sampled() {
    sampled.increment();
  }

  public long shed() {
    shed.increment();
    return shed.sum();
  }

  public void primaryFailed() {
    primaryFailures.increment();
  }

  public void listenerFailed() {
    listenerFailures.increment();
  }

  public void primaryLatency(long nanos) {
    primaryLatency.record(nanos);
  }

  public void secondaryLatency(long nanos) {
    secondaryLatency.record(nanos);
  }

  public void compared(Similarity similarity) {
    similaritySum.add(similarity.score());
    if (similarity.matched()) {
      matches.increment();
    } else {
      mismatches.increment();
    }
  }

  public void secondaryFailed() {
    secondaryFailures.increment();
  }

  public void comparatorFailed() {
    comparatorFailures.increment();
  }

  public void timedOut() {
    timeouts.increment();
  }

  /**
   * Offers a discrepancy to the reservoir; the example is built only if the reservoir keeps it, so a
   * stream of discrepancies costs a counter increment once the reservoir is full, not a description each.
   */
  public void example(Supplier<Discrepancy> discrepancy) {
    int slot;
    synchronized (reservoir) {
      seen++;
      if (reservoir.size() < capacity) {
        slot = reservoir.size();
        reservoir.add(null);
      } else {
        long j = random.nextLong(seen);
        slot = j < capacity ? (int) j : -1;
      }
    }
    if (slot >= 0) {
      Discrepancy d = discrepancy.get();
      synchronized (reservoir) {
        reservoir.set(slot, d);
      }
    }
  }

  /** The examples held now. */
  public List<Discrepancy> examples() {
    synchronized (reservoir) {
      List<Discrepancy> held = new ArrayList<>(reservoir.size());
      for (Discrepancy d : reservoir) {
        if (d != null) {
          held.add(d);
        }
      }
      return List.copyOf(held);
    }
  }

  /** A snapshot of the counters. */
  public ShadowMetrics snapshot(String name) {
    long m = matches.sum();
    long mm = mismatches.sum();
    long s = sampled.sum();
    long sh = shed.sum();
    long sf = secondaryFailures.sum();
    long cf = comparatorFailures.sum();
    long t = timeouts.sum();
    long k = skipped.sum();
    long compared = m + mm;
    long pending = Math.max(0, s - sh - compared - sf - cf - t);
    return new ShadowMetrics(name, s + k, k, s, sh, m, mm, sf, cf, t, pending, primaryFailures.sum(),
        listenerFailures.sum(),
        compared == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) m / compared),
        compared == 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.min(1, similaritySum.sum() / compared)),
        summary(primaryLatency.snapshot()), summary(secondaryLatency.snapshot()));
  }

  private static LatencySummary summary(LatencyHistogram.Snapshot s) {
    return new LatencySummary(s.count(), s.percentile(0.5), s.percentile(0.99), s.max());
  }
}
