package dev.graphshift.cutover.internal;

import dev.graphshift.cutover.HealthGate;
import dev.graphshift.cutover.HealthVerdict;
import dev.graphshift.cutover.HealthWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sliding health window of a cutover router: reads are recorded into the current slice; {@link
 * #rotate(Instant)} closes every slice that has ended and judges the gates over the last {@code slices}
 * closed slices.
 *
 * <p><b>Design.</b> Recording is lock-free and allocation-free (adders and an atomic histogram behind a
 * volatile reference to the current slice). Rotation is done by one thread at a time (the router's tick,
 * under its lock); a read recorded while its slice is being closed may land in the slice just closed
 * and be missed by that judgement — the window is eventually consistent, by at most the reads in flight
 * at a rotation. Memory is bounded: {@code slices} closed slices and the current one.
 *
 * <p>Recording is safe from any thread; {@link #rotate(Instant)} and {@link #reset(Instant)} must be
 * called by one thread at a time (the router calls them under its lock).
 *
 * <p>Thread-safe.
 */
public final class HealthRecorder {
  private final HealthGate gate;
  private final Duration slice;
  private final ArrayDeque<Slice> closed = new ArrayDeque<>();
  private volatile Slice current;

  public HealthRecorder(HealthGate gate, Instant now) {
    this.gate = gate;
    this.slice = gate.slice();
    this.current = new Slice(now);
  }

  /** The slice reads are recorded into now. */
  public Slice current() {
    return current;
  }

  /** Forgets everything recorded so far and starts a new window at {@code now}. */
  public void reset(Instant now) {
    closed.clear();
    current = new Slice(now);
  }

  /**
   * Closes every slice that ended by {@code now} and judges the window after each; at most {@code
   * slices + 1} slices are closed in one call (after a long pause, the window restarts at {@code now}).
   */
  public List<HealthWindow> rotate(Instant now) {
    List<HealthWindow> judged = new ArrayList<>(1);
    int rounds = 0;
    while (!now.isBefore(current.start.plus(slice))) {
      if (++rounds > gate.slices() + 1) {
        current = new Slice(now);
        break;
      }
      Slice ended = current;
      current = new Slice(ended.start.plus(slice));
      closed.addLast(ended);
      while (closed.size() > gate.slices()) {
        closed.removeFirst();
      }
      judged.add(judge(ended.start.plus(slice)));
    }
    return judged;
  }

  private HealthWindow judge(Instant end) {
    long pOk = 0;
    long pErr = 0;
    long sOk = 0;
    long sErr = 0;
    LatencyHistogram.Snapshot p = LatencyHistogram.Snapshot.empty();
    LatencyHistogram.Snapshot s = LatencyHistogram.Snapshot.empty();
    for (Slice c : closed) {
      pOk += c.primaryOk.sum();
      pErr += c.primaryErrors.sum();
      sOk += c.secondaryOk.sum();
      sErr += c.secondaryErrors.sum();
      p = p.merge(c.primaryLatency.snapshot());
      s = s.merge(c.secondaryLatency.snapshot());
    }
    Duration pP99 = p.percentile(0.99);
    Duration sP99 = s.percentile(0.99);
    long sReads = sOk + sErr;
    double errorRate = sReads == 0 ? 0 : (double) sErr / sReads;
    HealthVerdict verdict;
    String reason;
    if (sReads < gate.minSamples()) {
      verdict = HealthVerdict.INSUFFICIENT_SAMPLES;
      reason = "secondary served " + sReads + " reads in the window, fewer than the " + gate.minSamples() + " needed";
    } else if (errorRate > gate.maxErrorRate()) {
      verdict = HealthVerdict.ERROR_RATE_TRIPPED;
      reason = String.format(Locale.ROOT, "secondary error rate %.4f (%d of %d reads) is above the gate %.4f",
          errorRate, sErr, sReads, gate.maxErrorRate());
    } else if (sOk >= gate.minSamples() && pOk >= gate.minSamples()
        && sP99.toNanos() > gate.maxLatencyRatio() * pP99.toNanos()) {
      verdict = HealthVerdict.LATENCY_TRIPPED;
      reason = String.format(Locale.ROOT, "secondary P99 %d us is above %.2f x the primary P99 %d us",
          sP99.toNanos() / 1_000, gate.maxLatencyRatio(), pP99.toNanos() / 1_000);
    } else {
      verdict = HealthVerdict.HEALTHY;
      reason = String.format(Locale.ROOT, "secondary error rate %.4f of %d reads, P99 %d us vs primary %d us%s",
          errorRate, sReads, sP99.toNanos() / 1_000, pP99.toNanos() / 1_000,
          pOk >= gate.minSamples() && sOk >= gate.minSamples() ? "" : " (latency not judged: too few reads on a side)");
    }
    Instant from = closed.isEmpty() ? end : closed.peekFirst().start;
    return new HealthWindow(from, end, pOk + pErr, pErr, sReads, sErr, pP99, sP99, verdict, reason);
  }

  /**
   * One slice of the window.
   *
   * <p>Thread-safe.
   */
  public static final class Slice {
    final Instant start;
    final LongAdder primaryOk = new LongAdder();
    final LongAdder primaryErrors = new LongAdder();
    final LongAdder secondaryOk = new LongAdder();
    final LongAdder secondaryErrors = new LongAdder();
    final LatencyHistogram primaryLatency = new LatencyHistogram();
    final LatencyHistogram secondaryLatency = new LatencyHistogram();

    Slice(Instant start) {
      this.start = start;
    }

    /** A successful read of the primary and its latency. */
    public void primarySucceeded(long nanos) {
      primaryOk.increment();
      primaryLatency.record(nanos);
    }

    /** A failed read of the primary. */
    public void primaryFailed() {
      primaryErrors.increment();
    }

    /** A successful read of the secondary and its latency. */
    public void secondarySucceeded(long nanos) {
      secondaryOk.increment();
      secondaryLatency.record(nanos);
    }

    /** A failed read of the secondary. */
    public void secondaryFailed() {
      secondaryErrors.increment();
    }
  }
}
