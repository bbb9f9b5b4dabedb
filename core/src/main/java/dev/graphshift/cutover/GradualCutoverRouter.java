package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import dev.graphshift.ConfigurationException;
import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.QueryResult;
import dev.graphshift.Relationship;
import dev.graphshift.Retryable;
import dev.graphshift.cutover.internal.CutoverControl;
import dev.graphshift.cutover.internal.HealthRecorder;
import dev.graphshift.cutover.internal.RoutingKeys;
import dev.graphshift.mapping.RecordMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves reads from the primary to the secondary gradually: a share of reads, in basis points, goes to
 * the secondary, sticky by a routing key, following a {@link CutoverSchedule} that advances on its own
 * and rolls back on its own when a {@link HealthGate} trips; {@link #rollback()} returns every read to
 * the primary at once. Writes, and every read that is not routed, go to the primary.
 *
 * <pre>{@code
 * GraphDatabase dual   = DualWriteCoordinator.builder(neo4j, neptune)...build();
 * GraphDatabase shadow = ShadowReadCoordinator.builder(dual, neptune)...build();
 * GraphDatabase db     = GradualCutoverRouter.builder(shadow, neptune)
 *     .schedule(CutoverSchedule.defaults())
 *     .keyExtractor(RoutingKeyExtractor.parameter("userId"))
 *     .controlStore(FileCutoverControlStore.in(Path.of("/var/lib/app/cutover")))
 *     .build();
 * ((GradualCutoverRouter) db).registerMBean(ManagementFactory.getPlatformMBeanServer());
 *
 *   write ──► router ──► shadow ──► dual ──► neo4j (sync) ─┐
 *                                                └──► neptune (async) │
 *   read  ──► router ─┬─ share %  ──► neptune ──(fails)──► shadow    │ the caller gets
 *                     └─ the rest ──► shadow ──► dual ──► neo4j ◄────┘ the side that answered
 *                                       └─ compared off-thread with neptune
 * }</pre>
 *
 * <p><b>Routed reads.</b> {@link #query(String, Map)} (the application's named reads, keyed by the
 * {@link RoutingKeyExtractor}), {@link #getNode(String)}, {@link #getNodes(Collection)}, {@link
 * #getRelationship(String)} and {@link #getRelationships(Collection)} (keyed by the id; several ids by the
 * smallest). Counts, degrees, scans and samples are migration tooling reads and always go to the
 * primary, as do {@link #queryNames()} and {@link #capabilities()}. On the secondary, ids are translated
 * with the {@link RecordMapper} ({@code nodeId}, {@code relationshipId}); the answer is the secondary's
 * own (the mapper has no inverse), and a read of several ids is keyed by the ids the caller gave.
 *
 * <p><b>Routing.</b> A read with key {@code k} goes to the secondary when {@code
 * RoutingHash.salted(salt).bucket(k) < share} (see {@link RoutingHash} for the exact, pinned algorithm),
 * so raising the share only adds keys. A read without a key is decided at random from a seeded
 * generator. The decision reads one volatile reference and hashes the key; it allocates nothing ({@link
 * #route(CharSequence)}).
 *
 * <p><b>Fallback.</b> When the routed side fails, the other side is asked and the fallback counted and
 * reported ({@link FallbackUsedEvent}). From the secondary to the primary on any failure by default;
 * from the primary to the secondary on {@link Retryable} failures by default, and never while rolled
 * back. When both fail, the caller gets the primary's exception with the secondary's attached as
 * suppressed.
 *
 * <p><b>The lever.</b> {@link #rollback(String)}, {@link #share(int)}, {@link #pause()}, {@link
 * #resume()}, the JMX MBean ({@link #registerMBean(MBeanServer)}), and a {@link CutoverControlStore}
 * that makes every application instance follow the same lever.
 *
 * <p>Closing the router stops its ticking, unregisters its MBean and releases the threads it created;
 * it does not close the primary or the secondary, which the caller opened and may still use (the
 * secondary typically outlives the migration).
 *
 * <p>Thread-safe.
 */
public final class GradualCutoverRouter extends ForwardingGraphDatabase {
  /*
   * Design (concurrency).
   *
   * Routing state: one AtomicReference to an immutable CutoverState. A read takes one volatile read of
   * it, so a change (a rollback, a step) takes effect for every read that starts after the change;
   * reads already in flight finish on the side they chose. Nothing on the read path blocks or
   * allocates to decide.
   *
   * Changes: every change except the local half of a rollback runs under `lock` (a ReentrantLock) as
   * read-change-compare-and-set against the control store (a private in-memory store by default), then
   * adopts the stored state locally. The store is the source of truth: other instances' changes are
   * adopted at each poll. A rollback is different, because it must take effect at once even when the
   * store is slow or down: it records a pending rollback, flips the local reference with a CAS loop (no
   * lock), and then writes the rollback to the store if the lock is free, else the lock holder does
   * before it releases the lock, else the next tick. While a rollback is pending, no state that is not
   * rolled back is adopted locally, so a rollback always wins over a concurrent advance.
   *
   * Ticks (a scheduler at tickInterval, or tick() calls) run under the lock: poll the store when due,
   * close health slices and judge them, advance the schedule when a step's hold has passed. Health
   * recording is lock-free (see HealthRecorder); a window is eventually consistent by the reads in
   * flight at its rotation.
   *
   * Bounded: the health window holds a fixed number of fixed-size histograms; the store is polled, not
   * subscribed to; nothing queues per read.
   */

  /** Default name: {@code cutover}. */
  public static final String DEFAULT_NAME = "cutover";
  /** Default salt of the routing hash: {@code graphshift-cutover}. */
  public static final String DEFAULT_SALT = "graphshift-cutover";
  /** Default interval of the router's own ticks: 1 second. */
  public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofSeconds(1);
  /** Default interval between reads of the control store: 5 seconds. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
  /** Default seed of the random decisions for reads without a key. */
  public static final long DEFAULT_SEED = 0x6772_6170_6873_6866L;
  /** Default share of a router without a schedule: 0 (every read to the primary). */
  public static final int DEFAULT_INITIAL_SHARE = 0;
  /** The JMX domain of the MBean. */
  public static final String JMX_DOMAIN = "dev.graphshift";

  private static final Logger log = LoggerFactory.getLogger(GradualCutoverRouter.class);
  private static final int MAX_CAS_ATTEMPTS = 16;
  private static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;

  private final GradualCutoverRouterConfig config;
  private final GraphDatabase primary;
  private final GraphDatabase secondary;
  private final RoutingHash hash;
  private final RecordMapper mapper;
  private final boolean identityMapper;
  private final RoutingKeyExtractor keyExtractor;
  private final Clock clock;
  private final LongSupplier ticker;
  private final @Nullable CutoverSchedule schedule;
  private final CutoverControlStore store;
  private final List<CutoverListener> listeners;
  private final AtomicReference<CutoverState> state;
  private final AtomicReference<@Nullable PendingRollback> pendingRollback = new AtomicReference<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong random;

  // guarded by lock
  private final HealthRecorder health;
  private boolean joined;
  private Instant nextPollAt;
  private @Nullable MBeanServer mbeanServer;
  private @Nullable ObjectName mbeanName;

  private final @Nullable ScheduledExecutorService ownScheduler;
  private final @Nullable ScheduledFuture<?> ticking;
  private volatile boolean closed;
  private volatile @Nullable HealthWindow lastHealth;

  private final LongAdder routedToPrimary = new LongAdder();
  private final LongAdder routedToSecondary = new LongAdder();
  private final LongAdder randomDecisions = new LongAdder();
  private final LongAdder primaryFailures = new LongAdder();
  private final LongAdder secondaryFailures = new LongAdder();
  private final LongAdder fallbacksToPrimary = new LongAdder();
  private final LongAdder fallbacksToSecondary = new LongAdder();
  private final LongAdder fallbacksFailed = new LongAdder();
  private final AtomicLong advances = new AtomicLong();
  private final AtomicLong rollbacks = new AtomicLong();
  private final AtomicLong healthChecks = new AtomicLong();
  private final AtomicLong controlStoreFailures = new AtomicLong();
  private final AtomicLong listenerFailures = new AtomicLong();

  private record PendingRollback(CutoverTrigger trigger, String reason) {}

  private GradualCutoverRouter(Builder b, GradualCutoverRouterConfig config) {
    super(b.primary);
    this.config = config;
    this.primary = b.primary;
    this.secondary = b.secondary;
    this.hash = RoutingHash.salted(config.salt());
    this.mapper = config.mapper();
    this.identityMapper = mapper == RecordMapper.identity();
    this.keyExtractor = config.keyExtractor();
    this.clock = config.clock();
    this.ticker = config.ticker();
    this.schedule = config.schedule().orElse(null);
    this.store = config.controlStore().orElseGet(InMemoryCutoverControlStore::new);
    this.listeners = config.listeners();
    this.random = new AtomicLong(config.seed());
    Instant now = clock.instant();
    this.health = new HealthRecorder(config.healthGate(), now);
    this.state = new AtomicReference<>(new CutoverState(0, 0, CutoverPhase.PAUSED, schedule == null ? -1 : 0, now, now,
        config.instanceId(), "not yet joined to the control store"));
    this.nextPollAt = now.plus(config.pollInterval());
    lock.lock();
    try {
      poll(now);
    } finally {
      lock.unlock();
    }
    if (config.tickInterval().isZero()) {
      this.ownScheduler = null;
      this.ticking = null;
    } else {
      ScheduledExecutorService scheduler = config.scheduler().orElse(null);
      if (scheduler == null) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "graphshift-cutover-" + config.name());
          t.setDaemon(true);
          return t;
        });
        this.ownScheduler = scheduler;
      } else {
        this.ownScheduler = null;
      }
      long every = config.tickInterval().toNanos();
      this.ticking = scheduler.scheduleWithFixedDelay(this::tickSafely, every, every, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * A builder for a router in front of a primary (which takes every write and the reads not routed)
   * and a secondary (which answers only the reads routed to it).
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(GraphDatabase primary, GraphDatabase secondary) {
    return new Builder(primary, secondary);
  }

  /**
   * The JMX name of a router's MBean: {@code dev.graphshift:type=Cutover,name=<name>}, with the name
   * quoted ({@link ObjectName#quote(String)}) when it holds a character a plain value cannot ({@code
   * , = : " * ? \n}).
   */
  public static ObjectName objectName(String routerName) {
    requireNonNull(routerName, "routerName");
    boolean plain = routerName.chars().noneMatch(c -> ",=:\"*?\n".indexOf(c) >= 0) && !routerName.isEmpty();
    try {
      return new ObjectName(JMX_DOMAIN + ":type=Cutover,name=" + (plain ? routerName : ObjectName.quote(routerName)));
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException("no JMX name can be made of router name '" + routerName + "'", e);
    }
  }

  /** The settings. */
  public GradualCutoverRouterConfig config() {
    return config;
  }

  /** The cutover state in force on this instance. */
  public CutoverState state() {
    return state.get();
  }

  // ------------------------------------------------------------------------------------ routing

  /**
   * The side a read with this routing key goes to now. Allocation-free.
   *
   * @throws NullPointerException if key is null
   */
  public Side route(CharSequence key) {
    int share = state.get().shareBasisPoints();
    return hash.within(key, share) ? Side.SECONDARY : Side.PRIMARY;
  }

  private Side decide(@Nullable String key) {
    int share = state.get().shareBasisPoints();
    if (key != null) {
      return hash.within(key, share) ? Side.SECONDARY : Side.PRIMARY;
    }
    randomDecisions.increment();
    if (share <= 0) {
      return Side.PRIMARY;
    }
    long z = random.addAndGet(GOLDEN_GAMMA);
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    z ^= z >>> 31;
    int bucket = (int) (((z >>> 32) * RoutingHash.BUCKETS) >>> 32);
    return bucket < share ? Side.SECONDARY : Side.PRIMARY;
  }

  private <T> T read(String read, @Nullable String key, Supplier<T> onPrimary, Supplier<T> onSecondary) {
    if (decide(key) == Side.SECONDARY) {
      routedToSecondary.increment();
      try {
        return call(Side.SECONDARY, onSecondary);
      } catch (RuntimeException failure) {
        if (!config.fallbackToPrimaryWhen().test(failure)) {
          throw failure;
        }
        fallbacksToPrimary.increment();
        try {
          T answer = call(Side.PRIMARY, onPrimary);
          fallbackUsed(read, key, Side.SECONDARY, failure, true);
          return answer;
        } catch (RuntimeException primaryFailure) {
          fallbacksFailed.increment();
          fallbackUsed(read, key, Side.SECONDARY, failure, false);
          primaryFailure.addSuppressed(failure);
          throw primaryFailure;
        }
      }
    }
    routedToPrimary.increment();
    try {
      return call(Side.PRIMARY, onPrimary);
    } catch (RuntimeException failure) {
      if (state.get().rolledBack() || !config.fallbackToSecondaryWhen().test(failure)) {
        throw failure;
      }
      fallbacksToSecondary.increment();
      try {
        T answer = call(Side.SECONDARY, onSecondary);
        fallbackUsed(read, key, Side.PRIMARY, failure, true);
        return answer;
      } catch (RuntimeException secondaryFailure) {
        fallbacksFailed.increment();
        fallbackUsed(read, key, Side.PRIMARY, failure, false);
        failure.addSuppressed(secondaryFailure);
        throw failure;
      }
    }
  }

  private <T> T call(Side side, Supplier<T> call) {
    HealthRecorder.Slice slice = health.current();
    long start = ticker.getAsLong();
    try {
      T answer = call.get();
      long nanos = ticker.getAsLong() - start;
      if (side == Side.PRIMARY) {
        slice.primarySucceeded(nanos);
      } else {
        slice.secondarySucceeded(nanos);
      }
      return answer;
    } catch (RuntimeException e) {
      if (side == Side.PRIMARY) {
        primaryFailures.increment();
        slice.primaryFailed();
      } else {
        secondaryFailures.increment();
        slice.secondaryFailed();
      }
      throw e;
    }
  }

  private void fallbackUsed(String read, @Nullable String key, Side from, RuntimeException failure, boolean served) {
    long n = from == Side.SECONDARY ? fallbacksToPrimary.sum() : fallbacksToSecondary.sum();
    if (Long.bitCount(n) == 1) {
      log.warn("graphshift.cutover.fallback_used name={} read={} key={} from={} to={} served={} count={} error={}",
          config.name(), read, key, from, from.other(), served, n, failure.toString());
    } else {
      log.debug("graphshift.cutover.fallback_used name={} read={} key={} from={} to={} served={} count={} error={}",
          config.name(), read, key, from, from.other(), served, n, failure.toString());
    }
    if (!listeners.isEmpty()) {
      FallbackUsedEvent e = new FallbackUsedEvent(config.name(), clock.instant(), read, Optional.ofNullable(key), from,
          from.other(), failure.toString(), served);
      for (CutoverListener l : listeners) {
        try {
          l.onFallbackUsed(e);
        } catch (RuntimeException ex) {
          listenerFailed(l, "onFallbackUsed", ex);
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------ routed reads

  @Override
  public QueryResult query(String name, Map<String, Object> parameters) {
    requireNonNull(name, "name");
    requireNonNull(parameters, "parameters");
    String key = keyExtractor.key(name, parameters).orElse(null);
    return read("query:" + name, key, () -> primary.query(name, parameters), () -> secondary.query(name, parameters));
  }

  @Override
  public Optional<Node> getNode(String id) {
    requireNonNull(id, "id");
    return read("getNode", id, () -> primary.getNode(id), () -> secondary.getNode(mapper.nodeId(id)));
  }

  @Override
  public Map<String, Node> getNodes(Collection<String> ids) {
    List<String> given = List.copyOf(ids);
    if (given.isEmpty()) {
      return primary.getNodes(given);
    }
    return read("getNodes", RoutingKeys.smallest(given), () -> primary.getNodes(given),
        () -> rekey(given, mapper::nodeId, secondary::getNodes));
  }

  @Override
  public Optional<Relationship> getRelationship(String id) {
    requireNonNull(id, "id");
    return read("getRelationship", id, () -> primary.getRelationship(id),
        () -> secondary.getRelationship(mapper.relationshipId(id)));
  }

  @Override
  public Map<String, Relationship> getRelationships(Collection<String> ids) {
    List<String> given = List.copyOf(ids);
    if (given.isEmpty()) {
      return primary.getRelationships(given);
    }
    return read("getRelationships", RoutingKeys.smallest(given), () -> primary.getRelationships(given),
        () -> rekey(given, mapper::relationshipId, secondary::getRelationships));
  }

  /** Reads the secondary under mapped ids and keys the answer by the ids the caller gave. */
  private <R> Map<String, R> rekey(List<String> given, UnaryOperator<String> toSecondary,
      Function<Collection<String>, Map<String, R>> readSecondary) {
    if (identityMapper) {
      return readSecondary.apply(given);
    }
    Map<String, String> back = new LinkedHashMap<>();
    for (String id : given) {
      back.put(toSecondary.apply(id), id);
    }
    Map<String, R> found = readSecondary.apply(new ArrayList<>(back.keySet()));
    Map<String, R> keyed = new LinkedHashMap<>();
    for (Map.Entry<String, R> e : found.entrySet()) {
      keyed.put(back.getOrDefault(e.getKey(), e.getKey()), e.getValue());
    }
    return keyed;
  }

  // ------------------------------------------------------------------------------------ the lever

  /**
   * Returns every read to the primary at once and stops the schedule, for an operator.
   *
   * @see #rollback(String)
   */
  public void rollback() {
    rollback("rolled back by operator");
  }

  /**
   * Returns every read to the primary at once (share 0, no fallback to the secondary) and stops the
   * schedule; it stays rolled back until {@link #resume()} or {@link #share(int)}. The local flip
   * happens before this method touches the control store, so it takes effect even when the store is
   * down; the store is then updated (now, or at the next tick if it cannot be reached) and every other
   * instance follows at its next poll.
   *
   * @throws NullPointerException if reason is null
   */
  public void rollback(String reason) {
    requireNonNull(reason, "reason");
    rollback(CutoverTrigger.OPERATOR, reason);
  }

  private void rollback(CutoverTrigger trigger, String reason) {
    pendingRollback.set(new PendingRollback(trigger, reason));
    Instant now = clock.instant();
    while (true) {
      CutoverState current = state.get();
      if (current.rolledBack()) {
        break;
      }
      CutoverState flipped = new CutoverState(current.version(), 0, CutoverPhase.ROLLED_BACK, current.step(),
          current.stepStartedAt(), now, config.instanceId(), reason);
      if (state.compareAndSet(current, flipped)) {
        transitioned(current, flipped, trigger);
        break;
      }
    }
    if (lock.tryLock()) {
      try {
        pushRollback();
      } finally {
        unlock();
      }
    }
  }

  /**
   * Sets the share by hand, in basis points, and pauses the schedule (an operator has taken the
   * lever); from a rolled-back state this is how reads are sent to the secondary again without the
   * schedule.
   *
   * @throws IllegalArgumentException if the share is outside 0..10 000
   * @throws CutoverControlStoreException if the control store cannot record it
   */
  public CutoverState share(int basisPoints) {
    CutoverState.checkShare(basisPoints);
    return update(CutoverTrigger.OPERATOR, (base, now) -> base.shareBasisPoints() == basisPoints
        && base.phase() == CutoverPhase.PAUSED
        ? base
        : base.next(basisPoints, CutoverPhase.PAUSED, base.step(), base.stepStartedAt(), now, config.instanceId(),
            "share set to " + basisPoints + "bp by operator"));
  }

  /**
   * Pauses the schedule; the share stays. A no-op unless the schedule is running.
   *
   * @throws CutoverControlStoreException if the control store cannot record it
   */
  public CutoverState pause() {
    return update(CutoverTrigger.OPERATOR, (base, now) -> base.phase() != CutoverPhase.RUNNING
        ? base
        : base.next(base.shareBasisPoints(), CutoverPhase.PAUSED, base.step(), base.stepStartedAt(), now,
            config.instanceId(), "paused by operator"));
  }

  /**
   * Resumes the schedule after a pause, a share set by hand or a rollback: the share returns to the
   * step where the schedule stopped, and that step's hold starts again. The health window starts
   * afresh. A no-op while running.
   *
   * @throws IllegalStateException if the router has no schedule (set a share instead)
   * @throws CutoverControlStoreException if the control store cannot record it
   */
  public CutoverState resume() {
    CutoverSchedule s = schedule;
    if (s == null) {
      throw new IllegalStateException("router '" + config.name() + "' has no schedule to resume; set a share instead");
    }
    return update(CutoverTrigger.OPERATOR, (base, now) -> {
      if (base.phase() == CutoverPhase.RUNNING) {
        return base;
      }
      int step = Math.min(Math.max(base.step(), 0), s.lastIndex());
      return base.next(s.step(step).basisPoints(), CutoverPhase.RUNNING, step, now, now, config.instanceId(),
          "resumed by operator at step " + (step + 1) + " of " + s.steps().size());
    });
  }

  /** A change of state computed from the stored state and the time. */
  @FunctionalInterface
  private interface Change {
    CutoverState apply(CutoverState base, Instant now);
  }

  private CutoverState update(CutoverTrigger trigger, Change change) {
    lock.lock();
    try {
      pushRollback();
      for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
        Instant now = clock.instant();
        CutoverState base = readStore().orElseGet(() -> state.get().withVersion(0));
        CutoverState next = change.apply(base, now);
        if (next == base) {
          adopt(base, CutoverTrigger.CONTROL_STORE);
          return state.get();
        }
        if (writeStore(base.version(), next)) {
          adopt(next, trigger);
          return state.get();
        }
      }
      throw new CutoverControlStoreException(store.toString(), "the state of router '" + config.name() + "' changed "
          + MAX_CAS_ATTEMPTS + " times during one update; try again", null);
    } finally {
      unlock();
    }
  }

  private Optional<CutoverState> readStore() {
    try {
      return store.read(config.name());
    } catch (RuntimeException e) {
      controlStoreFailures.incrementAndGet();
      log.warn("graphshift.cutover.store_failed name={} op=read store={} error={}", config.name(), store, e.toString());
      throw e;
    }
  }

  private boolean writeStore(long expected, CutoverState next) {
    try {
      return store.compareAndSet(config.name(), expected, next);
    } catch (RuntimeException e) {
      controlStoreFailures.incrementAndGet();
      log.warn("graphshift.cutover.store_failed name={} op=write store={} error={}", config.name(), store, e.toString());
      throw e;
    }
  }

  /** Writes a pending rollback to the store; under the lock. Failures are logged and counted (in read/write). */
  private void pushRollback() {
    PendingRollback pending = pendingRollback.get();
    if (pending == null) {
      return;
    }
    try {
      for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
        CutoverState base = readStore().orElseGet(() -> state.get().withVersion(0));
        if (base.rolledBack()) {
          pendingRollback.compareAndSet(pending, null);
          adopt(base, CutoverTrigger.CONTROL_STORE);
          return;
        }
        CutoverState next = base.next(0, CutoverPhase.ROLLED_BACK, base.step(), base.stepStartedAt(),
            clock.instant(), config.instanceId(), pending.reason());
        if (writeStore(base.version(), next)) {
          pendingRollback.compareAndSet(pending, null);
          adopt(next, pending.trigger());
          return;
        }
      }
      log.warn("graphshift.cutover.rollback_pending name={} reason=store kept changing; retrying at the next tick",
          config.name());
    } catch (RuntimeException e) {
      // readStore() and writeStore() have logged and counted it
      log.warn("graphshift.cutover.rollback_pending name={} reason=store unreachable; retrying at the next tick error={}",
          config.name(), e.toString());
    }
  }

  /** Adopts a stored state locally, unless a rollback is pending and the state is not rolled back. */
  private void adopt(CutoverState next, CutoverTrigger trigger) {
    while (true) {
      if (pendingRollback.get() != null && !next.rolledBack()) {
        return;
      }
      CutoverState current = state.get();
      if (current.equals(next)) {
        return;
      }
      if (state.compareAndSet(current, next)) {
        transitioned(current, next, trigger);
        return;
      }
    }
  }

  private void unlock() {
    lock.unlock();
    // a rollback that found the lock taken relies on the holder (or the next tick) to store it
    if (pendingRollback.get() != null && !closed && lock.tryLock()) {
      try {
        pushRollback();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Logs, counts and publishes a change of the local state. */
  private void transitioned(CutoverState prev, CutoverState next, CutoverTrigger trigger) {
    String name = config.name();
    Instant at = next.changedAt();
    if (next.rolledBack()) {
      if (prev.rolledBack()) {
        return;
      }
      rollbacks.incrementAndGet();
      log.warn("graphshift.cutover.rolled_back name={} from_bp={} trigger={} by={} reason={}",
          name, prev.shareBasisPoints(), trigger, next.changedBy(), next.reason());
      publish(l -> l.onRolledBack(new CutoverRolledBackEvent(name, at, prev.shareBasisPoints(), trigger, next.reason())),
          "onRolledBack");
      return;
    }
    if (prev.rolledBack() && lock.isHeldByCurrentThread()) {
      health.reset(clock.instant());
    }
    boolean shareChanged = prev.shareBasisPoints() != next.shareBasisPoints();
    if (next.phase() == CutoverPhase.RUNNING && prev.phase() == CutoverPhase.RUNNING && next.step() > prev.step()) {
      if (trigger == CutoverTrigger.SCHEDULE) {
        advances.incrementAndGet();
      }
      log.info("graphshift.cutover.advanced name={} from_bp={} to_bp={} step={} trigger={} by={}",
          name, prev.shareBasisPoints(), next.shareBasisPoints(), next.step(), trigger, next.changedBy());
      publish(l -> l.onAdvanced(new CutoverAdvancedEvent(name, at, prev.shareBasisPoints(), next.shareBasisPoints(),
          next.step(), trigger)), "onAdvanced");
    } else if (next.phase() == CutoverPhase.RUNNING && prev.phase() != CutoverPhase.RUNNING) {
      log.info("graphshift.cutover.resumed name={} to_bp={} step={} trigger={} by={}",
          name, next.shareBasisPoints(), next.step(), trigger, next.changedBy());
      publish(l -> l.onResumed(new CutoverResumedEvent(name, at, next.shareBasisPoints(), next.step(), trigger)),
          "onResumed");
    } else if (next.phase() == CutoverPhase.PAUSED && prev.phase() == CutoverPhase.RUNNING && !shareChanged) {
      log.info("graphshift.cutover.paused name={} share_bp={} trigger={} by={}",
          name, next.shareBasisPoints(), trigger, next.changedBy());
      publish(l -> l.onPaused(new CutoverPausedEvent(name, at, next.shareBasisPoints(), trigger)), "onPaused");
    } else if (shareChanged || prev.phase() != next.phase()) {
      log.info("graphshift.cutover.share_changed name={} from_bp={} to_bp={} trigger={} by={} reason={}",
          name, prev.shareBasisPoints(), next.shareBasisPoints(), trigger, next.changedBy(), next.reason());
      publish(l -> l.onShareChanged(new CutoverShareChangedEvent(name, at, prev.shareBasisPoints(),
          next.shareBasisPoints(), trigger)), "onShareChanged");
    }
  }

  private void publish(java.util.function.Consumer<CutoverListener> delivery, String method) {
    for (CutoverListener l : listeners) {
      try {
        delivery.accept(l);
      } catch (RuntimeException e) {
        listenerFailed(l, method, e);
      }
    }
  }

  private void listenerFailed(CutoverListener l, String method, RuntimeException e) {
    listenerFailures.incrementAndGet();
    log.warn("graphshift.cutover.listener_failed name={} listener={} method={} error={}",
        config.name(), l.getClass().getName(), method, e.toString(), e);
  }

  // ------------------------------------------------------------------------------------ time

  /**
   * Does what is due now on the router's clock: reads the control store (every poll interval), closes
   * and judges health slices (rolling back if a gate trips), and advances the schedule when the step's
   * hold has passed. The router calls it every tick interval on its own; with a tick interval of zero,
   * the application (or a test, with an injected clock) calls it. Failures of the control store are
   * logged and counted, never thrown.
   */
  public void tick() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      Instant now = clock.instant();
      pushRollback();
      if (!joined || !now.isBefore(nextPollAt)) {
        nextPollAt = now.plus(config.pollInterval());
        poll(now);
      }
      for (HealthWindow window : health.rotate(now)) {
        judge(window);
      }
      advanceIfDue(now);
    } finally {
      unlock();
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      controlStoreFailures.incrementAndGet();
      log.error("graphshift.cutover.tick_failed name={} error={}", config.name(), e.toString(), e);
    }
  }

  /** Follows the store; initializes it when empty; under the lock. */
  private void poll(Instant now) {
    try {
      Optional<CutoverState> stored = readStore();
      if (stored.isEmpty()) {
        CutoverState initial = initialState(now);
        if (!writeStore(0, initial)) {
          stored = readStore();
        } else {
          stored = Optional.of(initial);
        }
      }
      if (stored.isEmpty()) {
        return;
      }
      CutoverState remote = stored.get();
      if (!joined) {
        joined = true;
        if (pendingRollback.get() == null || remote.rolledBack()) {
          state.set(remote);
        }
        log.info("graphshift.cutover.joined name={} instance={} store={} {}",
            config.name(), config.instanceId(), store, remote.describe());
        return;
      }
      if (remote.version() != state.get().version() || remote.rolledBack() != state.get().rolledBack()) {
        adopt(remote, CutoverTrigger.CONTROL_STORE);
      }
    } catch (RuntimeException e) {
      // readStore() and writeStore() have logged and counted it; keep routing by the state last known
      log.debug("graphshift.cutover.poll_skipped name={} error={}", config.name(), e.toString());
    }
  }

  private CutoverState initialState(Instant now) {
    if (schedule != null) {
      return new CutoverState(1, schedule.step(0).basisPoints(), CutoverPhase.RUNNING, 0, now, now,
          config.instanceId(), "schedule started: " + schedule);
    }
    return new CutoverState(1, config.initialShareBasisPoints(), CutoverPhase.PAUSED, -1, now, now,
        config.instanceId(), "initial share, no schedule");
  }

  private void judge(HealthWindow window) {
    healthChecks.incrementAndGet();
    lastHealth = window;
    CutoverState s = state.get();
    boolean act = config.healthGate().enabled() && window.verdict().tripped() && !s.rolledBack()
        && s.shareBasisPoints() > 0;
    log.debug("graphshift.cutover.health_checked name={} verdict={} acted={} reason={}",
        config.name(), window.verdict(), act, window.reason());
    if (!listeners.isEmpty()) {
      HealthCheckedEvent e = new HealthCheckedEvent(config.name(), clock.instant(), window, act);
      publish(l -> l.onHealthChecked(e), "onHealthChecked");
    }
    if (act) {
      log.warn("graphshift.cutover.health_tripped name={} share_bp={} verdict={} reason={}",
          config.name(), s.shareBasisPoints(), window.verdict(), window.reason());
      rollback(CutoverTrigger.HEALTH_GATE, "health gate " + window.verdict() + ": " + window.reason());
    }
  }

  private void advanceIfDue(Instant now) {
    CutoverSchedule s = schedule;
    CutoverState current = state.get();
    if (s == null || current.phase() != CutoverPhase.RUNNING || current.step() < 0 || current.step() >= s.lastIndex()) {
      return;
    }
    Duration hold = s.step(current.step()).hold().orElseThrow();
    if (now.isBefore(current.stepStartedAt().plus(hold))) {
      return;
    }
    int from = current.step();
    try {
      update(CutoverTrigger.SCHEDULE, (base, at) -> base.phase() != CutoverPhase.RUNNING || base.step() != from
          ? base
          : base.next(s.step(from + 1).basisPoints(), CutoverPhase.RUNNING, from + 1, at, at, config.instanceId(),
              "schedule: step " + (from + 2) + " of " + s.steps().size() + " after holding "
                  + s.step(from).basisPoints() + "bp for " + hold));
    } catch (RuntimeException e) {
      // readStore() and writeStore() have logged and counted a store failure
      log.warn("graphshift.cutover.advance_deferred name={} step={} error={}", config.name(), from, e.toString());
    }
  }

  // ------------------------------------------------------------------------------------ metrics, JMX

  /** A snapshot of the counters and gauges. */
  public CutoverMetrics metrics() {
    HealthWindow last = lastHealth;
    return new CutoverMetrics(config.name(), state.get(), routedToPrimary.sum(), routedToSecondary.sum(),
        randomDecisions.sum(), primaryFailures.sum(), secondaryFailures.sum(), fallbacksToPrimary.sum(),
        fallbacksToSecondary.sum(), fallbacksFailed.sum(), advances.get(), rollbacks.get(), healthChecks.get(),
        controlStoreFailures.get(), listenerFailures.get(), Optional.ofNullable(last));
  }

  /**
   * Registers this router's {@link CutoverControlMBean} under {@link #objectName(String)}; it is
   * unregistered when the router closes.
   *
   * @return the name it was registered under
   * @throws IllegalStateException if this router registered an MBean already, or another MBean holds
   *     the name
   * @throws ConfigurationException if the server refuses the MBean
   */
  public ObjectName registerMBean(MBeanServer server) {
    requireNonNull(server, "server");
    ObjectName name = objectName(config.name());
    lock.lock();
    try {
      if (mbeanName != null) {
        throw new IllegalStateException("router '" + config.name() + "' registered its MBean already as " + mbeanName);
      }
      server.registerMBean(new StandardMBean(new CutoverControl(this), CutoverControlMBean.class), name);
      mbeanServer = server;
      mbeanName = name;
      log.info("graphshift.cutover.mbean_registered name={} object_name={}", config.name(), name);
      return name;
    } catch (InstanceAlreadyExistsException e) {
      throw new IllegalStateException("another MBean is registered as " + name + "; give each router its own name", e);
    } catch (JMException e) {
      throw new ConfigurationException(config.name(), "cannot register the MBean " + name + ": " + e, e);
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------------------------ pass-through

  /** This coordinator's name (not the primary's). */
  @Override
  public String name() {
    return config.name();
  }

  /**
   * Stops ticking, unregisters the MBean and releases the threads this router created; idempotent. The
   * primary and the secondary stay open.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (ticking != null) {
        ticking.cancel(false);
      }
      if (ownScheduler != null) {
        ownScheduler.shutdownNow();
      }
      if (mbeanServer != null && mbeanName != null) {
        try {
          mbeanServer.unregisterMBean(mbeanName);
        } catch (JMException e) {
          log.warn("graphshift.cutover.mbean_unregister_failed name={} object_name={} error={}",
              config.name(), mbeanName, e.toString());
        }
        mbeanName = null;
      }
    } finally {
      lock.unlock();
    }
    if (pendingRollback.get() != null) {
      log.warn("graphshift.cutover.closed_with_pending_rollback name={}: the control store never accepted the rollback",
          config.name());
    }
  }

  @Override
  public String toString() {
    return "GradualCutoverRouter[" + config.name() + ", " + state.get().describe() + "]";
  }

  /**
   * Builds a {@link GradualCutoverRouter}. Defaults: name {@value #DEFAULT_NAME}, no schedule (share
   * {@value #DEFAULT_INITIAL_SHARE}, set by hand), default health gates, the key extractor {@link
   * RoutingKeyExtractor#nameAndParameters()}, the identity mapper, a tick every second on a daemon
   * thread of the router's own, a private in-memory control store polled every 5 seconds, the system
   * clock.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final GraphDatabase primary;
    private final GraphDatabase secondary;
    private String name = DEFAULT_NAME;
    private String salt = DEFAULT_SALT;
    private RoutingKeyExtractor keyExtractor = RoutingKeyExtractor.nameAndParameters();
    private RecordMapper mapper = RecordMapper.identity();
    private @Nullable CutoverSchedule schedule;
    private @Nullable Integer initialShare;
    private HealthGate healthGate = HealthGate.defaults();
    private Duration tickInterval = DEFAULT_TICK_INTERVAL;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private @Nullable CutoverControlStore controlStore;
    private String instanceId = "pid-" + ProcessHandle.current().pid();
    private long seed = DEFAULT_SEED;
    private Clock clock = Clock.systemUTC();
    private LongSupplier ticker = System::nanoTime;
    private @Nullable ScheduledExecutorService scheduler;
    private Predicate<RuntimeException> fallbackToPrimaryWhen = e -> true;
    private Predicate<RuntimeException> fallbackToSecondaryWhen = Retryable::isRetryable;
    private final List<CutoverListener> listeners = new ArrayList<>();

    private Builder(GraphDatabase primary, GraphDatabase secondary) {
      this.primary = requireNonNull(primary, "primary");
      this.secondary = requireNonNull(secondary, "secondary");
    }

    /**
     * The router's name, carried by its events, logs, metrics, MBean and control-store entry; every
     * instance of one application must use the same name to share a lever. Default {@value
     * #DEFAULT_NAME}.
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
     * The salt of the routing hash; changing it reshuffles which keys go to the secondary. Default
     * {@value #DEFAULT_SALT}.
     */
    public Builder salt(String value) {
      this.salt = requireNonNull(value, "value");
      return this;
    }

    /** How the routing key of a named read is chosen. Default {@link RoutingKeyExtractor#nameAndParameters()}. */
    public Builder keyExtractor(RoutingKeyExtractor value) {
      this.keyExtractor = requireNonNull(value, "value");
      return this;
    }

    /** Translates ids for the secondary ({@code nodeId}, {@code relationshipId}). Default identity. */
    public Builder mapper(RecordMapper value) {
      this.mapper = requireNonNull(value, "value");
      return this;
    }

    /**
     * The schedule the router follows from its first step, as soon as it is built (when the control
     * store holds no state for this router yet; otherwise the stored state wins). Default none.
     *
     * @throws IllegalStateException if an initial share was set
     */
    public Builder schedule(CutoverSchedule value) {
      requireNonNull(value, "value");
      if (initialShare != null) {
        throw new IllegalStateException("initialShare(" + initialShare + ") was set; a schedule starts at its first step");
      }
      this.schedule = value;
      return this;
    }

    /**
     * The share a router without a schedule starts at, 0..10 000 basis points (when the control store
     * holds no state for this router yet). Default {@value #DEFAULT_INITIAL_SHARE}.
     *
     * @throws IllegalArgumentException if outside 0..10 000
     * @throws IllegalStateException if a schedule was set
     */
    public Builder initialShare(int basisPoints) {
      CutoverState.checkShare(basisPoints);
      if (schedule != null) {
        throw new IllegalStateException("schedule(" + schedule + ") was set; it starts at its first step");
      }
      this.initialShare = basisPoints;
      return this;
    }

    /** The health gates. Default {@link HealthGate#defaults()}. */
    public Builder healthGate(HealthGate value) {
      this.healthGate = requireNonNull(value, "value");
      return this;
    }

    /**
     * How often the router ticks on its own (polls, health windows, schedule). Zero means never: the
     * application or the test calls {@link #tick()}. Default 1 second.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder tickInterval(Duration value) {
      requireNonNull(value, "value");
      if (value.isNegative()) {
        throw new IllegalArgumentException("tickInterval must not be negative: " + value);
      }
      this.tickInterval = value;
      return this;
    }

    /**
     * How often the control store is read, at the next tick after the interval. Default 5 seconds.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder pollInterval(Duration value) {
      requireNonNull(value, "value");
      if (value.isNegative()) {
        throw new IllegalArgumentException("pollInterval must not be negative: " + value);
      }
      this.pollInterval = value;
      return this;
    }

    /** The store every application instance shares the lever through. Default: a private in-memory store. */
    public Builder controlStore(CutoverControlStore value) {
      this.controlStore = requireNonNull(value, "value");
      return this;
    }

    /** This instance's id, recorded with every change it makes. Default {@code pid-<process id>}. */
    public Builder instanceId(String value) {
      this.instanceId = requireNonNull(value, "value");
      return this;
    }

    /** The seed of the random decisions for reads without a key. Default {@link #DEFAULT_SEED}. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** The clock of schedules, health windows, polls and events. Default the system UTC clock. */
    public Builder clock(Clock value) {
      this.clock = requireNonNull(value, "value");
      return this;
    }

    /** The nanosecond time source of latencies. Default {@link System#nanoTime()}. */
    public Builder ticker(LongSupplier value) {
      this.ticker = requireNonNull(value, "value");
      return this;
    }

    /**
     * The scheduler that ticks the router (it is not shut down when the router closes). Default: a
     * daemon thread of the router's own.
     */
    public Builder scheduler(ScheduledExecutorService value) {
      this.scheduler = requireNonNull(value, "value");
      return this;
    }

    /** Which failures of the secondary are answered by the primary. Default: every failure. */
    public Builder fallbackToPrimaryWhen(Predicate<RuntimeException> value) {
      this.fallbackToPrimaryWhen = requireNonNull(value, "value");
      return this;
    }

    /**
     * Which failures of the primary are answered by the secondary (never while rolled back). Default:
     * {@link Retryable} failures (an outage, a timeout).
     */
    public Builder fallbackToSecondaryWhen(Predicate<RuntimeException> value) {
      this.fallbackToSecondaryWhen = requireNonNull(value, "value");
      return this;
    }

    /** Adds a listener. */
    public Builder listener(CutoverListener value) {
      listeners.add(requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the router and joins the control store: adopts the state stored for this router's name,
     * or stores the initial one (the schedule's first step, or the initial share). If the store cannot
     * be reached, the router routes every read to the primary until it can.
     */
    public GradualCutoverRouter build() {
      GradualCutoverRouterConfig config = new GradualCutoverRouterConfig(name, salt, keyExtractor, mapper,
          Optional.ofNullable(schedule), initialShare == null ? DEFAULT_INITIAL_SHARE : initialShare, healthGate,
          tickInterval, pollInterval, Optional.ofNullable(controlStore), instanceId, seed, clock, ticker,
          Optional.ofNullable(scheduler), fallbackToPrimaryWhen, fallbackToSecondaryWhen, listeners);
      return new GradualCutoverRouter(this, config);
    }
  }
}
