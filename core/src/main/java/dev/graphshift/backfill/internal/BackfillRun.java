package dev.graphshift.backfill.internal;

import dev.graphshift.Checked;
import dev.graphshift.ConfigurationException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Retryable;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.backfill.BackfillBatchCommittedEvent;
import dev.graphshift.backfill.BackfillBatchRetriedEvent;
import dev.graphshift.backfill.BackfillCheckpoint;
import dev.graphshift.backfill.BackfillCompletedEvent;
import dev.graphshift.backfill.BackfillConfig;
import dev.graphshift.backfill.BackfillException;
import dev.graphshift.backfill.BackfillListener;
import dev.graphshift.backfill.BackfillPartition;
import dev.graphshift.backfill.BackfillPartitionCompletedEvent;
import dev.graphshift.backfill.BackfillPartitionFailedEvent;
import dev.graphshift.backfill.BackfillPhase;
import dev.graphshift.backfill.BackfillPhaseReport;
import dev.graphshift.backfill.BackfillRecordsRejectedEvent;
import dev.graphshift.backfill.BackfillReport;
import dev.graphshift.backfill.BackfillSelection;
import dev.graphshift.backfill.BackfillStartedEvent;
import dev.graphshift.backfill.Partitioning;
import dev.graphshift.backfill.PartitionCheckpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a backfill: plan or resume, count, then run the node partitions and, once every one has
 * finished, the relationship partitions.
 *
 * <p><b>Design.</b> A phase's partitions wait in a queue; {@code parallelism} worker tasks take them one
 * at a time, so at most {@code parallelism} partitions are in flight. A worker runs its partition as a
 * pipeline of depth two: it starts reading (scan, ownership filter, mapping) the next page as soon as it
 * knows the cursor, then writes the current batch, commits its cursor to the checkpoint, and only then
 * takes the page read meanwhile. At most one batch is read ahead per partition, so memory is bounded by
 * about {@code 2 × parallelism × batchSize} records, whatever the graph's size. A read-ahead is a {@link
 * FutureTask} given to the executor; when the writer needs it before a thread has picked it up, the
 * writer runs it itself ({@code FutureTask.run()} is a no-op once started), so no executor size, not
 * even a same-thread executor, can deadlock the pipeline. A commit (write, then checkpoint save) is the
 * only point where state moves; the checkpoint tracker serializes saves and lets partitions that commit at
 * the same time share one (group commit), each commit returning once its batch is saved.
 *
 * <p><b>Failure.</b> A retryable scan or write is retried with doubling backoff; anything else, or
 * retries given up, fails the partition: the run stops every partition at its next batch boundary
 * (each one's checkpoint is at its last committed batch) and throws a {@link BackfillException} naming
 * the partition, with other partitions' failures suppressed. Nothing is ordered across partitions
 * except the barrier between the phases.
 *
 * <p>Its workers are internal; the run itself is driven by the caller.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public final class BackfillRun {
  private static final Logger log = LoggerFactory.getLogger(BackfillRun.class);
  private static final int MAX_BACKOFF_FACTOR = 32;

  private final BackfillContext ctx;
  private final BackfillConfig config;
  private final String name;
  private final List<PartitionFailure> failures = Collections.synchronizedList(new ArrayList<>());
  private final RejectionExamples[] examples;
  private final AtomicLong[] readThisRun = {new AtomicLong(), new AtomicLong()};
  private final Instant[] phaseStart = new Instant[2];
  private final Instant[] phaseEnd = new Instant[2];
  private final @Nullable TokenBucket bucket;
  private volatile boolean aborted;
  private @Nullable CheckpointTracker tracker;
  private @Nullable ProgressTracker progress;
  private @Nullable Executor executor;

  private record PartitionFailure(@Nullable String partitionId, Throwable error) {}

  /**
   * What one read produced: the mapped records to write, the rejected ones, the next cursor, and how
   * long the read (scan and mapping) took.
   */
  private record Batch<T extends GraphRecord>(
      List<T> accepted, List<Rejected> rejected, long read, Optional<String> next, Duration readTime) {}

  /**
   * When a partition's batch went through its steps, by the backfill's clock: the previous commit (or the
   * partition's start), the start and end of the wait for its read, and the start and end of its write.
   */
  private record Timing(Instant previous, Instant waiting, Instant ready, Instant writing, Instant written) {}

  /** A committed batch: the partition's new state, and when the commit happened. */
  private record Committed(PartitionCheckpoint state, Instant at) {}

  /** The operations of one phase, over its record type. */
  private record PhaseOps<T extends GraphRecord>(
      BackfillPhase phase,
      Function<ScanRequest, ScanPage<T>> scan,
      Function<List<T>, Checked<T>> map,
      Function<List<T>, WriteResult> write) {}

  public BackfillRun(BackfillContext ctx) {
    this.ctx = ctx;
    this.config = ctx.config();
    this.name = config.name();
    this.examples = new RejectionExamples[] {
        new RejectionExamples(config.maxRejectedExamples()), new RejectionExamples(config.maxRejectedExamples())};
    if (config.rateLimit().isPresent()) {
      double rate = config.rateLimit().getAsDouble();
      this.bucket = new TokenBucket(rate, Math.max(1, rate), () -> {
        Instant i = ctx.clock().instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
      });
    } else {
      this.bucket = null;
    }
  }

  // ---------------------------------------------------------------------------------------- planning

  /**
   * The partitions a run would execute: those of a checkpoint with this configuration's fingerprint,
   * otherwise a fresh plan.
   */
  public static List<BackfillPartition> plan(BackfillContext ctx) {
    Optional<BackfillCheckpoint> stored = ctx.checkpoints().load();
    if (stored.isPresent()) {
      verify(ctx, stored.get());
      List<BackfillPartition> partitions = new ArrayList<>();
      for (PartitionCheckpoint p : stored.get().partitions()) {
        partitions.add(p.partition());
      }
      return List.copyOf(partitions);
    }
    return freshPlan(ctx);
  }

  private static void verify(BackfillContext ctx, BackfillCheckpoint stored) {
    String fingerprint = ctx.fingerprint();
    if (!stored.fingerprint().equals(fingerprint)) {
      throw new ConfigurationException(ctx.config().name(), "cannot resume from " + ctx.checkpoints()
          + ": it was written by a backfill configured as {" + stored.config() + "} but this backfill is {"
          + ctx.describe() + "}; resume with the same configuration, or clear the checkpoint store to start over",
          null);
    }
  }

  private static List<BackfillPartition> freshPlan(BackfillContext ctx) {
    BackfillConfig config = ctx.config();
    GraphDatabase source = ctx.source();
    BackfillSelection selection = config.selection();
    int batch = config.batchSize();
    int parts = config.parallelism();
    List<BackfillPartition> plan = new ArrayList<>();
    if (selection.anyNodes()) {
      if (config.partitioning() == Partitioning.BY_LABEL) {
        List<String> labels = new ArrayList<>(selection.allNodes()
            ? new TreeSet<>(source.countNodesByLabel().keySet()) : selection.nodeLabels());
        for (int i = 0; i < labels.size(); i++) {
          plan.add(BackfillPartition.of("nodes/label:" + labels.get(i), BackfillPhase.NODES,
              ScanRequest.of(labels.get(i), batch), labels.subList(0, i)));
        }
        if (selection.allNodes()) {
          plan.add(BackfillPartition.of("nodes/other", BackfillPhase.NODES, ScanRequest.all(batch), labels));
        }
      } else if (selection.allNodes()) {
        addRanges(plan, "nodes/all/", BackfillPhase.NODES, source.splitNodeScan(ScanRequest.all(batch), parts),
            List.of());
      } else {
        List<String> labels = new ArrayList<>(selection.nodeLabels());
        for (int i = 0; i < labels.size(); i++) {
          String label = labels.get(i);
          addRanges(plan, "nodes/label:" + label + "/", BackfillPhase.NODES,
              source.splitNodeScan(ScanRequest.of(label, batch), parts), labels.subList(0, i));
        }
      }
    }
    if (selection.anyRelationships()) {
      if (config.partitioning() == Partitioning.BY_LABEL) {
        Iterable<String> types = selection.allRelationships()
            ? new TreeSet<>(source.countRelationshipsByType().keySet()) : selection.relationshipTypes();
        for (String type : types) {
          plan.add(BackfillPartition.of("relationships/type:" + type, BackfillPhase.RELATIONSHIPS,
              ScanRequest.of(type, batch), List.of()));
        }
      } else if (selection.allRelationships()) {
        addRanges(plan, "relationships/all/", BackfillPhase.RELATIONSHIPS,
            source.splitRelationshipScan(ScanRequest.all(batch), parts), List.of());
      } else {
        for (String type : selection.relationshipTypes()) {
          addRanges(plan, "relationships/type:" + type + "/", BackfillPhase.RELATIONSHIPS,
              source.splitRelationshipScan(ScanRequest.of(type, batch), parts), List.of());
        }
      }
    }
    return unique(plan);
  }

  /** Makes partition ids unique (labels or types holding '/' could make two alike) by numbering repeats. */
  private static List<BackfillPartition> unique(List<BackfillPartition> plan) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<BackfillPartition> result = new ArrayList<>(plan.size());
    for (BackfillPartition p : plan) {
      String id = p.id();
      for (int n = 2; !seen.add(id); n++) {
        id = p.id() + "#" + n;
      }
      result.add(id.equals(p.id()) ? p
          : new BackfillPartition(id, p.phase(), p.filter(), p.from(), p.until(), p.yieldTo()));
    }
    return List.copyOf(result);
  }

  private static void addRanges(List<BackfillPartition> plan, String prefix, BackfillPhase phase,
      List<ScanRequest> ranges, List<String> yieldTo) {
    for (int i = 0; i < ranges.size(); i++) {
      plan.add(BackfillPartition.of(prefix + i, phase, ranges.get(i), yieldTo));
    }
  }

  private long total(BackfillPhase phase) {
    BackfillSelection s = config.selection();
    GraphDatabase source = ctx.source();
    long total = 0;
    if (phase == BackfillPhase.NODES) {
      if (s.allNodes()) {
        return source.countNodes();
      }
      for (String label : s.nodeLabels()) {
        total += source.countNodes(label);
      }
    } else {
      if (s.allRelationships()) {
        return source.countRelationships();
      }
      for (String type : s.relationshipTypes()) {
        total += source.countRelationships(type);
      }
    }
    return total;
  }

  // ------------------------------------------------------------------------------------------ the run

  /**
   * Runs the backfill to the end.
   *
   * @throws BackfillException if a partition failed permanently or the run was interrupted
   * @throws ConfigurationException if the checkpoint was written by a differently configured backfill
   */
  public BackfillReport run() {
    Instant startedAt = ctx.clock().instant();
    Optional<BackfillCheckpoint> stored = ctx.checkpoints().load();
    List<PartitionCheckpoint> states = new ArrayList<>();
    if (stored.isPresent()) {
      verify(ctx, stored.get());
      states.addAll(stored.get().partitions());
    } else {
      for (BackfillPartition p : freshPlan(ctx)) {
        states.add(PartitionCheckpoint.start(p));
      }
    }
    boolean resumed = stored.isPresent();
    CheckpointTracker checkpoints = new CheckpointTracker(ctx.checkpoints(), name, ctx.fingerprint(),
        ctx.describe(), ctx.clock(), states);
    if (!resumed) {
      checkpoints.save();
    }
    this.tracker = checkpoints;
    long nodesTotal = total(BackfillPhase.NODES);
    long relationshipsTotal = total(BackfillPhase.RELATIONSHIPS);
    ConsoleProgressBar console = config.consoleProgress() && System.console() != null
        ? new ConsoleProgressBar(System.err) : null;
    this.progress = new ProgressTracker(name, ctx.clock(), nodesTotal + relationshipsTotal, checkpoints.done(),
        ctx.listeners(), log, config.progressInterval(), console, ctx.counters());
    List<String> ids = new ArrayList<>(states.size());
    for (PartitionCheckpoint p : states) {
      ids.add(p.partition().id());
    }
    log.info("graphshift.backfill.started name={} source={} target={} resumed={} nodes_total={} "
            + "relationships_total={} partitions={}",
        name, ctx.source().name(), ctx.target().name(), resumed, nodesTotal, relationshipsTotal, ids.size());
    ctx.listeners().emit(() -> new BackfillStartedEvent(name, startedAt, resumed, nodesTotal,
        relationshipsTotal, ids), BackfillListener::onStarted);

    ExecutorService owned = null;
    if (ctx.executor() == null) {
      owned = Executors.newFixedThreadPool(2 * config.parallelism(), threads(name));
      executor = owned;
    } else {
      executor = ctx.executor();
    }
    try {
      GraphDatabase source = ctx.source();
      GraphDatabase target = ctx.target();
      runPhase(new PhaseOps<Node>(BackfillPhase.NODES, source::scanNodes, ctx.mapper()::mapNodes,
          batch -> target.upsertNodes(batch, WriteMode.INSERT_IF_ABSENT)));
      runPhase(new PhaseOps<Relationship>(BackfillPhase.RELATIONSHIPS, source::scanRelationships,
          ctx.mapper()::mapRelationships, batch -> target.upsertRelationships(batch, WriteMode.INSERT_IF_ABSENT)));
    } finally {
      if (owned != null) {
        owned.shutdown();
      }
    }
    progress.finish(BackfillPhase.RELATIONSHIPS);
    Instant finishedAt = ctx.clock().instant();
    BackfillReport report = new BackfillReport(name, startedAt, finishedAt, resumed,
        phaseReport(BackfillPhase.NODES), phaseReport(BackfillPhase.RELATIONSHIPS));
    if (!report.reconciles()) {
      throw new IllegalStateException("backfill '" + name + "' does not reconcile (read must equal written + "
          + "skipped + rejected): " + report.summary());
    }
    ctx.checkpoints().clear();
    log.info("graphshift.backfill.completed name={} resumed={} read={} written={} skipped={} rejected={} "
            + "rejected_by_rule={} duration_ms={}",
        name, resumed, report.read(), report.written(), report.skipped(), report.rejected(),
        mergedRules(report), report.duration().toMillis());
    ctx.listeners().emit(() -> new BackfillCompletedEvent(name, finishedAt, report), BackfillListener::onCompleted);
    return report;
  }

  private static Map<String, Long> mergedRules(BackfillReport report) {
    Map<String, Long> rules = new TreeMap<>(report.nodes().rejectedByRule());
    report.relationships().rejectedByRule().forEach((k, v) -> rules.merge(k, v, Long::sum));
    return rules;
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "graphshift-backfill-" + name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private BackfillPhaseReport phaseReport(BackfillPhase phase) {
    List<PartitionCheckpoint> parts = tracker().phase(phase);
    long read = 0;
    long written = 0;
    long skipped = 0;
    long rejected = 0;
    Map<String, Long> rules = new TreeMap<>();
    for (PartitionCheckpoint p : parts) {
      read += p.read();
      written += p.written();
      skipped += p.skipped();
      rejected += p.rejected();
      p.rejectedByRule().forEach((k, v) -> rules.merge(k, v, Long::sum));
    }
    int i = phase.ordinal();
    Duration duration = phaseStart[i] == null ? Duration.ZERO : Duration.between(phaseStart[i], phaseEnd[i]);
    double seconds = duration.toNanos() / 1e9;
    double rate = seconds > 0 ? readThisRun[i].get() / seconds : 0;
    return new BackfillPhaseReport(phase, parts.size(), read, written, skipped, rejected, rules,
        examples[i].all(), duration, rate);
  }

  private CheckpointTracker tracker() {
    CheckpointTracker t = tracker;
    if (t == null) {
      throw new IllegalStateException("the run has not started");
    }
    return t;
  }

  private <T extends GraphRecord> void runPhase(PhaseOps<T> ops) {
    int i = ops.phase().ordinal();
    phaseStart[i] = ctx.clock().instant();
    ConcurrentLinkedQueue<PartitionCheckpoint> queue = new ConcurrentLinkedQueue<>();
    for (PartitionCheckpoint p : tracker().phase(ops.phase())) {
      if (!p.done()) {
        queue.add(p);
      }
    }
    int workers = Math.min(config.parallelism(), queue.size());
    List<FutureTask<@Nullable Void>> tasks = new ArrayList<>(workers);
    for (int w = 0; w < workers; w++) {
      FutureTask<@Nullable Void> task = new FutureTask<>(() -> {
        PartitionCheckpoint next;
        while (!aborted && (next = queue.poll()) != null) {
          runPartition(next, ops);
        }
        return null;
      });
      tasks.add(task);
      submit(task);
    }
    boolean interrupted = false;
    for (FutureTask<@Nullable Void> task : tasks) {
      task.run();
      while (true) {
        try {
          task.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          aborted = true;
        } catch (ExecutionException e) {
          failures.add(new PartitionFailure(null, e.getCause()));
          aborted = true;
          break;
        }
      }
    }
    phaseEnd[i] = ctx.clock().instant();
    if (interrupted) {
      Thread.currentThread().interrupt();
      throw new BackfillException(name, null, "interrupted during the " + ops.phase().key()
          + " phase; every partition stopped at a committed batch, run the backfill again to resume", null);
    }
    throwIfFailed();
  }

  private void throwIfFailed() {
    List<PartitionFailure> all;
    synchronized (failures) {
      all = List.copyOf(failures);
    }
    if (all.isEmpty()) {
      return;
    }
    PartitionFailure first = all.get(0);
    BackfillException e = new BackfillException(name, first.partitionId(), "stopped by "
        + first.error() + "; every partition's checkpoint holds its last committed batch, so running the "
        + "backfill again with the same checkpoint store resumes where it stopped", first.error());
    for (int k = 1; k < all.size(); k++) {
      e.addSuppressed(all.get(k).error());
    }
    throw e;
  }

  private void submit(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // The caller runs the task itself when it needs it (FutureTask.run); count and say so.
      ctx.counters().inlineTasks.increment();
      log.debug("graphshift.backfill.task_inline name={} reason={}", name, e.toString());
    }
  }

  // ------------------------------------------------------------------------------------ a partition

  private <T extends GraphRecord> void runPartition(PartitionCheckpoint start, PhaseOps<T> ops) {
    BackfillPartition partition = start.partition();
    ctx.counters().active.increment();
    FutureTask<Batch<T>> pending = null;
    try {
      Instant previous = ctx.clock().instant();
      pending = readAhead(partition, start.cursor(), ops);
      while (!aborted) {
        Instant waiting = ctx.clock().instant();
        Batch<T> batch = await(pending);
        Instant ready = ctx.clock().instant();
        pending = batch.next().isPresent() ? readAhead(partition, batch.next(), ops) : null;
        throttle(batch);
        Instant writing = ctx.clock().instant();
        WriteResult result = write(partition, batch, ops);
        Instant written = ctx.clock().instant();
        Committed committed = commit(partition, batch, result, ops.phase(),
            new Timing(previous, waiting, ready, writing, written));
        previous = committed.at();
        if (pending == null) {
          completed(committed.state());
          return;
        }
        pause();
      }
    } catch (Throwable t) {
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      fail(partition, t);
    } finally {
      drain(pending);
      ctx.counters().active.decrement();
    }
  }

  private <T extends GraphRecord> FutureTask<Batch<T>> readAhead(
      BackfillPartition partition, Optional<String> after, PhaseOps<T> ops) {
    FutureTask<Batch<T>> task = new FutureTask<>(() -> read(partition, after, ops));
    submit(task);
    return task;
  }

  private <T extends GraphRecord> Batch<T> read(BackfillPartition partition, Optional<String> after, PhaseOps<T> ops)
      throws InterruptedException {
    Instant started = ctx.clock().instant();
    ScanRequest request = partition.request(after, config.batchSize());
    ScanPage<T> page = withRetries(partition, "scan", () -> ops.scan().apply(request));
    if (page.next().isPresent() && page.next().equals(request.after())) {
      throw new BackfillException(name, partition.id(), "the scan of '" + ctx.source().name()
          + "' did not advance past cursor " + page.next().get(), null);
    }
    List<T> owned = new ArrayList<>(page.items().size());
    for (T record : page.items()) {
      if (partition.owns(record)) {
        owned.add(record);
      }
    }
    List<Rejected> rejected = new ArrayList<>();
    for (Rejected r : page.rejected()) {
      if (partition.owns(r.record())) {
        rejected.add(r);
      }
    }
    long read = owned.size() + rejected.size();
    Checked<T> mapped = owned.isEmpty() ? Checked.allAccepted(owned) : ops.map().apply(owned);
    if (mapped.size() != owned.size()) {
      throw new BackfillException(name, partition.id(), "the mapper answered " + mapped.size()
          + " records for a batch of " + owned.size() + " (accepted + rejected must equal the batch)", null);
    }
    rejected.addAll(mapped.rejected());
    return new Batch<>(mapped.accepted(), rejected, read, page.next(),
        Duration.between(started, ctx.clock().instant()));
  }

  /** Waits until the rate limit allows the batch's records. */
  private void throttle(Batch<?> batch) throws InterruptedException {
    if (bucket != null && batch.read() > 0) {
      bucket.acquire(batch.read(), ctx.sleeper());
    }
  }

  private <T extends GraphRecord> WriteResult write(BackfillPartition partition, Batch<T> batch, PhaseOps<T> ops)
      throws InterruptedException {
    if (batch.accepted().isEmpty()) {
      return WriteResult.empty();
    }
    WriteResult result = withRetries(partition, "write", () -> ops.write().apply(batch.accepted()));
    if (result.total() != batch.accepted().size()) {
      throw new BackfillException(name, partition.id(), "the target '" + ctx.target().name() + "' answered "
          + result.total() + " results for a batch of " + batch.accepted().size()
          + " records (written + skipped + rejected must equal the batch)", null);
    }
    return result;
  }

  private <T extends GraphRecord> Committed commit(
      BackfillPartition partition, Batch<T> batch, WriteResult result, BackfillPhase phase, Timing timing)
      throws InterruptedException {
    List<Rejected> rejected;
    if (result.rejected().isEmpty()) {
      rejected = batch.rejected();
    } else {
      rejected = new ArrayList<>(batch.rejected());
      rejected.addAll(result.rejected());
    }
    Map<String, Long> byRule = RejectionExamples.countByRule(rejected);
    PartitionCheckpoint state = tracker().commit(partition.id(), batch.next(), batch.read(), result.written(),
        result.skipped(), byRule);
    ctx.counters().committed(phase, batch.read(), result.written(), result.skipped(), rejected.size());
    readThisRun[phase.ordinal()].addAndGet(batch.read());
    Instant now = ctx.clock().instant();
    ctx.listeners().emit(() -> new BackfillBatchCommittedEvent(name, now, phase, partition.id(), batch.next(),
        batch.read(), result.written(), result.skipped(), rejected.size(), batch.readTime(),
        Duration.between(timing.waiting(), timing.ready()), Duration.between(timing.writing(), timing.written()),
        Duration.between(timing.previous(), now)), BackfillListener::onBatchCommitted);
    if (!rejected.isEmpty()) {
      examples[phase.ordinal()].add(rejected);
      log.debug("graphshift.backfill.rejected name={} partition={} count={} rules={}", name, partition.id(),
          rejected.size(), byRule);
      ctx.listeners().emit(() -> new BackfillRecordsRejectedEvent(name, now, phase, partition.id(), rejected),
          BackfillListener::onRecordsRejected);
    }
    progress.advance(phase, batch.read());
    return new Committed(state, now);
  }

  private void completed(PartitionCheckpoint state) {
    ctx.counters().partitionsCompleted.increment();
    BackfillPartition p = state.partition();
    log.debug("graphshift.backfill.partition_completed name={} partition={} read={}", name, p.id(), state.read());
    ctx.listeners().emit(() -> new BackfillPartitionCompletedEvent(name, ctx.clock().instant(), p.phase(), p.id(),
        state.read(), state.written(), state.skipped(), state.rejected()), BackfillListener::onPartitionCompleted);
  }

  private void fail(BackfillPartition partition, Throwable error) {
    aborted = true;
    failures.add(new PartitionFailure(partition.id(), error));
    ctx.counters().partitionsFailed.increment();
    Optional<String> cursor = tracker().saved(partition.id()).cursor();
    log.error("graphshift.backfill.partition_failed name={} partition={} last_committed_cursor={} error={}",
        name, partition.id(), cursor.orElse("none"), error.toString(), error);
    ctx.listeners().emit(() -> new BackfillPartitionFailedEvent(name, ctx.clock().instant(), partition.phase(),
        partition.id(), cursor, error.toString()), BackfillListener::onPartitionFailed);
  }

  private void pause() throws InterruptedException {
    if (!config.pauseBetweenBatches().isZero()) {
      ctx.sleeper().sleep(config.pauseBetweenBatches());
    }
  }

  /** Takes a read-ahead's result, running it here if no thread has picked it up yet. */
  private static <T> T await(FutureTask<T> task) throws InterruptedException {
    task.run();
    try {
      return task.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      if (cause instanceof InterruptedException ie) {
        throw ie;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Stops a read-ahead that is no longer wanted: cancels it if it has not started, otherwise waits for
   * it, so that no read of the source outlives the run. Its failure, if any, is logged and counted.
   */
  private void drain(@Nullable FutureTask<?> pending) {
    if (pending == null || pending.cancel(false)) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        pending.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException | CancellationException e) {
        ctx.counters().discardedReadAheads.increment();
        log.debug("graphshift.backfill.read_ahead_discarded name={} error={}", name, e.toString());
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private interface Call<R> {
    R call();
  }

  private <R> R withRetries(BackfillPartition partition, String operation, Call<R> call)
      throws InterruptedException {
    List<RuntimeException> earlier = null;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.call();
      } catch (RuntimeException e) {
        if (!Retryable.isRetryable(e) || attempt > config.maxRetries() || aborted) {
          if (earlier != null) {
            for (RuntimeException previous : earlier) {
              e.addSuppressed(previous);
            }
          }
          throw e;
        }
        if (earlier == null) {
          earlier = new ArrayList<>();
        }
        earlier.add(e);
        Duration delay = config.retryBackoff().multipliedBy(Math.min(1L << Math.min(attempt - 1, 30),
            MAX_BACKOFF_FACTOR));
        ctx.counters().retries.increment();
        log.warn("graphshift.backfill.retry name={} partition={} operation={} attempt={} delay_ms={} error={}",
            name, partition.id(), operation, attempt, delay.toMillis(), e.toString());
        int failedAttempt = attempt;
        String error = e.toString();
        ctx.listeners().emit(() -> new BackfillBatchRetriedEvent(name, ctx.clock().instant(), partition.phase(),
            partition.id(), operation, failedAttempt, delay, error), BackfillListener::onBatchRetried);
        ctx.sleeper().sleep(delay);
      }
    }
  }
}
