package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphRecord;
import dev.graphshift.GraphShiftException;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Retryable;
import dev.graphshift.Rules;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.dualwrite.internal.BackfillTarget;
import dev.graphshift.dualwrite.internal.KeyedScheduler;
import dev.graphshift.dualwrite.internal.SecondaryWriter;
import dev.graphshift.dualwrite.internal.StripedLocks;
import dev.graphshift.dualwrite.internal.Telemetry;
import dev.graphshift.mapping.RecordMapper;
import dev.graphshift.retry.Backoff;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to two databases while the application keeps serving: every write goes to the primary first
 * and the caller gets the primary's answer; the mapped write then goes to the secondary
 * asynchronously, in order, and through a durable {@link DeadLetterQueue} whenever it cannot go
 * directly. All reads are the primary's. It is itself a {@link GraphDatabase}, so the other
 * coordinators wrap it.
 *
 * <pre>{@code
 * DualWriteCoordinator dual = DualWriteCoordinator.builder(neo4j, engram)
 *     .mapper(schemaMapper)
 *     .deadLetters(FileDeadLetterQueue.open(Path.of("graphshift-data/dead-letters/orders.journal")))
 *     .build();
 * dual.upsertNode(node);                       // returns when Neo4j has it
 * Backfiller.builder(neo4j, dual.backfillTarget(), ...)   // the backfill writes through the view
 * }</pre>
 *
 * <p><b>Nesting.</b>
 *
 * <pre>
 *   caller ── write ──▶ DualWriteCoordinator
 *                         1. primary.write(...)                  blocking; its result, or its exception, is the caller's
 *                         2. map + queue for the secondary        never blocks on the secondary
 *                              ├─▶ ordered scheduler ─▶ secondary.write(...)       on the injected executor
 *                              └─▶ DeadLetterQueue ─▶ retry worker ─▶ secondary    failed, spilled, or behind one
 *   caller ── read ───▶ primary only
 *   backfill ─ write ─▶ backfillTarget() ─▶ same ordered scheduler ─▶ secondary
 * </pre>
 *
 * The primary sees every write first; the caller's call fails if and only if the primary's does. A
 * failure after the primary succeeded (the secondary, the mapper, the queue) never reaches the caller.
 *
 * <p><b>Ordering.</b> Two writes conflict when they name the same node (a node upsert or delete, or a
 * relationship upsert naming it as an endpoint; two relationship upserts that only share an endpoint do
 * not conflict) or the same relationship: see {@link OrderingKey}. Conflicting writes reach the
 * secondary in the order the primary applied them, directly or through the dead-letter queue, across
 * retries: a delete is never undone by a delayed upsert, and a relationship created before its node's
 * detach delete never survives it. Non-conflicting writes commute, so once the queue drains the
 * secondary holds what the primary holds (for writes made through this coordinator). Writes of one id
 * through several coordinators (several application instances) are ordered only if the application
 * routes each id to one instance; otherwise the validator's repair reconciles them.
 *
 * <p><b>Design.</b> Callers hold striped read-write locks on the ids they write from before the primary
 * call until their secondary write is queued, so conflicting writes are queued, and ticketed, in primary
 * order. A scheduler keyed by {@link OrderingKey} runs each queued write once every earlier conflicting
 * one completed, on at most {@code parallelism} drainers on the injected executor; a drainer sends all
 * the ready writes of one type as one secondary call (up to {@code batchSize} records), so under load
 * batches grow instead of queues. A write whose keys conflict with an entry of the dead-letter
 * queue goes into the queue behind it instead of overtaking it, both when it is queued and when it is
 * about to be sent. The retry worker takes due entries in ticket order, never one behind an earlier
 * conflicting entry or pending write. Bounded: at most {@code capacity} records wait for the secondary;
 * beyond that writes spill to the dead-letter queue, so a slow or dead secondary costs the caller one
 * queue append, never a wait, and memory stays bounded. After a retryable failure the coordinator holds
 * writes back (straight to the queue) for a backoff delay and lets the retry worker probe the secondary.
 * Eventually consistent: the secondary lags by the queue.
 *
 * <p><b>Durability.</b> With {@link DeliveryMode#DIRECT} (the default) a crash loses the writes that
 * were queued for, or being sent to, the secondary and not yet journaled; with {@link
 * DeliveryMode#OUTBOX} every write is journaled before the call returns. See {@link DeliveryMode} and
 * {@link FsyncPolicy}; {@code docs/consistency.md} gives the windows.
 *
 * <p>Thread-safe.
 */
public final class DualWriteCoordinator extends ForwardingGraphDatabase {
  private static final Logger log = LoggerFactory.getLogger(DualWriteCoordinator.class);

  /** The default name: {@code dual-write}. */
  public static final String DEFAULT_NAME = "dual-write";
  /** The default capacity: 10 000 records queued for or in flight to the secondary. */
  public static final int DEFAULT_CAPACITY = 10_000;
  /** The default number of concurrent secondary writes: 4. */
  public static final int DEFAULT_PARALLELISM = 4;
  /** The default largest secondary write: 1 000 records. */
  public static final int DEFAULT_BATCH_SIZE = 1_000;
  /** The default attempts before a write is parked: 10. */
  public static final int DEFAULT_MAX_ATTEMPTS = 10;
  /** The default backoff: 100 ms doubling up to 5 minutes, ±20 % jitter. */
  public static final Backoff DEFAULT_BACKOFF = Backoff.ofDefaults();
  /** The default interval of the retry worker: 200 ms. */
  public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMillis(200);
  /** The default largest retry batch: 500 dead letters. */
  public static final int DEFAULT_RETRY_BATCH_SIZE = 500;
  /** The default number of caller lock stripes: 1 024. */
  public static final int DEFAULT_LOCK_STRIPES = 1024;
  /** The default backfill claim lease: 1 minute. */
  public static final Duration DEFAULT_BACKFILL_LEASE = Duration.ofMinutes(1);
  /** The default close timeout: 30 seconds. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
  /** The default delivery: {@link DeliveryMode#DIRECT}. */
  public static final DeliveryMode DEFAULT_DELIVERY = DeliveryMode.DIRECT;
  /** Where the default durable dead-letter queue lives: {@code graphshift-data/dead-letters/<name>.journal}. */
  public static final Path DEFAULT_DEAD_LETTER_DIRECTORY = Path.of("graphshift-data", "dead-letters");

  /** How many retry batches one round of the worker tries at most. */
  private static final int MAX_RETRY_BATCHES_PER_ROUND = 64;

  private final DualWriteConfig config;
  private final String name;
  private final GraphDatabase primary;
  private final GraphDatabase secondary;
  private final RecordMapper mapper;
  private final DeadLetterQueue dlq;
  private final boolean ownsDlq;
  private final TombstoneStore tombstones;
  private final Clock clock;
  private final @Nullable ExecutorService ownedExecutor;
  private final @Nullable ScheduledExecutorService ownedScheduler;
  private final ScheduledFuture<?> retryTask;
  private final KeyedScheduler lanes;
  private final StripedLocks locks;
  private final SecondaryWriter writer;
  private final Telemetry telemetry;
  private final GraphDatabase backfillTarget;
  private final AtomicLong tickets;
  private final Random random;
  private final ReentrantLock retryLock = new ReentrantLock();
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private volatile Instant downUntil = Instant.MIN;
  private volatile boolean closing;
  private volatile boolean closed;

  private DualWriteCoordinator(Builder b, DualWriteConfig config) {
    super(b.primary);
    this.config = config;
    this.name = config.name();
    this.primary = b.primary;
    this.secondary = b.secondary;
    this.mapper = config.mapper();
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.random = new Random(config.seed());
    this.telemetry = new Telemetry(name, b.listeners);
    if (b.deadLetters != null) {
      this.dlq = b.deadLetters;
      this.ownsDlq = false;
    } else {
      this.dlq = FileDeadLetterQueue.builder(DEFAULT_DEAD_LETTER_DIRECTORY.resolve(name + ".journal")).build();
      this.ownsDlq = true;
    }
    this.tombstones = b.tombstones != null ? b.tombstones : InMemoryTombstoneStore.create();
    Executor executor = b.executor;
    if (executor == null) {
      AtomicInteger n = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(config.parallelism(), r -> {
        Thread t = new Thread(r, "graphshift-dualwrite-" + name + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      this.ownedExecutor = pool;
      executor = pool;
    } else {
      this.ownedExecutor = null;
    }
    this.lanes = new KeyedScheduler(executor, config.parallelism(), config.capacity(), config.batchSize(),
        this::runDual);
    this.locks = new StripedLocks(config.lockStripes());
    String owner = name + "@" + UUID.randomUUID();
    this.writer = new SecondaryWriter(name, primary, secondary, mapper, tombstones, owner, clock,
        config.backfillLease(), telemetry);
    this.backfillTarget = new BackfillTarget(name, secondary, lanes, tombstones, owner, clock, config.backfillLease(),
        telemetry, this::ensureOpen);
    this.tickets = new AtomicLong(Math.max(0, dlq.highestSequence() + 1));
    ScheduledExecutorService scheduler = b.scheduler;
    if (scheduler == null) {
      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "graphshift-dualwrite-retry-" + name);
        t.setDaemon(true);
        return t;
      });
      this.ownedScheduler = scheduler;
    } else {
      this.ownedScheduler = null;
    }
    long interval = config.retryInterval().toNanos();
    this.retryTask = scheduler.scheduleWithFixedDelay(this::retryRound, interval, interval, TimeUnit.NANOSECONDS);
    if (dlq.size() > 0) {
      log.info("graphshift.dualwrite.started name={} deadLetters={} parked={}", name, dlq.size(), dlq.parkedCount());
    }
  }

  /**
   * A builder of a coordinator that writes to {@code primary} first and to {@code secondary} after.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if both are the same database
   */
  public static Builder builder(GraphDatabase primary, GraphDatabase secondary) {
    return new Builder(primary, secondary);
  }

  /** The settings of this coordinator. */
  public DualWriteConfig config() {
    return config;
  }

  /** The dead-letter queue: list, unpark or discard its entries here. */
  public DeadLetterQueue deadLetters() {
    return dlq;
  }

  /** The tombstone store the backfill view consults; clear it once the backfill is validated. */
  public TombstoneStore tombstones() {
    return tombstones;
  }

  /**
   * The secondary as a backfill must write it: a {@link GraphDatabase} whose reads are the secondary's
   * and whose writes are ordered with this coordinator's dual writes of the same ids. {@link
   * WriteMode#INSERT_IF_ABSENT} writes never overwrite a newer dual-written record and never bring back
   * a record (or a relationship of a node) that a dual write deleted; skipped records count as {@code
   * skipped} in the result. {@link WriteMode#UPSERT} writes and deletes are ordered but not filtered
   * (use them for repairs). Closing the view does nothing; it lives as long as the coordinator.
   */
  public GraphDatabase backfillTarget() {
    return backfillTarget;
  }

  /** A snapshot of the counters and gauges. */
  public DualWriteMetrics metrics() {
    Telemetry t = telemetry;
    return new DualWriteMetrics(t.writes.sum(), t.secondaryWrites.sum(), t.secondaryFailures.sum(),
        t.deadLettered.sum(), t.spilled.sum(), t.retries.sum(), t.rejected.sum(), dlq.depth(), dlq.parkedCount(),
        lanes.pendingRecords(), t.backfillWritten.sum(), t.backfillSkipped.sum(), t.backfillClaimOverruns.sum(),
        t.forwardFailures.sum(), t.listenerFailures.sum(), t.workerFailures.sum(), secondaryDown(clock.instant()));
  }

  /**
   * Whether the secondary has caught up with this coordinator's writes: nothing queued for it, nothing
   * being sent, and the dead-letter queue empty (parked entries included).
   */
  public boolean caughtUp() {
    return lanes.isIdle() && dlq.size() == 0;
  }

  @Override
  public String name() {
    return name;
  }

  // Reads, capabilities() and query names are the primary's, inherited from ForwardingGraphDatabase.

  // ------------------------------------------------------------------------------------------ writes

  @Override
  public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
    requireNonNull(nodes, "nodes");
    requireNonNull(mode, "mode");
    ensureOpen();
    int n = nodes.size();
    if (n == 0) {
      return primary.upsertNodes(nodes, mode);
    }
    long[] requests = new long[n];
    for (int i = 0; i < n; i++) {
      requests[i] = locks.request(false, nodes.get(i).id(), true);
    }
    StripedLocks.Held held = locks.acquire(requests, n);
    try {
      WriteResult result = primary.upsertNodes(nodes, mode);
      try {
        List<Node> accepted = accepted(nodes, result);
        List<WriteOperation> ops = new ArrayList<>(accepted.size());
        if (mode == WriteMode.INSERT_IF_ABSENT && result.skipped() > 0) {
          // The primary kept some existing records; forward what it holds now, not what was offered.
          List<String> ids = new ArrayList<>(accepted.size());
          accepted.forEach(x -> ids.add(x.id()));
          for (Node current : primary.getNodes(ids).values()) {
            ops.add(new WriteOperation.UpsertNode(current, WriteMode.UPSERT));
          }
        } else {
          for (Node node : accepted) {
            ops.add(new WriteOperation.UpsertNode(node, WriteMode.UPSERT));
          }
        }
        forward(ops);
      } catch (RuntimeException e) {
        forwardFailed(nodes, e);
      }
      return result;
    } finally {
      held.release();
    }
  }

  @Override
  public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
    requireNonNull(relationships, "relationships");
    requireNonNull(mode, "mode");
    ensureOpen();
    int n = relationships.size();
    if (n == 0) {
      return primary.upsertRelationships(relationships, mode);
    }
    long[] requests = new long[n * 3];
    for (int i = 0; i < n; i++) {
      Relationship r = relationships.get(i);
      requests[3 * i] = locks.request(true, r.id(), true);
      requests[3 * i + 1] = locks.request(false, r.startId(), false);
      requests[3 * i + 2] = locks.request(false, r.endId(), false);
    }
    StripedLocks.Held held = locks.acquire(requests, requests.length);
    try {
      WriteResult result = primary.upsertRelationships(relationships, mode);
      try {
        List<Relationship> accepted = accepted(relationships, result);
        List<WriteOperation> ops = new ArrayList<>(accepted.size());
        if (mode == WriteMode.INSERT_IF_ABSENT && result.skipped() > 0) {
          List<String> ids = new ArrayList<>(accepted.size());
          accepted.forEach(x -> ids.add(x.id()));
          for (Relationship current : primary.getRelationships(ids).values()) {
            ops.add(new WriteOperation.UpsertRelationship(current, WriteMode.UPSERT));
          }
        } else {
          for (Relationship r : accepted) {
            ops.add(new WriteOperation.UpsertRelationship(r, WriteMode.UPSERT));
          }
        }
        forward(ops);
      } catch (RuntimeException e) {
        forwardFailed(relationships, e);
      }
      return result;
    } finally {
      held.release();
    }
  }

  @Override
  public WriteResult deleteNodes(Collection<String> ids) {
    return delete(ids, false);
  }

  @Override
  public WriteResult deleteRelationships(Collection<String> ids) {
    return delete(ids, true);
  }

  private WriteResult delete(Collection<String> ids, boolean relationships) {
    requireNonNull(ids, "ids");
    ensureOpen();
    List<String> list = List.copyOf(ids);
    int n = list.size();
    if (n == 0) {
      return relationships ? primary.deleteRelationships(list) : primary.deleteNodes(list);
    }
    long[] requests = new long[n];
    for (int i = 0; i < n; i++) {
      requests[i] = locks.request(relationships, list.get(i), true);
    }
    StripedLocks.Held held = locks.acquire(requests, n);
    try {
      WriteResult result = relationships ? primary.deleteRelationships(list) : primary.deleteNodes(list);
      try {
        Set<String> rejected = new HashSet<>();
        for (Rejected r : result.rejected()) {
          rejected.add(r.recordId());
        }
        Set<String> distinct = new LinkedHashSet<>(list);
        List<WriteOperation> ops = new ArrayList<>(distinct.size());
        for (String id : distinct) {
          if (!rejected.contains(id)) {
            ops.add(relationships ? new WriteOperation.DeleteRelationship(id) : new WriteOperation.DeleteNode(id));
          }
        }
        forward(ops);
      } catch (RuntimeException e) {
        forwardFailedIds(list, e);
      }
      return result;
    } finally {
      held.release();
    }
  }

  /** The records the primary wrote: all but those it rejected, first occurrence of each id. */
  private static <T extends GraphRecord> List<T> accepted(List<T> records, WriteResult result) {
    if (result.rejected().isEmpty()) {
      return records;
    }
    Set<String> rejected = new HashSet<>();
    for (Rejected r : result.rejected()) {
      if (!Rules.DUPLICATE_ID.equals(r.rule())) {
        rejected.add(r.recordId());
      }
    }
    Set<String> seen = new HashSet<>();
    List<T> accepted = new ArrayList<>(records.size());
    for (T r : records) {
      if (!rejected.contains(r.id()) && seen.add(r.id())) {
        accepted.add(r);
      }
    }
    return accepted;
  }

  // --------------------------------------------------------------------------------------- forwarding

  /**
   * Queues writes the primary applied, in primary order for conflicting ones (the caller holds their
   * stripes): behind a conflicting dead letter, else to the scheduler, else (capacity full) into the
   * dead-letter queue.
   */
  private void forward(List<WriteOperation> ops) {
    int n = ops.size();
    if (n == 0) {
      return;
    }
    Instant now = clock.instant();
    List<List<OrderingKey>> keys = new ArrayList<>(n);
    for (WriteOperation op : ops) {
      keys.add(op.keys(mapper));
    }
    long first = tickets.getAndAdd(n);
    telemetry.writes.add(n);
    Batch all = new Batch(ops, keys, first);
    if (closing) {
      queue(all, DeadLetteredEvent.Cause.CLOSED, now, true);
      return;
    }
    if (secondaryDown(now)) {
      queue(all, DeadLetteredEvent.Cause.SECONDARY_DOWN, now, true);
      return;
    }
    Batch[] split = all.splitBlocked();
    if (split[1] != null) {
      queue(split[1], DeadLetteredEvent.Cause.BEHIND, now, true);
    }
    Batch direct = split[0];
    if (direct == null) {
      return;
    }
    for (Batch chunk : direct.chunks(config.batchSize())) {
      submit(chunk, now);
    }
  }

  private void submit(Batch batch, Instant now) {
    if (config.delivery() == DeliveryMode.OUTBOX) {
      dlq.append(batch.letters(0, now, now, List.of(), DeadLetter.State.SENDING));
      batch.journaled = true;
    }
    if (lanes.tryEnqueueDual(batch.unionKeys(), batch.size(), batch) == null) {
      telemetry.spilled.add(batch.size());
      queue(batch, DeadLetteredEvent.Cause.SPILLED, now, true);
    }
  }

  /**
   * Puts untried writes into the dead-letter queue (or, if journaled already, releases them there). A
   * caller, holding the stripes of the writes, lets the queue coalesce each write whose ids no queued
   * dual write names: no earlier write of those ids can then reach the queue after it. A secondary
   * writer never does (earlier writes may still be queued behind it).
   */
  private void queue(Batch batch, DeadLetteredEvent.Cause cause, Instant now, boolean byCaller) {
    List<Long> sequences;
    if (batch.journaled) {
      sequences = batch.sequences();
      dlq.release(sequences, now);
    } else {
      List<NewDeadLetter> letters = batch.letters(0, now, now, List.of(), DeadLetter.State.PENDING);
      if (byCaller) {
        for (int i = 0; i < letters.size(); i++) {
          letters.set(i, letters.get(i).withCoalesce(!lanes.pendingDualConflicts(batch.keys.get(i))));
        }
      }
      sequences = sequencesOf(dlq.append(letters));
    }
    telemetry.deadLettered.add(batch.size());
    if (telemetry.active()) {
      DeadLetteredEvent event = new DeadLetteredEvent(name, now, cause, sequences, batch.ids());
      telemetry.emit("DeadLetteredEvent", l -> l.onDeadLettered(event));
    }
  }

  private static List<Long> sequencesOf(List<DeadLetter> letters) {
    List<Long> seqs = new ArrayList<>(letters.size());
    for (DeadLetter d : letters) {
      seqs.add(d.sequence());
    }
    return seqs;
  }

  /**
   * Sends ready dual writes, on the executor: they never conflict with each other, so those of one type
   * go to the secondary as one batch. Completes every task, whatever happens.
   */
  private void runDual(List<KeyedScheduler.Task> tasks) {
    try {
      Map<WriteOperation.Type, List<Batch>> groups = new LinkedHashMap<>();
      for (KeyedScheduler.Task t : tasks) {
        Batch b = (Batch) t.payload();
        groups.computeIfAbsent(b.ops.get(0).type(), x -> new ArrayList<>()).add(b);
      }
      boolean rejected = tasks.get(0).rejectedByExecutor();
      for (List<Batch> group : groups.values()) {
        Batch batch = merge(group);
        Instant now = clock.instant();
        try {
          if (rejected) {
            telemetry.spilled.add(batch.size());
            queue(batch, DeadLetteredEvent.Cause.SPILLED, now, false);
          } else if (closing) {
            queue(batch, DeadLetteredEvent.Cause.CLOSED, now, false);
          } else if (secondaryDown(now)) {
            queue(batch, DeadLetteredEvent.Cause.SECONDARY_DOWN, now, false);
          } else {
            Batch[] split = batch.splitBlocked();
            if (split[1] != null) {
              queue(split[1], DeadLetteredEvent.Cause.BEHIND, now, false);
            }
            if (split[0] != null) {
              send(split[0], now);
            }
          }
        } catch (RuntimeException e) {
          telemetry.forwardFailures.add(batch.size());
          log.error("graphshift.dualwrite.forward_failed name={} count={} ids={} (secondary write neither applied "
              + "nor dead-lettered; repair these ids)", name, batch.size(), abbreviate(batch.ids()), e);
        }
      }
    } finally {
      for (KeyedScheduler.Task t : tasks) {
        lanes.complete(t);
      }
    }
  }

  private void send(Batch b, Instant now) {
    WriteOperation.Type type = b.ops.get(0).type();
    int applied;
    try {
      applied = writer.apply(type, WriteMode.UPSERT, b.ops);
    } catch (RuntimeException e) {
      firstAttemptFailed(b, type, e, now);
      return;
    }
    if (b.journaled) {
      dlq.ack(b.sequences());
    }
    telemetry.secondaryWrites.add(applied);
    markUp();
  }

  /** How a failure of the secondary is handled. */
  private enum Verdict {
    /** The secondary cannot be reached: hold writes back; the entries are not at fault (no attempt counted). */
    HOLD,
    /** May pass: count an attempt and retry after a backoff. */
    RETRY,
    /** Will not pass: park at once. */
    PARK
  }

  private static Verdict verdict(Throwable e) {
    if (e instanceof DatabaseUnavailableException) {
      return Verdict.HOLD;
    }
    return Retryable.isRetryable(e) ? Verdict.RETRY : Verdict.PARK;
  }

  private void firstAttemptFailed(Batch b, WriteOperation.Type type, RuntimeException e, Instant now) {
    Verdict verdict = verdict(e);
    boolean retryable = verdict != Verdict.PARK;
    String failure = describe(1, now, e);
    telemetry.secondaryFailures.add(b.size());
    if (telemetry.active()) {
      SecondaryWriteFailedEvent event = new SecondaryWriteFailedEvent(name, now, type, b.ids(), 1, e, retryable);
      telemetry.emit("SecondaryWriteFailedEvent", l -> l.onSecondaryWriteFailed(event));
    }
    log.warn("graphshift.dualwrite.secondary_failed name={} type={} count={} ids={} verdict={} error={}", name, type,
        b.size(), abbreviate(b.ids()), verdict, e.toString());
    if (retryable) {
      markDown(now);
    }
    boolean park = verdict == Verdict.PARK || (verdict == Verdict.RETRY && config.maxAttempts() <= 1);
    String reason = verdict == Verdict.PARK ? "permanent failure: " + e : "gave up after 1 attempt: " + e;
    List<Long> sequences;
    if (b.journaled) {
      sequences = b.sequences();
      if (verdict == Verdict.HOLD) {
        // Due at once: the hold-back, not the entry, decides when the secondary is tried again (and a due
        // time tied to this process's hold-back must not survive a restart).
        dlq.release(sequences, now);
      } else {
        Instant next = park ? Instant.MAX : now.plus(config.backoff().delay(1, random));
        Map<Long, Instant> later = new LinkedHashMap<>();
        for (long seq : sequences) {
          later.put(seq, next);
        }
        dlq.retryLater(later, failure);
        if (park) {
          dlq.park(sequences, reason);
        }
      }
    } else {
      List<NewDeadLetter> letters;
      if (verdict == Verdict.HOLD) {
        letters = b.letters(0, now, now, List.of(failure), DeadLetter.State.PENDING);
      } else if (park) {
        letters = b.letters(1, now, now, List.of(failure, DeadLetter.trimFailure(reason)), DeadLetter.State.PARKED);
      } else {
        letters = b.letters(1, now, now.plus(config.backoff().delay(1, random)), List.of(failure),
            DeadLetter.State.PENDING);
      }
      sequences = sequencesOf(dlq.append(letters));
    }
    telemetry.deadLettered.add(b.size());
    if (telemetry.active()) {
      DeadLetteredEvent event = new DeadLetteredEvent(name, now, DeadLetteredEvent.Cause.FAILED, sequences, b.ids());
      telemetry.emit("DeadLetteredEvent", l -> l.onDeadLettered(event));
    }
    if (park) {
      reportParked(sequences, b.ops, List.of(), reason, e, now);
    }
  }

  private void forwardFailed(List<? extends GraphRecord> records, RuntimeException e) {
    List<String> ids = new ArrayList<>(records.size());
    for (GraphRecord r : records) {
      ids.add(r.id());
    }
    forwardFailedIds(ids, e);
  }

  private void forwardFailedIds(List<String> ids, RuntimeException e) {
    telemetry.forwardFailures.add(ids.size());
    log.error("graphshift.dualwrite.forward_failed name={} count={} ids={} (applied by the primary, neither queued "
        + "for the secondary nor dead-lettered; repair these ids)", name, ids.size(), abbreviate(ids), e);
  }

  // -------------------------------------------------------------------------------------------- retries

  /**
   * Tries the dead letters that are due now, on the calling thread, and returns how many it tried. The
   * background worker does the same every {@link DualWriteConfig#retryInterval()}; a human may call it
   * after fixing the secondary (after {@link DeadLetterQueue#unpark(long, Instant)}, for example).
   */
  public int retryDue() {
    if (closed) {
      return 0;
    }
    retryLock.lock();
    try {
      int tried = 0;
      for (int round = 0; round < MAX_RETRY_BATCHES_PER_ROUND && !closing; round++) {
        Instant now = clock.instant();
        if (secondaryDown(now)) {
          break;
        }
        // While the secondary has been failing, probe it with one entry before sending a whole batch.
        int max = consecutiveFailures.get() > 0 ? 1 : config.retryBatchSize();
        // Never an entry that a queued dual write conflicts with: that write, earlier, may yet enter the
        // queue ahead of it (decided atomically with the choice, under the queue's lock).
        List<DeadLetter> due = dlq.takeDue(now, max, keys -> !lanes.pendingDualConflicts(keys));
        if (due.isEmpty()) {
          break;
        }
        List<List<OrderingKey>> keys = new ArrayList<>(due.size());
        for (DeadLetter d : due) {
          keys.add(d.keys());
        }
        KeyedScheduler.RetryAdmission admission = lanes.enqueueRetry(keys);
        if (!admission.deferred().isEmpty()) {
          // An earlier write of the same id is still on its way to the queue: wait for it.
          List<Long> deferred = new ArrayList<>(admission.deferred().size());
          for (int i : admission.deferred()) {
            deferred.add(due.get(i).sequence());
          }
          dlq.release(deferred, now.plus(config.retryInterval()));
        }
        KeyedScheduler.Task task = admission.task();
        if (task == null) {
          continue;
        }
        List<DeadLetter> admitted = new ArrayList<>(admission.admitted().size());
        for (int i : admission.admitted()) {
          admitted.add(due.get(i));
        }
        try {
          task.awaitReady();
          tried += retry(admitted);
        } finally {
          lanes.complete(task);
        }
      }
      return tried;
    } finally {
      retryLock.unlock();
    }
  }

  private void retryRound() {
    try {
      retryDue();
    } catch (RuntimeException e) {
      telemetry.workerFailures.increment();
      log.warn("graphshift.dualwrite.retry_worker_failed name={} error={}", name, e.toString(), e);
    }
  }

  /** Applies mutually non-conflicting dead letters, grouped by type; returns how many were tried. */
  private int retry(List<DeadLetter> letters) {
    Map<WriteOperation.Type, List<DeadLetter>> groups = new LinkedHashMap<>();
    for (DeadLetter d : letters) {
      groups.computeIfAbsent(d.operation().type(), t -> new ArrayList<>()).add(d);
    }
    List<List<DeadLetter>> ordered = new ArrayList<>(groups.values());
    int tried = 0;
    for (int g = 0; g < ordered.size(); g++) {
      List<DeadLetter> group = ordered.get(g);
      Instant now = clock.instant();
      if (!retryGroup(group, now)) {
        List<Long> untried = new ArrayList<>();
        for (int rest = g + 1; rest < ordered.size(); rest++) {
          untried.addAll(sequencesOf(ordered.get(rest)));
        }
        if (!untried.isEmpty()) {
          dlq.release(untried, now);
        }
        return tried + group.size();
      }
      tried += group.size();
    }
    return tried;
  }

  /** Returns false when the secondary failed retryably (stop trying for now). */
  private boolean retryGroup(List<DeadLetter> group, Instant now) {
    List<WriteOperation> ops = new ArrayList<>(group.size());
    List<Long> sequences = sequencesOf(group);
    for (DeadLetter d : group) {
      ops.add(d.operation());
    }
    WriteOperation.Type type = ops.get(0).type();
    telemetry.retries.add(group.size());
    int applied;
    try {
      applied = writer.apply(type, WriteMode.UPSERT, ops);
    } catch (RuntimeException e) {
      retryFailed(group, sequences, ops, type, e, now);
      return !Retryable.isRetryable(e);
    }
    dlq.ack(sequences);
    telemetry.secondaryWrites.add(applied);
    markUp();
    if (telemetry.active()) {
      RetriedEvent event = new RetriedEvent(name, now, sequences, idsOf(ops), true, Optional.empty());
      telemetry.emit("RetriedEvent", l -> l.onRetried(event));
    }
    return true;
  }

  private void retryFailed(List<DeadLetter> group, List<Long> sequences, List<WriteOperation> ops,
      WriteOperation.Type type, RuntimeException e, Instant now) {
    Verdict verdict = verdict(e);
    boolean retryable = verdict != Verdict.PARK;
    telemetry.secondaryFailures.add(group.size());
    int maxAttempt = 0;
    for (DeadLetter d : group) {
      maxAttempt = Math.max(maxAttempt, d.attempts() + 1);
    }
    log.warn("graphshift.dualwrite.retry_failed name={} type={} count={} ids={} verdict={} error={}", name, type,
        group.size(), abbreviate(idsOf(ops)), verdict, e.toString());
    if (telemetry.active()) {
      SecondaryWriteFailedEvent failed = new SecondaryWriteFailedEvent(name, now, type, idsOf(ops), maxAttempt, e,
          retryable);
      telemetry.emit("SecondaryWriteFailedEvent", l -> l.onSecondaryWriteFailed(failed));
      RetriedEvent event = new RetriedEvent(name, now, sequences, idsOf(ops), false, Optional.of(e));
      telemetry.emit("RetriedEvent", l -> l.onRetried(event));
    }
    if (retryable) {
      markDown(now);
    }
    if (verdict == Verdict.HOLD) {
      dlq.release(sequences, now);
      return;
    }
    Map<Long, Instant> later = new LinkedHashMap<>();
    List<Long> toPark = new ArrayList<>();
    List<WriteOperation> parkedOps = new ArrayList<>();
    List<List<String>> parkedHistories = new ArrayList<>();
    for (DeadLetter d : group) {
      int attempts = d.attempts() + 1;
      if (verdict == Verdict.PARK || attempts >= config.maxAttempts()) {
        later.put(d.sequence(), Instant.MAX);
        toPark.add(d.sequence());
        parkedOps.add(d.operation());
        parkedHistories.add(d.failures());
      } else {
        later.put(d.sequence(), now.plus(config.backoff().delay(attempts, random)));
      }
    }
    dlq.retryLater(later, describe(maxAttempt, now, e));
    if (!toPark.isEmpty()) {
      String reason = verdict == Verdict.RETRY
          ? "gave up after " + config.maxAttempts() + " attempts: " + e
          : "permanent failure: " + e;
      dlq.park(toPark, reason);
      reportParked(toPark, parkedOps, parkedHistories, reason, e, now);
    }
  }

  /** Logs parked entries once and emits one event per entry, with its earlier failures suppressed. */
  private void reportParked(List<Long> sequences, List<WriteOperation> ops, List<List<String>> histories,
      String reason, RuntimeException last, Instant now) {
    log.warn("graphshift.dualwrite.parked name={} count={} ids={} reason={}", name, sequences.size(),
        abbreviate(idsOf(ops)), reason);
    if (!telemetry.active()) {
      return;
    }
    for (int i = 0; i < sequences.size(); i++) {
      long seq = sequences.get(i);
      WriteOperation op = ops.get(i);
      GraphShiftException failure = new GraphShiftException(name, "dead letter " + seq + " (" + op.type() + " '"
          + op.id() + "') parked: " + reason, last);
      List<String> history = histories.isEmpty() ? List.of() : histories.get(i);
      for (String earlier : history) {
        failure.addSuppressed(new GraphShiftException(name, earlier, null));
      }
      ParkedEvent event = new ParkedEvent(name, now, seq, op.type(), op.id(), history.size() + 1, reason, failure);
      telemetry.emit("ParkedEvent", l -> l.onParked(event));
    }
  }

  private static String describe(int attempt, Instant now, Throwable e) {
    return "attempt " + attempt + " at " + now + ": " + e;
  }

  private boolean secondaryDown(Instant now) {
    return now.isBefore(downUntil);
  }

  private void markDown(Instant now) {
    int failures = consecutiveFailures.incrementAndGet();
    Instant until = now.plus(config.backoff().delay(failures, random));
    downUntil = until;
    log.info("graphshift.dualwrite.secondary_held_back name={} consecutiveFailures={} until={}", name, failures,
        until);
  }

  private void markUp() {
    if (consecutiveFailures.get() != 0 || downUntil != Instant.MIN) {
      consecutiveFailures.set(0);
      downUntil = Instant.MIN;
    }
  }

  private static List<String> idsOf(List<WriteOperation> ops) {
    List<String> ids = new ArrayList<>(ops.size());
    for (WriteOperation op : ops) {
      ids.add(op.id());
    }
    return ids;
  }

  private static String abbreviate(List<String> ids) {
    return ids.size() <= 10 ? ids.toString() : ids.subList(0, 10) + " ... " + (ids.size() - 10) + " more";
  }

  // --------------------------------------------------------------------------------------------- batch

  /** Several batches of one type as one (they come from ready tasks, which never conflict). */
  private Batch merge(List<Batch> batches) {
    if (batches.size() == 1) {
      return batches.get(0);
    }
    List<WriteOperation> o = new ArrayList<>();
    List<List<OrderingKey>> k = new ArrayList<>();
    int n = 0;
    for (Batch b : batches) {
      n += b.size();
    }
    long[] t = new long[n];
    int at = 0;
    for (Batch b : batches) {
      o.addAll(b.ops);
      k.addAll(b.keys);
      System.arraycopy(b.tickets, 0, t, at, b.tickets.length);
      at += b.tickets.length;
    }
    return new Batch(o, k, t, batches.get(0).journaled);
  }

  /** Operations with their keys and consecutive tickets, possibly a subset of a caller's batch. */
  private final class Batch {
    final List<WriteOperation> ops;
    final List<List<OrderingKey>> keys;
    final long[] tickets;
    boolean journaled;

    Batch(List<WriteOperation> ops, List<List<OrderingKey>> keys, long first) {
      this.ops = ops;
      this.keys = keys;
      this.tickets = new long[ops.size()];
      for (int i = 0; i < tickets.length; i++) {
        tickets[i] = first + i;
      }
    }

    private Batch(List<WriteOperation> ops, List<List<OrderingKey>> keys, long[] tickets, boolean journaled) {
      this.ops = ops;
      this.keys = keys;
      this.tickets = tickets;
      this.journaled = journaled;
    }

    int size() {
      return ops.size();
    }

    List<String> ids() {
      return idsOf(ops);
    }

    List<Long> sequences() {
      List<Long> seqs = new ArrayList<>(tickets.length);
      for (long t : tickets) {
        seqs.add(t);
      }
      return seqs;
    }

    List<OrderingKey> unionKeys() {
      if (keys.size() == 1) {
        return keys.get(0);
      }
      List<OrderingKey> union = new ArrayList<>(keys.size() * 2);
      for (List<OrderingKey> k : keys) {
        union.addAll(k);
      }
      return OrderingKey.normalize(union);
    }

    List<NewDeadLetter> letters(int attempts, Instant now, Instant next, List<String> failures, DeadLetter.State s) {
      List<NewDeadLetter> letters = new ArrayList<>(ops.size());
      for (int i = 0; i < ops.size(); i++) {
        letters.add(new NewDeadLetter(tickets[i], ops.get(i), keys.get(i), attempts, now, next, failures, s, false));
      }
      return letters;
    }

    /** [not blocked, blocked by the dead-letter queue]; either may be null. */
    Batch[] splitBlocked() {
      if (dlq.size() == 0) {
        return new Batch[] {this, null};
      }
      List<Integer> blocked = new ArrayList<>();
      for (int i = 0; i < ops.size(); i++) {
        if (dlq.blocks(keys.get(i))) {
          blocked.add(i);
        }
      }
      if (blocked.isEmpty()) {
        return new Batch[] {this, null};
      }
      if (blocked.size() == ops.size()) {
        return new Batch[] {null, this};
      }
      Set<Integer> b = new HashSet<>(blocked);
      List<Integer> free = new ArrayList<>(ops.size() - blocked.size());
      for (int i = 0; i < ops.size(); i++) {
        if (!b.contains(i)) {
          free.add(i);
        }
      }
      return new Batch[] {subset(free), subset(blocked)};
    }

    List<Batch> chunks(int size) {
      if (ops.size() <= size) {
        return List.of(this);
      }
      List<Batch> chunks = new ArrayList<>();
      for (int from = 0; from < ops.size(); from += size) {
        int to = Math.min(ops.size(), from + size);
        List<Integer> idx = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
          idx.add(i);
        }
        chunks.add(subset(idx));
      }
      return chunks;
    }

    private Batch subset(List<Integer> indices) {
      List<WriteOperation> o = new ArrayList<>(indices.size());
      List<List<OrderingKey>> k = new ArrayList<>(indices.size());
      long[] t = new long[indices.size()];
      for (int j = 0; j < indices.size(); j++) {
        int i = indices.get(j);
        o.add(ops.get(i));
        k.add(keys.get(i));
        t[j] = tickets[i];
      }
      return new Batch(o, k, t, journaled);
    }
  }

  // -------------------------------------------------------------------------------------------- close

  private void ensureOpen() {
    if (closing) {
      throw new IllegalStateException("dual-write coordinator '" + name + "' is closed");
    }
  }

  /**
   * Stops taking writes, lets queued secondary writes finish (or puts them into the dead-letter queue)
   * for at most {@link DualWriteConfig#closeTimeout()}, stops the retry worker and the threads it
   * created, closes the dead-letter queue if it created it, and closes the primary and the secondary (a
   * decorator closes what it wraps). An injected queue, tombstone store or executor is left open.
   * Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
    }
    retryTask.cancel(false);
    retryLock.lock();
    retryLock.unlock();
    if (!lanes.awaitIdle(config.closeTimeout())) {
      log.error("graphshift.dualwrite.close_timeout name={} pendingRecords={} timeout={} (records still being sent"
          + " are lost if the process exits now unless delivery is OUTBOX)", name, lanes.pendingRecords(),
          config.closeTimeout());
    }
    closed = true;
    RuntimeException failure = null;
    if (ownedScheduler != null) {
      ownedScheduler.shutdownNow();
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
    for (AutoCloseable c : ownsDlq ? List.<AutoCloseable>of(dlq, primary, secondary) : List.<AutoCloseable>of(primary,
        secondary)) {
      try {
        c.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new GraphShiftException(name, "closing the dual-write coordinator failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (dlq.size() > 0) {
      log.info("graphshift.dualwrite.closed name={} deadLetters={} parked={}", name, dlq.size(), dlq.parkedCount());
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "DualWriteCoordinator[" + name + ": " + primary.name() + " -> " + secondary.name() + "]";
  }

  /**
   * Builds a {@link DualWriteCoordinator}. Defaults:
   *
   * <ul>
   *   <li>name {@link #DEFAULT_NAME}; mapper {@link RecordMapper#identity()}; delivery {@link
   *       #DEFAULT_DELIVERY}
   *   <li>dead letters: a {@link FileDeadLetterQueue} at {@link #DEFAULT_DEAD_LETTER_DIRECTORY}{@code
   *       /<name>.journal}, owned and closed by the coordinator (tests pass an {@link
   *       InMemoryDeadLetterQueue})
   *   <li>tombstones: an {@link InMemoryTombstoneStore} (one process)
   *   <li>executor: a pool of {@code parallelism} daemon threads, owned; scheduler of the retry worker: one
   *       daemon thread, owned; clock: UTC system clock; seed: random
   *   <li>capacity {@link #DEFAULT_CAPACITY}, parallelism {@link #DEFAULT_PARALLELISM}, batch size {@link
   *       #DEFAULT_BATCH_SIZE}, max attempts {@link #DEFAULT_MAX_ATTEMPTS}, backoff {@link #DEFAULT_BACKOFF},
   *       retry interval {@link #DEFAULT_RETRY_INTERVAL}, retry batch size {@link #DEFAULT_RETRY_BATCH_SIZE},
   *       lock stripes {@link #DEFAULT_LOCK_STRIPES}, backfill lease {@link #DEFAULT_BACKFILL_LEASE}, close
   *       timeout {@link #DEFAULT_CLOSE_TIMEOUT}
   * </ul>
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final GraphDatabase primary;
    private final GraphDatabase secondary;
    private String name = DEFAULT_NAME;
    private RecordMapper mapper = RecordMapper.identity();
    private DeliveryMode delivery = DEFAULT_DELIVERY;
    private @Nullable DeadLetterQueue deadLetters;
    private @Nullable TombstoneStore tombstones;
    private @Nullable Executor executor;
    private @Nullable ScheduledExecutorService scheduler;
    private @Nullable Clock clock;
    private final List<DualWriteListener> listeners = new ArrayList<>();
    private int capacity = DEFAULT_CAPACITY;
    private int parallelism = DEFAULT_PARALLELISM;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private boolean batchSizeSet;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Backoff backoff = DEFAULT_BACKOFF;
    private Duration retryInterval = DEFAULT_RETRY_INTERVAL;
    private int retryBatchSize = DEFAULT_RETRY_BATCH_SIZE;
    private int lockStripes = DEFAULT_LOCK_STRIPES;
    private Duration backfillLease = DEFAULT_BACKFILL_LEASE;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private long seed = ThreadLocalRandom.current().nextLong();

    private Builder(GraphDatabase primary, GraphDatabase secondary) {
      this.primary = requireNonNull(primary, "primary");
      this.secondary = requireNonNull(secondary, "secondary");
      if (primary == secondary) {
        throw new IllegalArgumentException("primary and secondary are the same database: " + primary.name());
      }
    }

    /**
     * The coordinator's name, carried by its events, logs, metrics and the default journal's file name;
     * default {@link #DEFAULT_NAME}.
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

    /** How primary records become secondary records; default {@link RecordMapper#identity()}. */
    public Builder mapper(RecordMapper value) {
      this.mapper = requireNonNull(value, "mapper");
      return this;
    }

    /** When writes are journaled; default {@link #DEFAULT_DELIVERY}. */
    public Builder delivery(DeliveryMode value) {
      this.delivery = requireNonNull(value, "delivery");
      return this;
    }

    /**
     * The dead-letter queue (one per coordinator; left open by {@code close()}); default a durable
     * {@link FileDeadLetterQueue} under {@link #DEFAULT_DEAD_LETTER_DIRECTORY}.
     *
     * @throws IllegalStateException if a queue was set already
     */
    public Builder deadLetters(DeadLetterQueue value) {
      requireNonNull(value, "deadLetters");
      if (deadLetters != null) {
        throw new IllegalStateException("deadLetters was set already to " + deadLetters);
      }
      this.deadLetters = value;
      return this;
    }

    /**
     * The tombstone store the backfill view consults; share a {@link GraphTombstoneStore} among
     * processes. Default an {@link InMemoryTombstoneStore}.
     *
     * @throws IllegalStateException if a store was set already
     */
    public Builder tombstones(TombstoneStore value) {
      requireNonNull(value, "tombstones");
      if (tombstones != null) {
        throw new IllegalStateException("tombstones was set already to " + tombstones);
      }
      this.tombstones = value;
      return this;
    }

    /**
     * The executor of secondary writes (at most {@code parallelism} tasks at once are given to it; not
     * shut down by the coordinator). A same-thread executor makes tests deterministic. Default: a pool
     * the coordinator owns.
     *
     * @throws IllegalStateException if an executor was set already
     */
    public Builder executor(Executor value) {
      requireNonNull(value, "executor");
      if (executor != null) {
        throw new IllegalStateException("executor was set already to " + executor);
      }
      this.executor = value;
      return this;
    }

    /**
     * The scheduler of the retry worker (not shut down by the coordinator). Default: a daemon thread the
     * coordinator owns.
     *
     * @throws IllegalStateException if a scheduler was set already
     */
    public Builder scheduler(ScheduledExecutorService value) {
      requireNonNull(value, "scheduler");
      if (scheduler != null) {
        throw new IllegalStateException("scheduler was set already to " + scheduler);
      }
      this.scheduler = value;
      return this;
    }

    /**
     * The clock of events, due times and backfill claims; default the UTC system clock.
     *
     * @throws IllegalStateException if a clock was set already
     */
    public Builder clock(Clock value) {
      requireNonNull(value, "clock");
      if (clock != null) {
        throw new IllegalStateException("clock was set already to " + clock);
      }
      this.clock = value;
      return this;
    }

    /** Adds a listener of the coordinator's events. */
    public Builder listener(DualWriteListener value) {
      listeners.add(requireNonNull(value, "listener"));
      return this;
    }

    /**
     * How many records may be queued for or in flight to the secondary before writes spill to the
     * dead-letter queue, at least 1; default {@link #DEFAULT_CAPACITY}.
     *
     * @throws IllegalArgumentException if below 1
     * @throws IllegalStateException if below a batch size set earlier
     */
    public Builder capacity(int value) {
      atLeastOne(value, "capacity");
      if (batchSizeSet && value < batchSize) {
        throw new IllegalStateException("capacity " + value + " is below batchSize(" + batchSize
            + ") set earlier; every batch would spill");
      }
      this.capacity = value;
      return this;
    }

    /**
     * How many secondary writes run at once, at least 1; default {@link #DEFAULT_PARALLELISM}.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder parallelism(int value) {
      atLeastOne(value, "parallelism");
      this.parallelism = value;
      return this;
    }

    /**
     * The most records one secondary write carries, at least 1; default {@link #DEFAULT_BATCH_SIZE}.
     *
     * @throws IllegalArgumentException if below 1
     * @throws IllegalStateException if above the capacity
     */
    public Builder batchSize(int value) {
      atLeastOne(value, "batchSize");
      if (value > capacity) {
        throw new IllegalStateException("batchSize " + value + " is above capacity(" + capacity + ")");
      }
      this.batchSize = value;
      this.batchSizeSet = true;
      return this;
    }

    /**
     * Attempts per write before it is parked, at least 1; default {@link #DEFAULT_MAX_ATTEMPTS}.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxAttempts(int value) {
      atLeastOne(value, "maxAttempts");
      this.maxAttempts = value;
      return this;
    }

    /** The delay between attempts of a dead letter, and the pause after the secondary fails; default {@link #DEFAULT_BACKOFF}. */
    public Builder backoff(Backoff value) {
      this.backoff = requireNonNull(value, "backoff");
      return this;
    }

    /**
     * How often the retry worker looks for due dead letters, positive; default {@link
     * #DEFAULT_RETRY_INTERVAL}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder retryInterval(Duration value) {
      this.retryInterval = positive(value, "retryInterval");
      return this;
    }

    /**
     * The most dead letters tried in one secondary write, at least 1; default {@link
     * #DEFAULT_RETRY_BATCH_SIZE}.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder retryBatchSize(int value) {
      atLeastOne(value, "retryBatchSize");
      this.retryBatchSize = value;
      return this;
    }

    /**
     * The number of caller lock stripes, a power of two; default {@link #DEFAULT_LOCK_STRIPES}.
     *
     * @throws IllegalArgumentException if not a power of two
     */
    public Builder lockStripes(int value) {
      if (value < 1 || Integer.bitCount(value) != 1) {
        throw new IllegalArgumentException("lockStripes must be a power of two: " + value);
      }
      this.lockStripes = value;
      return this;
    }

    /**
     * How long a backfill batch's claim lasts, and the longest a delete waits for another process's
     * claim; longer than any backfill batch takes. Default {@link #DEFAULT_BACKFILL_LEASE}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder backfillLease(Duration value) {
      this.backfillLease = positive(value, "backfillLease");
      return this;
    }

    /**
     * How long {@code close()} waits for queued secondary writes; default {@link #DEFAULT_CLOSE_TIMEOUT}.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder closeTimeout(Duration value) {
      requireNonNull(value, "closeTimeout");
      if (value.isNegative()) {
        throw new IllegalArgumentException("closeTimeout must not be negative: " + value);
      }
      this.closeTimeout = value;
      return this;
    }

    /** The seed of the backoff jitter; default random (recorded in the config). */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    private static void atLeastOne(int value, String what) {
      if (value < 1) {
        throw new IllegalArgumentException(what + " must be at least 1: " + value);
      }
    }

    private static Duration positive(Duration value, String what) {
      requireNonNull(value, what);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + value);
      }
      return value;
    }

    /** Builds the coordinator and starts its retry worker. */
    public DualWriteCoordinator build() {
      DualWriteConfig config = new DualWriteConfig(name, mapper, delivery, capacity, parallelism, batchSize,
          maxAttempts, backoff, retryInterval, retryBatchSize, lockStripes, backfillLease, closeTimeout, seed);
      return new DualWriteCoordinator(this, config);
    }
  }
}
