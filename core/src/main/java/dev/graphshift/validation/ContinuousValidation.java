package dev.graphshift.validation;

import static dev.graphshift.backfill.internal.Preconditions.notNegative;
import static dev.graphshift.backfill.internal.Preconditions.once;
import static dev.graphshift.backfill.internal.Preconditions.positive;
import static java.util.Objects.requireNonNull;

import dev.graphshift.backfill.internal.ListenerSupport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sampled validation on a schedule, for the weeks of a migration: every {@code interval} (measured
 * from the end of one run to the start of the next) on an injected scheduler, each run with the next seed
 * ({@code seed + run}), so that successive runs look at different nodes while a given run stays
 * reproducible. Each report goes to the listeners; a run that throws (a database down) is logged, counted
 * and reported as a {@link ValidationFailedEvent}, and the schedule goes on.
 *
 * <pre>{@code
 * ContinuousValidation watch = ContinuousValidation.builder(validator, scheduler)
 *     .interval(Duration.ofHours(1))
 *     .listener(alerting)
 *     .build();
 * watch.start();
 * ...
 * watch.close();
 * }</pre>
 *
 * <p>Design: one scheduled task at a time ({@code scheduleWithFixedDelay}, so runs never overlap); the
 * run counter and the last report are atomics read by any thread. The scheduler is the caller's and is
 * not shut down here.
 *
 * <p>Thread-safe.
 */
public final class ContinuousValidation implements AutoCloseable {
  /** The default interval between runs. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

  private static final Logger log = LoggerFactory.getLogger(ContinuousValidation.class);

  private final Validator validator;
  private final ScheduledExecutorService scheduler;
  private final ContinuousValidationConfig config;
  private final Clock clock;
  private final ListenerSupport<ValidationListener> listeners;
  private final AtomicLong runs = new AtomicLong();
  private final LongAdder passed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicReference<@Nullable ValidationReport> last = new AtomicReference<>();
  private final AtomicReference<@Nullable ScheduledFuture<?>> scheduled = new AtomicReference<>();

  private ContinuousValidation(Builder b) {
    this.validator = b.validator;
    this.scheduler = b.scheduler;
    this.config = new ContinuousValidationConfig(b.interval != null ? b.interval : DEFAULT_INTERVAL,
        b.initialDelay != null ? b.initialDelay : Duration.ZERO);
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.listeners = new ListenerSupport<>(validator.name(), "graphshift.validation.continuous", b.listeners, log);
  }

  /**
   * A builder running this validator's sampled validation on this scheduler.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(Validator validator, ScheduledExecutorService scheduler) {
    return new Builder(validator, scheduler);
  }

  /** The settings. */
  public ContinuousValidationConfig config() {
    return config;
  }

  /**
   * Starts the schedule.
   *
   * @throws IllegalStateException if it is running already
   */
  public void start() {
    ScheduledFuture<?> future = scheduler.scheduleWithFixedDelay(this::runSafely,
        config.initialDelay().toNanos(), config.interval().toNanos(), TimeUnit.NANOSECONDS);
    if (!scheduled.compareAndSet(null, future)) {
      future.cancel(false);
      throw new IllegalStateException("continuous validation '" + validator.name() + "' is running already");
    }
    log.info("graphshift.validation.continuous_started name={} interval={}", validator.name(), config.interval());
  }

  /** Stops the schedule (a run in progress finishes); it may be started again. */
  public void stop() {
    ScheduledFuture<?> future = scheduled.getAndSet(null);
    if (future != null) {
      future.cancel(false);
      log.info("graphshift.validation.continuous_stopped name={} runs={}", validator.name(), runs.get());
    }
  }

  /** Whether the schedule is running. */
  public boolean running() {
    return scheduled.get() != null;
  }

  /** Stops the schedule. */
  @Override
  public void close() {
    stop();
  }

  /**
   * Runs one sampled validation now, on the calling thread, with the next seed, and reports it to the
   * listeners.
   *
   * @throws RuntimeException whatever the validation threw (the scheduled runs catch it instead)
   */
  public ValidationReport runOnce() {
    long run = runs.incrementAndGet();
    ValidationReport report = validator.sample(validator.config().seed() + run - 1);
    last.set(report);
    (report.passed() ? passed : failed).increment();
    listeners.emit(() -> new ValidationCompletedEvent(validator.name(), report.finishedAt(), report.passed(), report),
        ValidationListener::onCompleted);
    return report;
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      errors.increment();
      long run = runs.get();
      log.warn("graphshift.validation.continuous_failed name={} run={} error={}", validator.name(), run,
          e.toString(), e);
      listeners.emit(() -> new ValidationFailedEvent(validator.name(), clock.instant(), run, e.toString()),
          ValidationListener::onFailed);
    }
  }

  /** The report of the last run that finished. */
  public Optional<ValidationReport> lastReport() {
    return Optional.ofNullable(last.get());
  }

  /** Runs started so far. */
  public long runs() {
    return runs.get();
  }

  /** A snapshot of the counters: runs that passed, failed a check, or could not finish. */
  public ContinuousValidationMetrics metrics() {
    return new ContinuousValidationMetrics(validator.name(), runs.get(), passed.sum(), failed.sum(), errors.sum(),
        listeners.failures());
  }

  /**
   * Builds a {@link ContinuousValidation}. Defaults: an interval of one hour, no initial delay, the UTC
   * system clock. Every setting may be set once.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final Validator validator;
    private final ScheduledExecutorService scheduler;
    private @Nullable Duration interval;
    private @Nullable Duration initialDelay;
    private @Nullable Clock clock;
    private final List<ValidationListener> listeners = new ArrayList<>();

    private Builder(Validator validator, ScheduledExecutorService scheduler) {
      this.validator = requireNonNull(validator, "validator");
      this.scheduler = requireNonNull(scheduler, "scheduler");
    }

    /**
     * The time from the end of one run to the start of the next; positive. Default one hour.
     *
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if set already
     */
    public Builder interval(Duration value) {
      once(interval, "interval");
      this.interval = positive(value, "interval");
      return this;
    }

    /**
     * The time before the first run; zero or positive. Default zero.
     *
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if set already
     */
    public Builder initialDelay(Duration value) {
      once(initialDelay, "initialDelay");
      this.initialDelay = notNegative(value, "initialDelay");
      return this;
    }

    /**
     * The clock of failure events. Default the UTC system clock.
     *
     * @throws IllegalStateException if set already
     */
    public Builder clock(Clock value) {
      requireNonNull(value, "clock");
      once(clock, "clock");
      this.clock = value;
      return this;
    }

    /** Adds a listener for each run's report and failures; may be called several times. */
    public Builder listener(ValidationListener value) {
      listeners.add(requireNonNull(value, "listener"));
      return this;
    }

    /** Builds the schedule, not started. */
    public ContinuousValidation build() {
      return new ContinuousValidation(this);
    }
  }
}
