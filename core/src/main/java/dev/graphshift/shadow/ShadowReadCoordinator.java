package dev.graphshift.shadow;

import static java.util.Objects.requireNonNull;

import dev.graphshift.Capabilities;
import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.QueryResult;
import dev.graphshift.Relationship;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.cutover.RoutingHash;
import dev.graphshift.cutover.RoutingKeyExtractor;
import dev.graphshift.cutover.internal.RoutingKeys;
import dev.graphshift.mapping.RecordMapper;
import dev.graphshift.shadow.internal.DiscrepancyTracker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every read from the primary at once and, for a sample of reads, asks the secondary the same
 * read off the caller's thread and compares the two answers: the evidence that the new database answers
 * like the old one, and is not slower, before any read is cut over to it. Writes, and every read that
 * is not shadowed, go to the primary.
 *
 * <pre>{@code
 * GraphDatabase dual   = DualWriteCoordinator.builder(neo4j, neptune)...build();
 * ShadowReadCoordinator shadow = ShadowReadCoordinator.builder(dual, neptune)
 *     .sampleRate(0.10)
 *     .comparator("recommend", ShadowComparator.rankBiasedOverlap(0.9, 0.95))
 *     .build();
 * GraphDatabase db = GradualCutoverRouter.builder(shadow, neptune)...build();
 *
 *   write ──► shadow ──► dual ──► neo4j, neptune
 *   read  ──► shadow ──► dual ──► neo4j ──► the caller (at once, unchanged)
 *                └─ sampled, off-thread, bounded, timed: neptune ──► compare ──► report()
 * }</pre>
 *
 * <p><b>Shadowed reads.</b> {@link #query(String, Map)} (the application's named reads: the main thing),
 * {@link #getNode(String)}, {@link #getNodes(Collection)}, {@link #getRelationship(String)} and {@link
 * #getRelationships(Collection)}. Counts, degrees, scans and samples are migration tooling reads (the
 * validator compares those) and go to the primary only, as do {@link #queryNames()} and {@link
 * #capabilities()}.
 *
 * <p><b>Sampling.</b> A read is compared when the {@link RoutingHash} bucket of its key, under this
 * coordinator's salt, is below {@code sampleRate × 10 000}: the same key is always compared or always
 * not, in every instance. Keys are chosen as for the cutover router: the {@link RoutingKeyExtractor}'s
 * for named reads (a read it gives no key is keyed by its name and parameters), the id for reads by id,
 * the smallest id for reads of several.
 *
 * <p><b>What is compared.</b> The primary's answer is first put into the secondary's terms with the
 * {@link RecordMapper}: query hits get {@code mapper.nodeId(id)}; records are mapped as the backfill would
 * write them ({@code mapNodes}, {@code mapRelationships}; a record the mapper rejects is expected absent);
 * reads by id ask the secondary for {@code mapper.nodeId(id)}. Named reads use the comparator registered
 * for their name, else the default ({@link ShadowComparator#exact()}); records use the record comparator
 * (exact by default). For reads by id: absent on both sides matches; on one side only is a mismatch
 * (score 0); a read of several ids scores the mean over the union of ids and matches only if every id
 * matches.
 *
 * <p><b>Never on the caller's path.</b> Nothing the secondary or a comparator does reaches the caller:
 * the caller's thread only times the primary, hashes the key (when sampling is partial), and hands a
 * task to the executor or sheds it. Failures of the secondary, timeouts and comparator exceptions are
 * counted and kept as examples ({@link #report()}).
 *
 * <p>Closing the coordinator abandons the comparisons not yet started (counted as shed) and releases the
 * threads it created; it does not close the primary or the secondary.
 *
 * <p>Thread-safe.
 */
public final class ShadowReadCoordinator implements GraphDatabase {
  /*
   * Design (concurrency).
   *
   * Caller's thread: time the primary, decide sampling (hash of the key, or nothing at a rate of 1),
   * take a permit from `pending` (an AtomicInteger bounded by maxPending) and hand the task to the
   * executor. No permit, a rejecting executor, or a closed coordinator: the read is shed and counted.
   * So at most maxPending comparisons exist at once, whatever the executor's queue, and the caller never
   * waits for a slot.
   *
   * Comparison threads: a task reads the secondary, records its latency, compares, and counts. Each task
   * has a stage (QUEUED -> RUNNING -> DONE | TIMED_OUT) changed by CAS, so the worker and the timeout
   * timer agree on exactly one outcome: the timer (scheduled when the secondary read starts) turns a
   * read still running after `timeout` into a timeout; a secondary that answers late, or measured over
   * the timeout, is a timeout too, and its answer is discarded. A blocked secondary keeps its permit until
   * it returns: the bound on threads and memory holds even when the secondary hangs (new reads are shed).
   * The timer does not interrupt the worker (drivers' connection pools do not survive interrupts).
   *
   * Ordering: none between comparisons; they finish in any order. Counters are eventually consistent
   * (see ShadowMetrics); the reservoir is the only lock, on comparison threads only.
   */

  /** Default name: {@code shadow}. */
  public static final String DEFAULT_NAME = "shadow";
  /** Default sample rate: 1 (every read is compared). */
  public static final double DEFAULT_SAMPLE_RATE = 1.0;
  /** Default salt of the sampling hash: {@code graphshift-shadow}. */
  public static final String DEFAULT_SALT = "graphshift-shadow";
  /** Default bound on comparisons accepted and not finished: 1 000. */
  public static final int DEFAULT_MAX_PENDING = 1_000;
  /** Default timeout of a secondary read: 5 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** Default size of the reservoir of examples: 100. */
  public static final int DEFAULT_EXAMPLES = 100;
  /** Default seed of the reservoir. */
  public static final long DEFAULT_SEED = 0x5EED_5AD0L;
  /** Default threads of the coordinator's own executor: 2. */
  public static final int DEFAULT_THREADS = 2;
  /** The longest description of an answer kept in an example, in characters. */
  public static final int DESCRIPTION_LIMIT = 1_000;

  private static final Logger log = LoggerFactory.getLogger(ShadowReadCoordinator.class);
  private static final int QUEUED = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int TIMED_OUT = 3;

  private final ShadowReadCoordinatorConfig config;
  private final GraphDatabase primary;
  private final GraphDatabase secondary;
  private final RecordMapper mapper;
  private final boolean identityMapper;
  private final RoutingHash hash;
  private final int sampleBasisPoints;
  private final LongSupplier ticker;
  private final long timeoutNanos;
  private final List<ShadowReadListener> listeners;
  private final DiscrepancyTracker tracker;
  private final AtomicInteger pending = new AtomicInteger();
  private final Executor executor;
  private final @Nullable ExecutorService ownExecutor;
  private final ScheduledExecutorService scheduler;
  private final @Nullable ScheduledExecutorService ownScheduler;
  private volatile boolean closed;

  private ShadowReadCoordinator(GraphDatabase primary, GraphDatabase secondary, ShadowReadCoordinatorConfig config) {
    this.config = config;
    this.primary = primary;
    this.secondary = secondary;
    this.mapper = config.mapper();
    this.identityMapper = mapper == RecordMapper.identity();
    this.hash = RoutingHash.salted(config.salt());
    this.sampleBasisPoints = (int) Math.round(config.sampleRate() * RoutingHash.BUCKETS);
    this.ticker = config.ticker();
    this.timeoutNanos = config.timeout().toNanos();
    this.listeners = config.listeners();
    this.tracker = new DiscrepancyTracker(config.examples(), config.seed());
    Executor injected = config.executor().orElse(null);
    if (injected == null) {
      AtomicInteger threadNumber = new AtomicInteger();
      ThreadPoolExecutor pool = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.MILLISECONDS,
          new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "graphshift-shadow-" + config.name() + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      this.ownExecutor = pool;
      this.executor = pool;
    } else {
      this.ownExecutor = null;
      this.executor = injected;
    }
    ScheduledExecutorService injectedScheduler = config.scheduler().orElse(null);
    if (injectedScheduler == null) {
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "graphshift-shadow-" + config.name() + "-timeouts");
        t.setDaemon(true);
        return t;
      });
      timer.setRemoveOnCancelPolicy(true);
      this.ownScheduler = timer;
      this.scheduler = timer;
    } else {
      this.ownScheduler = null;
      this.scheduler = injectedScheduler;
    }
  }

  /**
   * A builder for a coordinator in front of a primary (which answers every read and takes every write)
   * and a secondary (which is only read, to compare).
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(GraphDatabase primary, GraphDatabase secondary) {
    return new Builder(primary, secondary);
  }

  /** The settings. */
  public ShadowReadCoordinatorConfig config() {
    return config;
  }

  /** A snapshot of the counters, rates and latencies. */
  public ShadowMetrics metrics() {
    return tracker.snapshot(config.name());
  }

  /** The metrics and a uniform sample of the discrepancies seen. */
  public ShadowReport report() {
    return new ShadowReport(metrics(), tracker.examples());
  }

  // ------------------------------------------------------------------------------------ shadowed reads

  @Override
  public QueryResult query(String name, Map<String, Object> parameters) {
    requireNonNull(name, "name");
    requireNonNull(parameters, "parameters");
    long start = ticker.getAsLong();
    QueryResult answer;
    try {
      answer = primary.query(name, parameters);
    } catch (RuntimeException e) {
      tracker.primaryFailed();
      throw e;
    }
    long nanos = ticker.getAsLong() - start;
    Supplier<String> key = () -> queryKey(name, parameters);
    shadow("query:" + name, key, nanos, answer, this::mapHits,
        () -> secondary.query(name, parameters),
        config.queryComparators().getOrDefault(name, config.queryComparator())::compare);
    return answer;
  }

  @Override
  public Optional<Node> getNode(String id) {
    requireNonNull(id, "id");
    long start = ticker.getAsLong();
    Optional<Node> answer;
    try {
      answer = primary.getNode(id);
    } catch (RuntimeException e) {
      tracker.primaryFailed();
      throw e;
    }
    long nanos = ticker.getAsLong() - start;
    shadow("getNode", () -> id, nanos, answer, n -> n.flatMap(this::mapNode),
        () -> secondary.getNode(mapper.nodeId(id)), this::compareOne);
    return answer;
  }

  @Override
  public Map<String, Node> getNodes(Collection<String> ids) {
    requireNonNull(ids, "ids");
    long start = ticker.getAsLong();
    Map<String, Node> answer;
    try {
      answer = primary.getNodes(ids);
    } catch (RuntimeException e) {
      tracker.primaryFailed();
      throw e;
    }
    long nanos = ticker.getAsLong() - start;
    if (!ids.isEmpty()) {
      List<String> given = List.copyOf(ids);
      shadow("getNodes", () -> RoutingKeys.smallest(given), nanos, answer, this::mapNodes,
          () -> secondary.getNodes(mappedIds(given, mapper::nodeId)), this::compareMany);
    }
    return answer;
  }

  @Override
  public Optional<Relationship> getRelationship(String id) {
    requireNonNull(id, "id");
    long start = ticker.getAsLong();
    Optional<Relationship> answer;
    try {
      answer = primary.getRelationship(id);
    } catch (RuntimeException e) {
      tracker.primaryFailed();
      throw e;
    }
    long nanos = ticker.getAsLong() - start;
    shadow("getRelationship", () -> id, nanos, answer, r -> r.flatMap(this::mapRelationship),
        () -> secondary.getRelationship(mapper.relationshipId(id)), this::compareOne);
    return answer;
  }

  @Override
  public Map<String, Relationship> getRelationships(Collection<String> ids) {
    requireNonNull(ids, "ids");
    long start = ticker.getAsLong();
    Map<String, Relationship> answer;
    try {
      answer = primary.getRelationships(ids);
    } catch (RuntimeException e) {
      tracker.primaryFailed();
      throw e;
    }
    long nanos = ticker.getAsLong() - start;
    if (!ids.isEmpty()) {
      List<String> given = List.copyOf(ids);
      shadow("getRelationships", () -> RoutingKeys.smallest(given), nanos, answer, this::mapRelationships,
          () -> secondary.getRelationships(mappedIds(given, mapper::relationshipId)), this::compareMany);
    }
    return answer;
  }

  private String queryKey(String name, Map<String, Object> parameters) {
    Optional<String> key = config.keyExtractor().key(name, parameters);
    return key.isPresent() ? key.get() : RoutingKeyExtractor.nameAndParameters().key(name, parameters).orElse(name);
  }

  /**
   * Samples and hands the comparison to the executor; on the caller's thread. The key is computed here
   * only when sampling is partial; otherwise on the comparison thread.
   */
  private <T> void shadow(String read, Supplier<String> key, long primaryNanos, T answer, UnaryOperator<T> toExpected,
      Supplier<T> readSecondary, BiFunction<T, T, Similarity> compare) {
    String knownKey = null;
    if (sampleBasisPoints < RoutingHash.BUCKETS) {
      if (sampleBasisPoints <= 0) {
        tracker.skipped();
        return;
      }
      knownKey = key.get();
      if (hash.bucket(knownKey) >= sampleBasisPoints) {
        tracker.skipped();
        return;
      }
    }
    tracker.sampled();
    Comparison<T> task = new Comparison<>(read, knownKey, key, primaryNanos, answer, toExpected, readSecondary, compare);
    int inFlight = pending.incrementAndGet();
    if (inFlight > config.maxPending() || closed) {
      pending.decrementAndGet();
      shed(task, inFlight - 1, closed ? "closed" : "queue full");
      return;
    }
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      pending.decrementAndGet();
      shed(task, inFlight - 1, "executor rejected: " + e.getMessage());
    }
  }

  private void shed(Comparison<?> task, int inFlight, String why) {
    long n = tracker.shed();
    if (closed) {
      // abandoned at close: close() logs the total once
      log.debug("graphshift.shadow.shed name={} read={} pending={} shed_total={} reason={}",
          config.name(), task.read, inFlight, n, why);
    } else if (Long.bitCount(n) == 1) {
      log.warn("graphshift.shadow.shed name={} read={} pending={} shed_total={} reason={}",
          config.name(), task.read, inFlight, n, why);
    } else {
      log.debug("graphshift.shadow.shed name={} read={} pending={} shed_total={} reason={}",
          config.name(), task.read, inFlight, n, why);
    }
    if (!listeners.isEmpty()) {
      ShadowReadShedEvent e = new ShadowReadShedEvent(config.name(), config.clock().instant(), task.read, task.key(),
          inFlight);
      for (ShadowReadListener l : listeners) {
        try {
          l.onShed(e);
        } catch (RuntimeException ex) {
          listenerFailed(l, "onShed", ex);
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------ mapping, comparing

  private QueryResult mapHits(QueryResult r) {
    if (identityMapper || r.hits().isEmpty()) {
      return r;
    }
    List<QueryResult.Hit> hits = new ArrayList<>(r.size());
    for (QueryResult.Hit h : r.hits()) {
      hits.add(new QueryResult.Hit(mapper.nodeId(h.id()), h.score(), h.properties()));
    }
    return new QueryResult(hits);
  }

  private Optional<Node> mapNode(Node n) {
    List<Node> mapped = mapper.mapNodes(List.of(n)).accepted();
    return mapped.isEmpty() ? Optional.empty() : Optional.of(mapped.get(0));
  }

  private Optional<Relationship> mapRelationship(Relationship r) {
    List<Relationship> mapped = mapper.mapRelationships(List.of(r)).accepted();
    return mapped.isEmpty() ? Optional.empty() : Optional.of(mapped.get(0));
  }

  private Map<String, Node> mapNodes(Map<String, Node> nodes) {
    return byId(mapper.mapNodes(List.copyOf(nodes.values())).accepted());
  }

  private Map<String, Relationship> mapRelationships(Map<String, Relationship> relationships) {
    return byId(mapper.mapRelationships(List.copyOf(relationships.values())).accepted());
  }

  private static <R extends GraphRecord> Map<String, R> byId(List<R> records) {
    Map<String, R> m = new LinkedHashMap<>();
    for (R r : records) {
      m.put(r.id(), r);
    }
    return m;
  }

  private static List<String> mappedIds(List<String> ids, Function<String, String> toSecondary) {
    List<String> mapped = new ArrayList<>(ids.size());
    for (String id : ids) {
      mapped.add(toSecondary.apply(id));
    }
    return mapped;
  }

  private Similarity compareOne(Optional<? extends GraphRecord> expected, Optional<? extends GraphRecord> actual) {
    if (expected.isEmpty() && actual.isEmpty()) {
      return Similarity.SAME;
    }
    if (expected.isEmpty() || actual.isEmpty()) {
      return Similarity.NONE;
    }
    return config.recordComparator().compare(expected.get(), actual.get());
  }

  private <R extends GraphRecord> Similarity compareMany(Map<String, R> expected, Map<String, R> actual) {
    Set<String> ids = new LinkedHashSet<>(expected.keySet());
    ids.addAll(actual.keySet());
    if (ids.isEmpty()) {
      return Similarity.SAME;
    }
    double sum = 0;
    boolean all = true;
    for (String id : ids) {
      Similarity s = compareOne(Optional.ofNullable(expected.get(id)), Optional.ofNullable(actual.get(id)));
      sum += s.score();
      all &= s.matched();
    }
    return new Similarity(Math.min(1, sum / ids.size()), all);
  }

  private static String describe(@Nullable Object answer) {
    String s = String.valueOf(answer);
    return s.length() <= DESCRIPTION_LIMIT ? s : s.substring(0, DESCRIPTION_LIMIT) + "... (" + s.length() + " chars)";
  }

  // ------------------------------------------------------------------------------------ comparisons

  /** One sampled read on its way through a comparison thread. */
  private final class Comparison<T> implements Runnable {
    final String read;
    private volatile @Nullable String key;
    private final Supplier<String> keySupplier;
    private final long primaryNanos;
    private final T answer;
    private final UnaryOperator<T> toExpected;
    private final Supplier<T> readSecondary;
    private final BiFunction<T, T, Similarity> compare;
    private final AtomicInteger stage = new AtomicInteger(QUEUED);

    Comparison(String read, @Nullable String key, Supplier<String> keySupplier, long primaryNanos, T answer,
        UnaryOperator<T> toExpected, Supplier<T> readSecondary, BiFunction<T, T, Similarity> compare) {
      this.read = read;
      this.key = key;
      this.keySupplier = keySupplier;
      this.primaryNanos = primaryNanos;
      this.answer = answer;
      this.toExpected = toExpected;
      this.readSecondary = readSecondary;
      this.compare = compare;
    }

    String key() {
      String k = key;
      if (k == null) {
        k = keySupplier.get();
        key = k;
      }
      return k;
    }

    @Override
    public void run() {
      ScheduledFuture<?> timer = null;
      try {
        if (closed) {
          shed(this, pending.get() - 1, "closed");
          return;
        }
        key();
        tracker.primaryLatency(primaryNanos);
        stage.set(RUNNING);
        timer = scheduleTimeout();
        long start = ticker.getAsLong();
        T actual;
        try {
          actual = readSecondary.get();
        } catch (RuntimeException e) {
          if (stage.compareAndSet(RUNNING, DONE)) {
            tracker.secondaryFailed();
            failed(DiscrepancyKind.SECONDARY_FAILED, e, null, OptionalDouble.empty());
          } else {
            log.debug("graphshift.shadow.late_failure name={} read={} key={} error={} (counted as a timeout)",
                config.name(), read, key, e.toString());
          }
          return;
        }
        long secondaryNanos = ticker.getAsLong() - start;
        tracker.secondaryLatency(secondaryNanos);
        if (secondaryNanos > timeoutNanos && stage.compareAndSet(RUNNING, TIMED_OUT)) {
          timedOut(secondaryNanos);
          return;
        }
        if (!stage.compareAndSet(RUNNING, DONE)) {
          log.debug("graphshift.shadow.late_answer name={} read={} key={} (counted as a timeout)",
              config.name(), read, key);
          return;
        }
        T expected = null;
        Similarity similarity;
        try {
          expected = toExpected.apply(answer);
          similarity = requireNonNull(compare.apply(expected, actual), "the comparator returned null");
        } catch (RuntimeException e) {
          tracker.comparatorFailed();
          failed(DiscrepancyKind.COMPARATOR_FAILED, e, actual, OptionalDouble.empty());
          return;
        }
        tracker.compared(similarity);
        if (!similarity.matched()) {
          tracker.example(new Discrepancy(config.clock().instant(), read, key(), DiscrepancyKind.MISMATCH,
              OptionalDouble.of(similarity.score()), describe(expected), Optional.of(describe(actual)), Optional.empty()));
          log.debug("graphshift.shadow.mismatch name={} read={} key={} similarity={}",
              config.name(), read, key, similarity.score());
        }
        if (!listeners.isEmpty()) {
          ShadowReadComparedEvent e = new ShadowReadComparedEvent(config.name(), config.clock().instant(), read, key(),
              similarity.score(), similarity.matched(), Duration.ofNanos(primaryNanos), Duration.ofNanos(secondaryNanos));
          for (ShadowReadListener l : listeners) {
            try {
              l.onCompared(e);
            } catch (RuntimeException ex) {
              listenerFailed(l, "onCompared", ex);
            }
          }
        }
      } finally {
        if (timer != null) {
          timer.cancel(false);
        }
        pending.decrementAndGet();
      }
    }

    private @Nullable ScheduledFuture<?> scheduleTimeout() {
      try {
        return scheduler.schedule(this::timeOutIfRunning, timeoutNanos, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // the scheduler is shutting down; the measured latency still catches a late answer
        log.debug("graphshift.shadow.timer_rejected name={} read={} error={}", config.name(), read, e.toString());
        return null;
      }
    }

    private void timeOutIfRunning() {
      if (stage.compareAndSet(RUNNING, TIMED_OUT)) {
        timedOut(timeoutNanos);
      }
    }

    private void timedOut(long nanos) {
      tracker.timedOut();
      failed(DiscrepancyKind.TIMED_OUT, null, null, OptionalDouble.empty(),
          "no answer within " + config.timeout() + " (waited " + Duration.ofNanos(nanos) + ")");
    }

    private void failed(DiscrepancyKind kind, @Nullable RuntimeException e, @Nullable Object actual, OptionalDouble score) {
      failed(kind, e, actual, score, String.valueOf(e));
    }

    private void failed(DiscrepancyKind kind, @Nullable RuntimeException e, @Nullable Object actual, OptionalDouble score,
        String error) {
      log.debug("graphshift.shadow.failed name={} read={} key={} kind={} error={}", config.name(), read, key, kind, error);
      tracker.example(new Discrepancy(config.clock().instant(), read, key(), kind, score, describe(answer),
          actual == null ? Optional.empty() : Optional.of(describe(actual)), Optional.of(error)));
      if (!listeners.isEmpty()) {
        ShadowReadFailedEvent event = new ShadowReadFailedEvent(config.name(), config.clock().instant(), read, key(), kind,
            error);
        for (ShadowReadListener l : listeners) {
          try {
            l.onFailed(event);
          } catch (RuntimeException ex) {
            listenerFailed(l, "onFailed", ex);
          }
        }
      }
    }
  }

  private void listenerFailed(ShadowReadListener l, String method, RuntimeException e) {
    tracker.listenerFailed();
    log.warn("graphshift.shadow.listener_failed name={} listener={} method={} error={}",
        config.name(), l.getClass().getName(), method, e.toString(), e);
  }

  // ------------------------------------------------------------------------------------ pass-through

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public Capabilities capabilities() {
    return primary.capabilities();
  }

  @Override
  public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
    return primary.upsertNodes(nodes, mode);
  }

  @Override
  public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
    return primary.upsertRelationships(relationships, mode);
  }

  @Override
  public WriteResult deleteNodes(Collection<String> ids) {
    return primary.deleteNodes(ids);
  }

  @Override
  public WriteResult deleteRelationships(Collection<String> ids) {
    return primary.deleteRelationships(ids);
  }

  @Override
  public long countNodes() {
    return primary.countNodes();
  }

  @Override
  public long countNodes(String label) {
    return primary.countNodes(label);
  }

  @Override
  public Map<String, Long> countNodesByLabel() {
    return primary.countNodesByLabel();
  }

  @Override
  public long countRelationships() {
    return primary.countRelationships();
  }

  @Override
  public long countRelationships(String type) {
    return primary.countRelationships(type);
  }

  @Override
  public Map<String, Long> countRelationshipsByType() {
    return primary.countRelationshipsByType();
  }

  @Override
  public long degree(String nodeId) {
    return primary.degree(nodeId);
  }

  @Override
  public Map<String, Long> degrees(Collection<String> nodeIds) {
    return primary.degrees(nodeIds);
  }

  @Override
  public ScanPage<Node> scanNodes(ScanRequest request) {
    return primary.scanNodes(request);
  }

  @Override
  public ScanPage<Relationship> scanRelationships(ScanRequest request) {
    return primary.scanRelationships(request);
  }

  @Override
  public List<ScanRequest> splitNodeScan(ScanRequest whole, int parts) {
    return primary.splitNodeScan(whole, parts);
  }

  @Override
  public List<ScanRequest> splitRelationshipScan(ScanRequest whole, int parts) {
    return primary.splitRelationshipScan(whole, parts);
  }

  @Override
  public List<Node> sampleNodes(int n, long seed) {
    return primary.sampleNodes(n, seed);
  }

  @Override
  public Set<String> queryNames() {
    return primary.queryNames();
  }

  /**
   * Stops accepting comparisons, abandons those not yet started (counted as shed) and releases the
   * threads this coordinator created; comparisons already running on an injected executor finish on
   * their own. Idempotent. The primary and the secondary stay open.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ownExecutor != null) {
      List<Runnable> abandoned = ownExecutor.shutdownNow();
      for (Runnable r : abandoned) {
        if (r instanceof Comparison<?> c) {
          pending.decrementAndGet();
          shed(c, pending.get(), "closed");
        }
      }
    }
    if (ownScheduler != null) {
      ownScheduler.shutdownNow();
    }
    ShadowMetrics m = metrics();
    log.info("graphshift.shadow.closed name={} sampled={} matches={} mismatches={} secondary_failures={} timeouts={} "
        + "shed={} pending={}", config.name(), m.sampled(), m.matches(), m.mismatches(), m.secondaryFailures(),
        m.timeouts(), m.shed(), m.pending());
  }

  @Override
  public String toString() {
    return "ShadowReadCoordinator[" + config.name() + ", primary=" + primary.name() + ", secondary=" + secondary.name()
        + "]";
  }

  /**
   * Builds a {@link ShadowReadCoordinator}. Defaults: name {@value #DEFAULT_NAME}, every read compared,
   * exact comparators, the identity mapper, the key extractor {@link
   * RoutingKeyExtractor#nameAndParameters()}, at most {@value #DEFAULT_MAX_PENDING} pending comparisons on
   * {@value #DEFAULT_THREADS} daemon threads of its own, a 5-second timeout, {@value #DEFAULT_EXAMPLES}
   * examples, the system clock. For deterministic tests, inject a same-thread executor ({@code
   * Runnable::run}).
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final GraphDatabase primary;
    private final GraphDatabase secondary;
    private String name = DEFAULT_NAME;
    private double sampleRate = DEFAULT_SAMPLE_RATE;
    private String salt = DEFAULT_SALT;
    private RoutingKeyExtractor keyExtractor = RoutingKeyExtractor.nameAndParameters();
    private RecordMapper mapper = RecordMapper.identity();
    private ShadowComparator<QueryResult> queryComparator = ShadowComparator.exact();
    private final Map<String, ShadowComparator<QueryResult>> queryComparators = new HashMap<>();
    private ShadowComparator<GraphRecord> recordComparator = ShadowComparator.exact();
    private int maxPending = DEFAULT_MAX_PENDING;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int examples = DEFAULT_EXAMPLES;
    private long seed = DEFAULT_SEED;
    private int threads = DEFAULT_THREADS;
    private @Nullable Executor executor;
    private @Nullable ScheduledExecutorService scheduler;
    private Clock clock = Clock.systemUTC();
    private LongSupplier ticker = System::nanoTime;
    private final List<ShadowReadListener> listeners = new ArrayList<>();

    private Builder(GraphDatabase primary, GraphDatabase secondary) {
      this.primary = requireNonNull(primary, "primary");
      this.secondary = requireNonNull(secondary, "secondary");
    }

    /**
     * The coordinator's name, carried by its events, logs and metrics. Default {@value #DEFAULT_NAME}.
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder name(String value) {
      requireNonNull(value, "value");
      if (value.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = value;
      return this;
    }

    /**
     * The share of reads compared, in [0, 1], chosen by key (the same key always is or is not); kept to
     * a basis point. Default 1.
     *
     * @throws IllegalArgumentException if not within [0, 1]
     */
    public Builder sampleRate(double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException("sampleRate must be within [0, 1]: " + value);
      }
      this.sampleRate = value;
      return this;
    }

    /** The salt of the sampling hash. Default {@value #DEFAULT_SALT}. */
    public Builder salt(String value) {
      this.salt = requireNonNull(value, "value");
      return this;
    }

    /** How a named read's key is chosen. Default {@link RoutingKeyExtractor#nameAndParameters()}. */
    public Builder keyExtractor(RoutingKeyExtractor value) {
      this.keyExtractor = requireNonNull(value, "value");
      return this;
    }

    /** Translates the primary's ids and records into the secondary's terms. Default identity. */
    public Builder mapper(RecordMapper value) {
      this.mapper = requireNonNull(value, "value");
      return this;
    }

    /** The comparator of named reads that have none of their own. Default {@link ShadowComparator#exact()}. */
    public Builder comparator(ShadowComparator<QueryResult> value) {
      this.queryComparator = requireNonNull(value, "value");
      return this;
    }

    /**
     * The comparator of one named read.
     *
     * @throws IllegalStateException if a comparator was set for that name already
     */
    public Builder comparator(String queryName, ShadowComparator<QueryResult> value) {
      requireNonNull(queryName, "queryName");
      requireNonNull(value, "value");
      ShadowComparator<QueryResult> earlier = queryComparators.putIfAbsent(queryName, value);
      if (earlier != null) {
        throw new IllegalStateException("a comparator for '" + queryName + "' was set already: " + earlier);
      }
      return this;
    }

    /** The comparator of records read by id. Default {@link ShadowComparator#exact()}. */
    public Builder recordComparator(ShadowComparator<GraphRecord> value) {
      this.recordComparator = requireNonNull(value, "value");
      return this;
    }

    /**
     * The most comparisons accepted and not finished (queued or running); a sampled read beyond is shed
     * and counted. Default {@value #DEFAULT_MAX_PENDING}.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxPending(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxPending must be at least 1: " + value);
      }
      this.maxPending = value;
      return this;
    }

    /**
     * The longest the secondary may take to answer one read, from the moment its read starts; a read
     * that takes longer is a timeout and its answer is discarded. Default 5 seconds.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration value) {
      requireNonNull(value, "value");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + value);
      }
      this.timeout = value;
      return this;
    }

    /**
     * The size of the reservoir of discrepancy examples. Default {@value #DEFAULT_EXAMPLES}.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder examples(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("examples must not be negative: " + value);
      }
      this.examples = value;
      return this;
    }

    /** The seed of the reservoir. Default {@link #DEFAULT_SEED}. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * The threads of the coordinator's own executor. Default {@value #DEFAULT_THREADS}.
     *
     * @throws IllegalArgumentException if below 1
     * @throws IllegalStateException if an executor was injected
     */
    public Builder threads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + value);
      }
      if (executor != null) {
        throw new IllegalStateException("an executor was injected (" + executor + "); it has its own threads");
      }
      this.threads = value;
      return this;
    }

    /**
     * The executor comparisons run on (not shut down on close). Bound it: the coordinator bounds what
     * it hands over ({@link #maxPending(int)}), and counts a rejection as shed. Default: {@value
     * #DEFAULT_THREADS} daemon threads of the coordinator's own.
     *
     * @throws IllegalStateException if threads were set
     */
    public Builder executor(Executor value) {
      requireNonNull(value, "value");
      if (threads != DEFAULT_THREADS) {
        throw new IllegalStateException("threads(" + threads + ") was set for the coordinator's own executor");
      }
      this.executor = value;
      return this;
    }

    /** The scheduler of timeouts (not shut down on close). Default: a daemon thread of the coordinator's own. */
    public Builder scheduler(ScheduledExecutorService value) {
      this.scheduler = requireNonNull(value, "value");
      return this;
    }

    /** The clock of events and examples. Default the system UTC clock. */
    public Builder clock(Clock value) {
      this.clock = requireNonNull(value, "value");
      return this;
    }

    /** The nanosecond time source of latencies and timeouts. Default {@link System#nanoTime()}. */
    public Builder ticker(LongSupplier value) {
      this.ticker = requireNonNull(value, "value");
      return this;
    }

    /** Adds a listener. */
    public Builder listener(ShadowReadListener value) {
      listeners.add(requireNonNull(value, "value"));
      return this;
    }

    /** Builds the coordinator. */
    public ShadowReadCoordinator build() {
      ShadowReadCoordinatorConfig config = new ShadowReadCoordinatorConfig(name, sampleRate, salt, keyExtractor, mapper,
          queryComparator, queryComparators, recordComparator, maxPending, timeout, examples, seed, threads,
          Optional.ofNullable(executor), Optional.ofNullable(scheduler), clock, ticker, listeners);
      return new ShadowReadCoordinator(primary, secondary, config);
    }
  }
}
