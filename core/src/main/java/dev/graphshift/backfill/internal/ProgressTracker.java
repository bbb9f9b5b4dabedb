package dev.graphshift.backfill.internal;

import dev.graphshift.backfill.BackfillListener;
import dev.graphshift.backfill.BackfillPhase;
import dev.graphshift.backfill.BackfillProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Progress of one run: records done out of the total counted up front, the rate over a sliding window,
 * and the ETA; reported to listeners after every committed batch, to SLF4J every {@code interval}, and
 * to a console progress bar when a terminal is attached.
 *
 * <p>Design: one monitor guards the counters and the window; the window keeps at most {@link
 * #MAX_SAMPLES} samples no older than {@link #WINDOW}, so memory is constant. Listener calls happen
 * under the monitor, which keeps progress events in order (listeners must return quickly).
 *
 * <p>Thread-safe.
 */
final class ProgressTracker {
  /** How far back the rate looks. */
  static final Duration WINDOW = Duration.ofSeconds(30);
  /** The most samples the window keeps. */
  static final int MAX_SAMPLES = 256;
  /** The least time between two redraws of the console bar. */
  private static final Duration REDRAW = Duration.ofMillis(200);

  private record Sample(Instant at, long done) {}

  private final String name;
  private final Clock clock;
  private final long total;
  private final ListenerSupport<BackfillListener> listeners;
  private final Logger log;
  private final Duration interval;
  private final @Nullable ConsoleProgressBar console;
  private final BackfillCounters counters;
  private final Instant started;
  private final ArrayDeque<Sample> window = new ArrayDeque<>();
  private long done;
  private Instant lastLog;
  private Instant lastDraw = Instant.MIN;

  ProgressTracker(String name, Clock clock, long total, long doneAtStart, ListenerSupport<BackfillListener> listeners,
      Logger log, Duration interval, @Nullable ConsoleProgressBar console, BackfillCounters counters) {
    this.name = name;
    this.clock = clock;
    this.total = total;
    this.listeners = listeners;
    this.log = log;
    this.interval = interval;
    this.console = console;
    this.counters = counters;
    this.started = clock.instant();
    this.lastLog = started;
    this.done = doneAtStart;
    window.add(new Sample(started, doneAtStart));
    counters.done = doneAtStart;
    counters.total = Math.max(total, doneAtStart);
    counters.rate = 0;
  }

  /** Counts committed records and reports. */
  synchronized void advance(BackfillPhase phase, long records) {
    done += records;
    Instant now = clock.instant();
    window.addLast(new Sample(now, done));
    while (window.size() > MAX_SAMPLES
        || (window.size() > 2 && Duration.between(window.peekFirst().at(), now).compareTo(WINDOW) > 0)) {
      window.removeFirst();
    }
    BackfillProgress progress = snapshot(phase, now);
    counters.done = progress.done();
    counters.total = progress.total();
    counters.rate = progress.recordsPerSecond();
    listeners.emit(() -> progress, BackfillListener::onProgress);
    if (Duration.between(lastLog, now).compareTo(interval) >= 0) {
      lastLog = now;
      logProgress(progress);
    }
    if (console != null && Duration.between(lastDraw, now).compareTo(REDRAW) >= 0) {
      lastDraw = now;
      console.draw(progress);
    }
  }

  /** Reports the final state: a log line, and the console bar's last drawing. */
  synchronized void finish(BackfillPhase phase) {
    BackfillProgress progress = snapshot(phase, clock.instant());
    logProgress(progress);
    if (console != null) {
      console.finish(progress);
    }
  }

  private void logProgress(BackfillProgress p) {
    log.info("graphshift.backfill.progress name={} phase={} done={} total={} percent={} rate={} eta_s={}",
        name, p.phase().key(), p.done(), p.total(), String.format(Locale.ROOT, "%.1f", p.fraction() * 100),
        String.format(Locale.ROOT, "%.1f", p.recordsPerSecond()),
        p.eta().map(d -> Long.toString(d.getSeconds())).orElse("unknown"));
  }

  private BackfillProgress snapshot(BackfillPhase phase, Instant now) {
    Sample oldest = window.peekFirst();
    double seconds = Duration.between(oldest.at(), now).toNanos() / 1e9;
    double rate = seconds > 0 ? (done - oldest.done()) / seconds : 0;
    long effectiveTotal = Math.max(total, done);
    Optional<Duration> eta = rate > 0
        ? Optional.of(Duration.ofMillis((long) Math.ceil((effectiveTotal - done) / rate * 1000)))
        : (done >= effectiveTotal ? Optional.of(Duration.ZERO) : Optional.empty());
    return new BackfillProgress(name, now, phase, done, effectiveTotal, rate, eta, Duration.between(started, now));
  }
}
