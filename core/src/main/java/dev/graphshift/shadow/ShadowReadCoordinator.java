package dev.graphshift.shadow;

import static java.util.Objects.requireNonNull;

import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.QueryResult;
import dev.graphshift.Relationship;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * the caller's thread only times the primary, hashes the key (when sampling is partial), and puts a
 * task on a lock-free queue or sheds it; a dispatcher on the scheduler hands queued tasks to the executor
 * every millisecond while reads flow ({@link Builder#dispatchInterval(Duration)}), so the caller does not
 * even wake a thread per read. Failures of the secondary, timeouts and comparator exceptions are counted
 * and kept as examples ({@link #report()}).
 *
 * <p>Closing the coordinator abandons the comparisons not yet started (counted as shed) and releases the
 * threads it created; it does not close the primary or the secondary.
 *
 * <p>Thread-safe.
 */
public final class ShadowReadCoordinator extends ForwardingGraphDatabase {
  /*
   * Design (concurrency).
   *
   * Caller's thread: time the primary, decide sampling (hash of the key, or nothing at a rate of 1),
   * take a permit from `pending` (an AtomicInteger bounded by maxPending) and put the task on `queue` (a
   * lock-free queue). No permit, or a closed coordinator: the read is shed and counted. So at most
   * maxPending comparisons exist at once, whatever the executor's queue, and the caller never waits for
   * a slot, never wakes a thread while comparisons flow, and never runs a comparison itself, whatever the
   * executor's rejection policy.
   *
   * Dispatch: one task on the scheduler hands queued comparisons to the executor (a rejection is a shed)
   * and runs again every dispatchInterval while there is traffic, lingering DISPATCH_LINGER rounds after
   * the last comparison before it goes idle (`dispatching` IDLE). Only the read that finds it idle
   * schedules it (one CAS and one wake-up per burst, not per read); after going idle it re-checks the
   * queue, so no comparison is stranded. A comparison therefore starts at most about one interval after
   * its read. With a dispatch interval of zero the caller hands each task to the executor itself (one
   * handoff per read on the caller's path; with a same-thread executor, fully synchronous, for tests).
   *
   * Comparison threads: a task reads the secondary, records its latency, compares, and counts. Each task
   * has a stage (QUEUED -> RUNNING -> DONE | TIMED_OUT) changed by CAS, so the worker and the timeout
   * sweeper agree on exactly one outcome. The sweeper is one periodic task (every quarter of the timeout)
   * over the set of running reads, rather than a timer per read, so timeouts cost no scheduling on the
   * comparison path: a read still running after `timeout` (plus at most a sweep period) is a timeout; a
   * secondary that answers after the timeout, as measured by the ticker, is a timeout too, and its answer
   * is discarded. A blocked secondary keeps its permit until it returns: the bound on threads and memory
   * holds even when the secondary hangs (new reads are shed). Nothing interrupts the worker (drivers'
   * connection pools do not survive interrupts). Examples are described only when the reservoir keeps
   * them, and keys computed only when an example or an event needs them.
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
  /** Default interval of the dispatcher that hands sampled reads to the executor: 1 ms. */
  public static final Duration DEFAULT_DISPATCH_INTERVAL = Duration.ofMillis(1);
  /** The longest description of an answer kept in an example, in characters. */
  public static final int DESCRIPTION_LIMIT = 1_000;

  private static final Logger log = LoggerFactory.getLogger(ShadowReadCoordinator.class);
  private static final int QUEUED = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int TIMED_OUT = 3;
  /** The shortest period of the timeout sweeper: 1 ms. */
  private static final long MIN_SWEEP_NANOS = 1_000_000;
  /** How many empty rounds the dispatcher runs after the last comparison before it goes idle. */
  private static final int DISPATCH_LINGER = 10;
  private static final int IDLE = 0;
  private static final int SCHEDULED = 1;

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
  private final ScheduledFuture<?> sweeping;
  private final long dispatchNanos;
  private final ConcurrentLinkedQueue<Comparison<?>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger dispatching = new AtomicInteger(IDLE);
  private int lingerLeft; // touched only by the dispatch task, one run at a time
  private final Set<Comparison<?>> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private ShadowReadCoordinator(GraphDatabase primary, GraphDatabase secondary, ShadowReadCoordinatorConfig config) {
    super(primary);
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
    this.dispatchNanos = config.dispatchInterval().toNanos();
    ScheduledExecutorService scheduler;
    ScheduledExecutorService injectedScheduler = config.scheduler().orElse(null);
    if (injectedScheduler == null) {
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "graphshift-shadow-" + config.name() + "-dispatch");
        t.setDaemon(true);
        return t;
      });
      this.ownScheduler = timer;
      scheduler = timer;
    } else {
      this.ownScheduler = null;
      scheduler = injectedScheduler;
    }
    this.scheduler = scheduler;
    long sweepEvery = Math.max(timeoutNanos / 4, MIN_SWEEP_NANOS);
    this.sweeping = scheduler.scheduleWithFixedDelay(this::sweep, sweepEvery, sweepEvery, TimeUnit.NANOSECONDS);
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
    return shadowed("query:" + name, () -> queryKey(name, parameters), () -> primary.query(name, parameters),
        this::mapHits, () -> secondary.query(name, parameters),
        config.queryComparators().getOrDefault(name, config.queryComparator())::compare);
  }

  @Override
  public Optional<Node> getNode(String id) {
    requireNonNull(id, "id");
    return shadowed("getNode", () -> id, () -> primary.getNode(id), n -> n.flatMap(this::mapNode),
        () -> secondary.getNode(mapper.nodeId(id)), this::compareOne);
  }

  @Override
  public Map<String, Node> getNodes(Collection<String> ids) {
    List<String> given = List.copyOf(ids);
    if (given.isEmpty()) {
      return primary.getNodes(given);
    }
    return shadowed("getNodes", () -> RoutingKeys.smallest(given), () -> primary.getNodes(given), this::mapNodes,
        () -> secondary.getNodes(mappedIds(given, mapper::nodeId)), this::compareMany);
  }

  @Override
  public Optional<Relationship> getRelationship(String id) {
    requireNonNull(id, "id");
    return shadowed("getRelationship", () -> id, () -> primary.getRelationship(id),
        r -> r.flatMap(this::mapRelationship), () -> secondary.getRelationship(mapper.relationshipId(id)),
        this::compareOne);
  }

  @Override
  public Map<String, Relationship> getRelationships(Collection<String> ids) {
    List<String> given = List.copyOf(ids);
    if (given.isEmpty()) {
      return primary.getRelationships(given);
    }
    return shadowed("getRelationships", () -> RoutingKeys.smallest(given), () -> primary.getRelationships(given),
        this::mapRelationships, () -> secondary.getRelationships(mappedIds(given, mapper::relationshipId)),
        this::compareMany);
  }

  /**
   * Answers a read from the primary, timed on the caller's thread, and shadows it; a failure of the
   * primary is counted and passed on, not shadowed.
   */
  private <T> T shadowed(String read, Supplier<String> key, Supplier<T> onPrimary, UnaryOperator<T> toExpected,
      Supplier<T> onSecondary, BiFunction<T, T, Similarity> compare) {
    long start = ticker.getAsLong();
    T answer;
    try {
      answer = onPrimary.get();
    } catch (RuntimeException e) {
      tracker.primaryFailed();
      throw e;
    }
    shadow(read, key, ticker.getAsLong() - start, answer, toExpected, onSecondary, compare);
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
    if (dispatchNanos == 0) {
      handOver(task);
      return;
    }
    queue.offer(task);
    if (dispatching.get() == IDLE && dispatching.compareAndSet(IDLE, SCHEDULED)) {
      scheduleDispatch(0);
    }
  }

  private void handOver(Comparison<?> task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      pending.decrementAndGet();
      shed(task, pending.get(), "executor rejected: " + e.getMessage());
    }
  }

  private void scheduleDispatch(long delayNanos) {
    try {
      scheduler.schedule(this::dispatch, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // the scheduler is shut down: nothing will dispatch, so shed what waits
      dispatching.set(IDLE);
      abandonQueued("scheduler rejected the dispatcher: " + e.getMessage());
    }
  }

  /** Hands queued comparisons to the executor; runs on the scheduler, one run at a time. Never throws. */
  private void dispatch() {
    try {
      boolean moved = false;
      Comparison<?> task;
      while ((task = queue.poll()) != null) {
        moved = true;
        if (closed) {
          pending.decrementAndGet();
          shed(task, pending.get(), "closed");
        } else {
          handOver(task);
        }
      }
      lingerLeft = moved ? DISPATCH_LINGER : lingerLeft - 1;
      if (!closed && lingerLeft > 0) {
        scheduleDispatch(dispatchNanos);
        return;
      }
      dispatching.set(IDLE);
      if (!queue.isEmpty() && dispatching.compareAndSet(IDLE, SCHEDULED)) {
        scheduleDispatch(0);
      }
    } catch (RuntimeException e) {
      // a shed listener or logger failed (already counted where it was caught); keep dispatching
      log.error("graphshift.shadow.dispatch_failed name={} error={}", config.name(), e.toString(), e);
      dispatching.set(IDLE);
      if (!queue.isEmpty() && dispatching.compareAndSet(IDLE, SCHEDULED)) {
        scheduleDispatch(dispatchNanos);
      }
    }
  }

  private void abandonQueued(String why) {
    Comparison<?> task;
    while ((task = queue.poll()) != null) {
      pending.decrementAndGet();
      shed(task, pending.get(), why);
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
    private volatile long startedAt;

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
      boolean registered = false;
      try {
        if (closed) {
          shed(this, pending.get() - 1, "closed");
          return;
        }
        tracker.primaryLatency(primaryNanos);
        long start = ticker.getAsLong();
        startedAt = start;
        stage.set(RUNNING);
        running.add(this);
        registered = true;
        T actual;
        try {
          actual = readSecondary.get();
        } catch (RuntimeException e) {
          if (stage.compareAndSet(RUNNING, DONE)) {
            tracker.secondaryFailed();
            failed(DiscrepancyKind.SECONDARY_FAILED, e, null, OptionalDouble.empty());
          } else {
            if (log.isDebugEnabled()) {
              log.debug("graphshift.shadow.late_failure name={} read={} key={} error={} (counted as a timeout)",
                  config.name(), read, key(), e.toString());
            }
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
          if (log.isDebugEnabled()) {
            log.debug("graphshift.shadow.late_answer name={} read={} key={} (counted as a timeout)",
                config.name(), read, key());
          }
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
          T described = expected;
          tracker.example(() -> new Discrepancy(config.clock().instant(), read, key(), DiscrepancyKind.MISMATCH,
              OptionalDouble.of(similarity.score()), describe(described), Optional.of(describe(actual)), Optional.empty()));
          if (log.isDebugEnabled()) {
            log.debug("graphshift.shadow.mismatch name={} read={} key={} similarity={}",
                config.name(), read, key(), similarity.score());
          }
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
        if (registered) {
          running.remove(this);
        }
        pending.decrementAndGet();
      }
    }

    /** Times this read out if it has run past the timeout at {@code now}; called by the sweeper. */
    void timeOutIfOverdue(long now) {
      long elapsed = now - startedAt;
      if (elapsed > timeoutNanos && stage.compareAndSet(RUNNING, TIMED_OUT)) {
        timedOut(elapsed);
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
      if (log.isDebugEnabled()) {
        log.debug("graphshift.shadow.failed name={} read={} key={} kind={} error={}", config.name(), read, key(), kind, error);
      }
      tracker.example(() -> new Discrepancy(config.clock().instant(), read, key(), kind, score, describe(answer),
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

  /** Times out the reads running past the timeout; the periodic task of the scheduler. Never throws. */
  private void sweep() {
    long now = ticker.getAsLong();
    for (Comparison<?> c : running) {
      try {
        c.timeOutIfOverdue(now);
      } catch (RuntimeException e) {
        // counted as the timeout it is (timedOut counts before it describes and publishes)
        log.error("graphshift.shadow.sweep_failed name={} read={} error={}", config.name(), c.read, e.toString(), e);
      }
    }
  }

  private void listenerFailed(ShadowReadListener l, String method, RuntimeException e) {
    tracker.listenerFailed();
    log.warn("graphshift.shadow.listener_failed name={} listener={} method={} error={}",
        config.name(), l.getClass().getName(), method, e.toString(), e);
  }

  // ------------------------------------------------------------------------------------ pass-through

  /** This coordinator's name (not the primary's). */
  @Override
  public String name() {
    return config.name();
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
    sweeping.cancel(false);
    abandonQueued("closed");
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
   * {@value #DEFAULT_THREADS} daemon threads of its own, dispatched every millisecond, a 5-second timeout,
   * {@value #DEFAULT_EXAMPLES} examples, the system clock. For deterministic tests, inject a same-thread
   * executor ({@code Runnable::run}) with a dispatch interval of zero.
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
    private Duration dispatchInterval = DEFAULT_DISPATCH_INTERVAL;
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
     * The executor comparisons run on (not shut down on close). The coordinator bounds what it hands
     * over ({@link #maxPending(int)}) and counts a rejection as shed; the dispatcher, not the caller, hands
     * over, so even a caller-runs policy never runs a comparison on the caller's thread. Default: {@value
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

    /**
     * The scheduler of the dispatcher (while there is traffic) and of the timeout sweeper (one periodic
     * task every quarter of the timeout); not shut down on close. Default: a daemon thread of the
     * coordinator's own.
     */
    public Builder scheduler(ScheduledExecutorService value) {
      this.scheduler = requireNonNull(value, "value");
      return this;
    }

    /**
     * How often the dispatcher hands sampled reads to the executor while there is traffic, so that the
     * caller's thread only queues them; a comparison starts at most about one interval after its read.
     * Zero hands each read to the executor on the caller's thread (with a same-thread executor, every
     * comparison completes before the read returns: for tests). Default 1 ms.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder dispatchInterval(Duration value) {
      requireNonNull(value, "value");
      if (value.isNegative()) {
        throw new IllegalArgumentException("dispatchInterval must not be negative: " + value);
      }
      this.dispatchInterval = value;
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
          Optional.ofNullable(executor), Optional.ofNullable(scheduler), dispatchInterval, clock, ticker, listeners);
      return new ShadowReadCoordinator(primary, secondary, config);
    }
  }
}
