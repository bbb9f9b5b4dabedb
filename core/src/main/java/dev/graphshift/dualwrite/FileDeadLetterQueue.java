package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import dev.graphshift.dualwrite.internal.JournalFile;
import dev.graphshift.dualwrite.internal.LetterIndex;
import dev.graphshift.dualwrite.internal.QueueCore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable {@link DeadLetterQueue}: an append-only journal file that survives a crash, is replayed
 * when it is opened, and is compacted when most of it describes entries that are gone. The default
 * queue of {@link DualWriteCoordinator}.
 *
 * <pre>{@code
 * FileDeadLetterQueue dlq = FileDeadLetterQueue.builder(Path.of("graphshift-data/dead-letters/orders.journal"))
 *     .fsync(FsyncPolicy.INTERVAL)
 *     .fsyncInterval(Duration.ofMillis(100))
 *     .build();
 * }</pre>
 *
 * <p><b>Durability.</b> Every change is written to the operating system before the call returns, with
 * one positional write and no buffering in the process, so a killed process loses nothing; what a
 * machine crash can lose depends on the {@link FsyncPolicy}. A crash in the middle of a write leaves at
 * most the last record incomplete: its length and CRC-32C checksum expose it on the next open, and its
 * bytes are moved aside to {@code <journal>.corrupt-<millis>} before the journal is truncated.
 *
 * <p><b>Memory.</b> Operations stay on disk; memory holds an index of the entries (sequence, ordering
 * keys, attempts, failure history: roughly 150 bytes plus the ids per entry) and reads an operation back
 * when it is retried or listed. Untried writes of the same id coalesce (see {@link DeadLetterQueue}),
 * so an outage costs one entry per id written during it.
 *
 * <p><b>Exclusive.</b> The queue holds an OS lock on {@code <journal>.lock} while open; a second queue
 * on the same journal, in this process or another, fails with a {@link
 * dev.graphshift.ConfigurationException}. The lock dies with the process.
 *
 * <p>Thread-safe.
 */
public final class FileDeadLetterQueue implements DeadLetterQueue {
  private static final Logger log = LoggerFactory.getLogger(FileDeadLetterQueue.class);

  /** The default fsync policy: {@link FsyncPolicy#INTERVAL}. */
  public static final FsyncPolicy DEFAULT_FSYNC = FsyncPolicy.INTERVAL;
  /** The default group-commit interval: 100 ms. */
  public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofMillis(100);
  /** The default share of dead bytes that triggers compaction: 0.5. */
  public static final double DEFAULT_COMPACTION_RATIO = 0.5;
  /** The default journal size below which it is never compacted: 1 MiB. */
  public static final long DEFAULT_MIN_COMPACTION_BYTES = 1024 * 1024;

  private final FileDeadLetterQueueConfig config;
  private final JournalFile journal;
  private final QueueCore core;
  private final @Nullable ScheduledExecutorService ownedScheduler;
  private final @Nullable ScheduledFuture<?> flusher;
  private volatile boolean closed;

  private FileDeadLetterQueue(Builder b, FileDeadLetterQueueConfig config) {
    this.config = config;
    LetterIndex index = new LetterIndex();
    this.journal = JournalFile.open(config.name(), config.journal(), config.fsync(), config.compactionRatio(),
        config.minCompactionBytes(), index);
    journal.attach(index);
    this.core = new QueueCore(config.name(), index, journal);
    if (config.fsync() == FsyncPolicy.INTERVAL) {
      ScheduledExecutorService scheduler = b.scheduler;
      if (scheduler == null) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "graphshift-dlq-fsync-" + config.name());
          t.setDaemon(true);
          return t;
        });
        this.ownedScheduler = scheduler;
      } else {
        this.ownedScheduler = null;
      }
      long nanos = config.fsyncInterval().toNanos();
      this.flusher = scheduler.scheduleWithFixedDelay(this::flush, nanos, nanos, TimeUnit.NANOSECONDS);
    } else {
      this.ownedScheduler = null;
      this.flusher = null;
    }
    if (core.size() > 0) {
      log.info("graphshift.dlq.recovered name={} file={} entries={} parked={}", config.name(), config.journal(),
          core.size(), core.parkedCount());
    }
  }

  /**
   * A builder for a queue journaled in this file (created, with its directories, if absent).
   *
   * @throws NullPointerException if journal is null
   */
  public static Builder builder(Path journal) {
    return new Builder(journal);
  }

  /** A queue journaled in this file with the default settings. */
  public static FileDeadLetterQueue open(Path journal) {
    return builder(journal).build();
  }

  /** The settings of this queue. */
  public FileDeadLetterQueueConfig config() {
    return config;
  }

  /** A snapshot of the journal's size, compactions and fsyncs. */
  public FileDeadLetterQueueMetrics metrics() {
    synchronized (core) {
      return journal.metrics();
    }
  }

  /** Compacts the journal now, whatever its dead share. */
  public void compact() {
    ensureOpen();
    synchronized (core) {
      journal.compact();
    }
  }

  private void flush() {
    try {
      journal.flush();
    } catch (RuntimeException e) {
      log.warn("graphshift.dlq.fsync_failed name={} file={} error={}", config.name(), config.journal(),
          e.getMessage());
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("dead-letter queue '" + config.name() + "' is closed");
    }
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public List<DeadLetter> append(List<NewDeadLetter> letters) {
    ensureOpen();
    return core.append(letters);
  }

  @Override
  public boolean blocks(Collection<OrderingKey> keys) {
    return core.blocks(keys);
  }

  @Override
  public List<DeadLetter> takeDue(Instant now, int max, Predicate<List<OrderingKey>> eligible) {
    ensureOpen();
    return core.takeDue(now, max, eligible);
  }

  @Override
  public void ack(Collection<Long> sequences) {
    ensureOpen();
    core.ack(sequences);
  }

  @Override
  public void retryLater(Map<Long, Instant> nextAttempts, String failure) {
    ensureOpen();
    core.retryLater(nextAttempts, failure);
  }

  @Override
  public void release(Collection<Long> sequences, Instant nextAttemptAt) {
    ensureOpen();
    core.release(sequences, nextAttemptAt);
  }

  @Override
  public void park(Collection<Long> sequences, String reason) {
    ensureOpen();
    core.park(sequences, reason);
  }

  @Override
  public boolean unpark(long sequence, Instant now) {
    ensureOpen();
    return core.unpark(sequence, now);
  }

  @Override
  public boolean discard(long sequence, String reason) {
    ensureOpen();
    return core.discard(sequence, reason);
  }

  @Override
  public Optional<DeadLetter> get(long sequence) {
    ensureOpen();
    return core.get(sequence);
  }

  @Override
  public List<DeadLetter> pending(int limit) {
    ensureOpen();
    return core.list(limit, false);
  }

  @Override
  public List<DeadLetter> parked(int limit) {
    ensureOpen();
    return core.list(limit, true);
  }

  @Override
  public long depth() {
    return core.depth();
  }

  @Override
  public long parkedCount() {
    return core.parkedCount();
  }

  @Override
  public long size() {
    return core.size();
  }

  @Override
  public long highestSequence() {
    return core.highestSequence();
  }

  /** Stops the fsync task, forces the journal and releases its lock; idempotent. */
  @Override
  public void close() {
    synchronized (core) {
      if (closed) {
        return;
      }
      closed = true;
      if (flusher != null) {
        flusher.cancel(false);
      }
      journal.close();
    }
    if (ownedScheduler != null) {
      ownedScheduler.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "FileDeadLetterQueue[" + config.name() + ", " + config.journal() + ", " + size() + " entries]";
  }

  /**
   * Builds a {@link FileDeadLetterQueue}. Defaults:
   *
   * <ul>
   *   <li>name: the journal's file name
   *   <li>fsync: {@link #DEFAULT_FSYNC}, every {@link #DEFAULT_FSYNC_INTERVAL}
   *   <li>compaction when dead bytes pass {@link #DEFAULT_COMPACTION_RATIO} of a journal of at least
   *       {@link #DEFAULT_MIN_COMPACTION_BYTES}
   *   <li>scheduler of the interval fsync: a daemon thread the queue owns and stops on close
   * </ul>
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final Path journal;
    private @Nullable String name;
    private FsyncPolicy fsync = DEFAULT_FSYNC;
    private boolean fsyncSet;
    private @Nullable Duration fsyncInterval;
    private double compactionRatio = DEFAULT_COMPACTION_RATIO;
    private long minCompactionBytes = DEFAULT_MIN_COMPACTION_BYTES;
    private @Nullable ScheduledExecutorService scheduler;

    private Builder(Path journal) {
      this.journal = requireNonNull(journal, "journal");
    }

    /**
     * The queue's name, for logs and events; default the journal's file name.
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder name(String value) {
      requireNonNull(value, "name");
      if (value.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = value;
      return this;
    }

    /**
     * When the journal is forced to disk; default {@link #DEFAULT_FSYNC}.
     *
     * @throws IllegalStateException if an fsync interval was set and the policy is not {@code INTERVAL}
     */
    public Builder fsync(FsyncPolicy value) {
      requireNonNull(value, "fsync");
      if (fsyncInterval != null && value != FsyncPolicy.INTERVAL) {
        throw new IllegalStateException("fsync " + value + " conflicts with fsyncInterval(" + fsyncInterval
            + ") set earlier, which only applies to INTERVAL");
      }
      this.fsync = value;
      this.fsyncSet = true;
      return this;
    }

    /**
     * The group-commit interval of {@link FsyncPolicy#INTERVAL}: the most a machine crash can lose;
     * default {@link #DEFAULT_FSYNC_INTERVAL}.
     *
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if a policy other than {@code INTERVAL} was set
     */
    public Builder fsyncInterval(Duration value) {
      requireNonNull(value, "fsyncInterval");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("fsyncInterval must be positive: " + value);
      }
      if (fsyncSet && fsync != FsyncPolicy.INTERVAL) {
        throw new IllegalStateException("fsyncInterval applies only to INTERVAL, but fsync(" + fsync
            + ") was set earlier");
      }
      this.fsyncInterval = value;
      return this;
    }

    /**
     * The share of dead bytes above which the journal is compacted, in (0, 1); default {@link
     * #DEFAULT_COMPACTION_RATIO}.
     *
     * @throws IllegalArgumentException if outside (0, 1)
     */
    public Builder compactionRatio(double value) {
      if (!(value > 0 && value < 1)) {
        throw new IllegalArgumentException("compactionRatio must be in (0, 1): " + value);
      }
      this.compactionRatio = value;
      return this;
    }

    /**
     * The journal size below which it is never compacted, in bytes, at least 0; default {@link
     * #DEFAULT_MIN_COMPACTION_BYTES}.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder minCompactionBytes(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("minCompactionBytes must not be negative: " + value);
      }
      this.minCompactionBytes = value;
      return this;
    }

    /** The scheduler of the interval fsync; default a daemon thread the queue owns. Not shut down by the queue. */
    public Builder scheduler(ScheduledExecutorService value) {
      this.scheduler = requireNonNull(value, "scheduler");
      return this;
    }

    /**
     * Opens the journal (replaying it) and returns the queue.
     *
     * @throws dev.graphshift.ConfigurationException if another queue holds the journal
     * @throws DeadLetterQueueException if the journal cannot be opened or read
     */
    public FileDeadLetterQueue build() {
      Path file = journal.toAbsolutePath();
      Path fileName = file.getFileName();
      String n = name != null ? name : (fileName == null ? file.toString() : fileName.toString());
      Duration interval = fsyncInterval != null ? fsyncInterval : DEFAULT_FSYNC_INTERVAL;
      FileDeadLetterQueueConfig config =
          new FileDeadLetterQueueConfig(file, n, fsync, interval, compactionRatio, minCompactionBytes);
      return new FileDeadLetterQueue(this, config);
    }
  }
}
