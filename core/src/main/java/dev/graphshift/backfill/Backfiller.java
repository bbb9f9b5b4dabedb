package dev.graphshift.backfill;

import static dev.graphshift.backfill.internal.Preconditions.inRange;
import static dev.graphshift.backfill.internal.Preconditions.nonBlank;
import static dev.graphshift.backfill.internal.Preconditions.notNegative;
import static dev.graphshift.backfill.internal.Preconditions.once;
import static dev.graphshift.backfill.internal.Preconditions.positive;
import static java.util.Objects.requireNonNull;

import dev.graphshift.GraphDatabase;
import dev.graphshift.backfill.internal.BackfillContext;
import dev.graphshift.backfill.internal.BackfillCounters;
import dev.graphshift.backfill.internal.BackfillRun;
import dev.graphshift.backfill.internal.ListenerSupport;
import dev.graphshift.backfill.internal.Sleeper;
import dev.graphshift.mapping.RecordMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Copies the records that exist already from a source to a target while the application keeps writing
 * through a dual write: nodes first, then relationships, in keyset batches read from the source's scans
 * (the cost of a batch does not depend on its position), each batch mapped by the {@link RecordMapper}
 * and written to the target.
 *
 * <pre>{@code
 * DualWriteCoordinator dual = DualWriteCoordinator.builder(neo4j, engram).mapper(mapper).build();
 * BackfillReport report = Backfiller.builder(neo4j, dual.backfillTarget())
 *     .mapper(mapper)
 *     .batchSize(10_000)
 *     .rateLimit(5_000)                      // records per second
 *     .parallelism(4)
 *     .checkpoints(FileCheckpointStore.at(Path.of("backfill.checkpoint.json")))
 *     .listener(progress -> ...)
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p><b>Race safety with dual writes.</b> The backfill writes with {@link
 * dev.graphshift.WriteMode#INSERT_IF_ABSENT} only, never {@code UPSERT}: a record the dual write has
 * already put on the target is newer than the copy the backfill read, so the backfill leaves it alone and
 * counts it as skipped. That alone cannot stop a backfill from bringing back a record the application
 * deleted after the backfill read it; for that, pass as target the dual-write coordinator's {@code
 * backfillTarget()} view, which remembers deletions (tombstones) and refuses to re-create those records.
 * The contract, then: the target given here must be that view whenever dual writes run at the same time.
 *
 * <p><b>Partitions.</b> The work is cut into {@link BackfillPartition}s (ranges of the source's scan
 * cursors, or labels and types; see {@link Partitioning}), plain serializable descriptions run by a small
 * task runner, {@code parallelism} at a time, so that the same partitions could later be handed to a
 * distributed engine. {@link #plan()} shows them.
 *
 * <p><b>Pipelined, bounded.</b> While a partition writes one batch it reads (and maps) the next; at most
 * one batch is read ahead per partition, so memory is about {@code 2 × parallelism × batchSize} records
 * whatever the size of the graph, and the run's cost is linear in it.
 *
 * <p><b>Checkpoints and resume.</b> After every batch is written, the partition's cursor and counts are
 * saved in the {@link CheckpointStore} (by default a file written atomically). A backfill that is killed
 * resumes, when run again with the same store and configuration, after each partition's last saved
 * cursor: no gap, because a cursor is saved only after its batch was written; and no duplicate, because
 * ids are stable and the writes idempotent: a kill between a write and its save makes the resumed run
 * write that one batch again, and {@code INSERT_IF_ABSENT} counts its records as skipped. A checkpoint
 * written by a differently configured backfill (other source, target, selection, partitioning or mapper
 * class) is refused with a clear error. The store is cleared when the backfill completes.
 *
 * <p><b>Failures.</b> A scan or write that fails with a {@code Retryable} error is retried with doubling
 * backoff; any other failure, or retries given up, stops the partition with a {@link BackfillException}
 * naming it (the other partitions stop at their next batch boundary), and the checkpoint stays at the last
 * committed batch, so a re-run resumes. Records that cannot be copied are never an exception: each is
 * rejected with a rule and a message (by the source's scan, the mapper or the target), reported to the
 * listener ({@link BackfillRecordsRejectedEvent}) and counted per rule in the {@link BackfillReport},
 * whose counts reconcile: read = written + skipped + rejected.
 *
 * <p><b>Targets without relationships.</b> A target that cannot store relationships (Engram) rejects each
 * one with {@code unsupported-capability}, so the report accounts for all of them; to skip reading them
 * at all, select nodes only ({@code BackfillSelection.only(labels, Set.of())}).
 *
 * <p><b>Progress.</b> The total is counted up front from the source's counts; progress (done, total,
 * rate, ETA) goes to the listeners after every batch, to SLF4J every {@link Builder#progressInterval
 * progressInterval} ({@code graphshift.backfill.progress name=… phase=… done=… total=… percent=… rate=…
 * eta_s=…}), and to a progress bar on the console when one is attached.
 *
 * <p>One {@link #run()} at a time: a second, concurrent call is refused.
 *
 * <p>Thread-safe.
 */
public final class Backfiller {
  /** The default name. */
  public static final String DEFAULT_NAME = "backfill";
  /** The default number of records per batch. */
  public static final int DEFAULT_BATCH_SIZE = 10_000;
  /** The default number of partitions running at once. */
  public static final int DEFAULT_PARALLELISM = 2;
  /** The default partitioning. */
  public static final Partitioning DEFAULT_PARTITIONING = Partitioning.BY_ID_RANGE;
  /** The default pause between batches: none. */
  public static final Duration DEFAULT_PAUSE_BETWEEN_BATCHES = Duration.ZERO;
  /** The default number of retries of a scan or write failing with a retryable error. */
  public static final int DEFAULT_MAX_RETRIES = 5;
  /** The default backoff before the first retry; it doubles with each retry, up to 32 times. */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);
  /** The default interval between two progress log lines. */
  public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(10);
  /** The default number of rejected records per rule the report keeps as examples. */
  public static final int DEFAULT_MAX_REJECTED_EXAMPLES = 10;
  /** The directory of the default checkpoint file, relative to the working directory. */
  public static final Path DEFAULT_CHECKPOINT_DIRECTORY = Path.of("graphshift-data", "backfill");

  private final BackfillContext context;
  private final ListenerSupport<BackfillListener> listeners;
  private final BackfillCounters counters;
  private final AtomicBoolean running = new AtomicBoolean();

  private Backfiller(Builder b, BackfillConfig config) {
    this.counters = new BackfillCounters();
    this.listeners = new ListenerSupport<>(config.name(), "graphshift.backfill", b.listeners,
        LoggerFactory.getLogger(Backfiller.class));
    CheckpointStore store = b.checkpoints != null ? b.checkpoints
        : FileCheckpointStore.at(DEFAULT_CHECKPOINT_DIRECTORY.resolve(safeFileName(config.name()) + ".checkpoint.json"));
    this.context = new BackfillContext(config, b.source, b.target, b.mapper != null ? b.mapper : RecordMapper.identity(),
        store, listeners, b.executor, b.clock != null ? b.clock : Clock.systemUTC(),
        b.sleeper != null ? b.sleeper : Sleeper.SYSTEM, counters);
  }

  private static String safeFileName(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * A builder for a backfill from {@code source} to {@code target}. When dual writes run at the same
   * time, {@code target} must be the dual-write coordinator's {@code backfillTarget()} view.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(GraphDatabase source, GraphDatabase target) {
    return new Builder(source, target);
  }

  /** The settings. */
  public BackfillConfig config() {
    return context.config();
  }

  /** The backfill's name. */
  public String name() {
    return context.config().name();
  }

  /** The checkpoint store. */
  public CheckpointStore checkpoints() {
    return context.checkpoints();
  }

  /**
   * The partitions a run executes: those of the stored checkpoint when resuming, otherwise a fresh plan
   * from the source's scans (which may differ from the plan of a later run if the data changes meanwhile).
   *
   * @throws dev.graphshift.ConfigurationException if the stored checkpoint belongs to another configuration
   */
  public List<BackfillPartition> plan() {
    return BackfillRun.plan(context);
  }

  /**
   * Runs the backfill to the end, resuming from the checkpoint store if it holds a checkpoint of this
   * configuration, and clears the store when done.
   *
   * @return what the backfill did; its counts reconcile
   * @throws BackfillException if a partition failed permanently or the run was interrupted; a re-run
   *     resumes
   * @throws dev.graphshift.ConfigurationException if the checkpoint belongs to another configuration
   * @throws IllegalStateException if this backfiller is running already
   */
  public BackfillReport run() {
    if (!running.compareAndSet(false, true)) {
      throw new IllegalStateException("backfill '" + name() + "' is running already");
    }
    counters.running(true);
    try {
      return new BackfillRun(context).run();
    } finally {
      counters.running(false);
      running.set(false);
    }
  }

  /** A snapshot of the counters and gauges. */
  public BackfillMetrics metrics() {
    return counters.snapshot(name(), listeners.failures());
  }

  @Override
  public String toString() {
    return "Backfiller[" + name() + ", " + context.source().name() + " -> " + context.target().name() + "]";
  }

  /**
   * Builds a {@link Backfiller}. Defaults: the identity mapper, batches of {@value #DEFAULT_BATCH_SIZE},
   * no rate limit, no pause, {@value #DEFAULT_PARALLELISM} partitions at once by id range, everything
   * selected, {@value #DEFAULT_MAX_RETRIES} retries from {@code 200ms}, progress logged every 10 s, a
   * checkpoint file under {@link #DEFAULT_CHECKPOINT_DIRECTORY}, a thread pool of {@code 2 ×
   * parallelism} threads per run, the UTC system clock. Every setting may be set once.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final GraphDatabase source;
    private final GraphDatabase target;
    private @Nullable String name;
    private @Nullable RecordMapper mapper;
    private @Nullable Integer batchSize;
    private @Nullable Double rateLimit;
    private @Nullable Duration pauseBetweenBatches;
    private @Nullable Integer parallelism;
    private @Nullable Partitioning partitioning;
    private @Nullable BackfillSelection selection;
    private @Nullable Integer maxRetries;
    private @Nullable Duration retryBackoff;
    private @Nullable Duration progressInterval;
    private @Nullable Boolean consoleProgress;
    private @Nullable Integer maxRejectedExamples;
    private @Nullable CheckpointStore checkpoints;
    private @Nullable Executor executor;
    private @Nullable Clock clock;
    private @Nullable Sleeper sleeper;
    private final List<BackfillListener> listeners = new ArrayList<>();

    private Builder(GraphDatabase source, GraphDatabase target) {
      this.source = requireNonNull(source, "source");
      this.target = requireNonNull(target, "target");
    }

    /**
     * The name carried by events, logs, metrics and the default checkpoint file. Default {@value
     * Backfiller#DEFAULT_NAME}.
     *
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException if set already
     */
    public Builder name(String value) {
      once(name, "name");
      this.name = nonBlank(value, "name");
      return this;
    }

    /**
     * The mapping applied to every batch before it is written. Default: the identity.
     *
     * @throws IllegalStateException if set already
     */
    public Builder mapper(RecordMapper value) {
      requireNonNull(value, "mapper");
      once(mapper, "mapper");
      this.mapper = value;
      return this;
    }

    /**
     * Records per scan page and per write; at least 1. Default {@value Backfiller#DEFAULT_BATCH_SIZE}.
     *
     * @throws IllegalArgumentException if below 1
     * @throws IllegalStateException if set already
     */
    public Builder batchSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1: " + value);
      }
      once(batchSize, "batchSize");
      this.batchSize = value;
      return this;
    }

    /**
     * The most records per second, over all partitions together, enforced by a token bucket whose burst
     * is one second's worth. Positive and finite. Default: no limit.
     *
     * @throws IllegalArgumentException if not positive and finite
     * @throws IllegalStateException if set already
     */
    public Builder rateLimit(double recordsPerSecond) {
      if (!(recordsPerSecond > 0) || Double.isInfinite(recordsPerSecond)) {
        throw new IllegalArgumentException("rateLimit must be positive and finite: " + recordsPerSecond);
      }
      once(rateLimit, "rateLimit");
      this.rateLimit = recordsPerSecond;
      return this;
    }

    /**
     * The pause each partition takes after committing a batch, to leave room for the application's
     * load. Zero or positive. Default none.
     *
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if set already
     */
    public Builder pauseBetweenBatches(Duration value) {
      once(pauseBetweenBatches, "pauseBetweenBatches");
      this.pauseBetweenBatches = notNegative(value, "pauseBetweenBatches");
      return this;
    }

    /**
     * How many partitions run at once, and with {@link Partitioning#BY_ID_RANGE} about how many ranges
     * each scan is cut into. 1 to 1 024. Default {@value Backfiller#DEFAULT_PARALLELISM}.
     *
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if set already
     */
    public Builder parallelism(int value) {
      once(parallelism, "parallelism");
      this.parallelism = inRange(value, 1, 1024, "parallelism");
      return this;
    }

    /**
     * How scans are cut into partitions. Default {@link Partitioning#BY_ID_RANGE}.
     *
     * @throws IllegalStateException if set already
     */
    public Builder partitioning(Partitioning value) {
      requireNonNull(value, "partitioning");
      once(partitioning, "partitioning");
      this.partitioning = value;
      return this;
    }

    /**
     * Which nodes and relationships to copy. Default {@link BackfillSelection#all()}.
     *
     * @throws IllegalStateException if set already
     */
    public Builder selection(BackfillSelection value) {
      requireNonNull(value, "selection");
      once(selection, "selection");
      this.selection = value;
      return this;
    }

    /**
     * How many times a scan or write failing with a {@code Retryable} error is tried again before the
     * partition stops; 0 to 1 000. Default {@value Backfiller#DEFAULT_MAX_RETRIES}.
     *
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if set already
     */
    public Builder maxRetries(int value) {
      once(maxRetries, "maxRetries");
      this.maxRetries = inRange(value, 0, 1000, "maxRetries");
      return this;
    }

    /**
     * The backoff before the first retry; it doubles with each retry, up to 32 times this value. Zero or
     * positive. Default 200 ms.
     *
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if set already
     */
    public Builder retryBackoff(Duration value) {
      once(retryBackoff, "retryBackoff");
      this.retryBackoff = notNegative(value, "retryBackoff");
      return this;
    }

    /**
     * How often progress is logged (listeners hear of every batch). Positive. Default 10 s.
     *
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if set already
     */
    public Builder progressInterval(Duration value) {
      once(progressInterval, "progressInterval");
      this.progressInterval = positive(value, "progressInterval");
      return this;
    }

    /**
     * Whether to draw a progress bar on standard error when a console is attached ({@code
     * System.console() != null}); never drawn otherwise. Default true.
     *
     * @throws IllegalStateException if set already
     */
    public Builder consoleProgress(boolean value) {
      once(consoleProgress, "consoleProgress");
      this.consoleProgress = value;
      return this;
    }

    /**
     * How many rejected records per rule the report keeps as examples (all of them go to the
     * listeners); 0 to 10 000. Default {@value Backfiller#DEFAULT_MAX_REJECTED_EXAMPLES}.
     *
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if set already
     */
    public Builder maxRejectedExamples(int value) {
      once(maxRejectedExamples, "maxRejectedExamples");
      this.maxRejectedExamples = inRange(value, 0, 10_000, "maxRejectedExamples");
      return this;
    }

    /**
     * Where checkpoints are saved. Default: a {@link FileCheckpointStore} at {@code
     * graphshift-data/backfill/<name>.checkpoint.json} under the working directory.
     *
     * @throws IllegalStateException if set already
     */
    public Builder checkpoints(CheckpointStore value) {
      requireNonNull(value, "checkpoints");
      once(checkpoints, "checkpoints");
      this.checkpoints = value;
      return this;
    }

    /**
     * Adds a listener; may be called several times.
     */
    public Builder listener(BackfillListener value) {
      listeners.add(requireNonNull(value, "listener"));
      return this;
    }

    /**
     * The executor that runs partitions and read-aheads; it should offer {@code 2 × parallelism}
     * threads for full overlap, but any executor works (even a same-thread one, which gives no overlap).
     * It is not shut down by the backfill. Default: a pool of {@code 2 × parallelism} daemon threads
     * created and shut down by each run.
     *
     * @throws IllegalStateException if set already
     */
    public Builder executor(Executor value) {
      requireNonNull(value, "executor");
      once(executor, "executor");
      this.executor = value;
      return this;
    }

    /**
     * The clock for events, progress, checkpoints and the rate limiter. Default the UTC system clock.
     *
     * @throws IllegalStateException if set already
     */
    public Builder clock(Clock value) {
      requireNonNull(value, "clock");
      once(clock, "clock");
      this.clock = value;
      return this;
    }

    /** How waits are taken; tests pass one that advances their fake clock. */
    Builder sleeper(Sleeper value) {
      requireNonNull(value, "sleeper");
      once(sleeper, "sleeper");
      this.sleeper = value;
      return this;
    }

    /** Builds the backfiller. */
    public Backfiller build() {
      BackfillConfig config = new BackfillConfig(
          name != null ? name : DEFAULT_NAME,
          batchSize != null ? batchSize : DEFAULT_BATCH_SIZE,
          rateLimit != null ? OptionalDouble.of(rateLimit) : OptionalDouble.empty(),
          pauseBetweenBatches != null ? pauseBetweenBatches : DEFAULT_PAUSE_BETWEEN_BATCHES,
          parallelism != null ? parallelism : DEFAULT_PARALLELISM,
          partitioning != null ? partitioning : DEFAULT_PARTITIONING,
          selection != null ? selection : BackfillSelection.all(),
          maxRetries != null ? maxRetries : DEFAULT_MAX_RETRIES,
          retryBackoff != null ? retryBackoff : DEFAULT_RETRY_BACKOFF,
          progressInterval != null ? progressInterval : DEFAULT_PROGRESS_INTERVAL,
          consoleProgress != null ? consoleProgress : true,
          maxRejectedExamples != null ? maxRejectedExamples : DEFAULT_MAX_REJECTED_EXAMPLES);
      return new Backfiller(this, config);
    }
  }
}
