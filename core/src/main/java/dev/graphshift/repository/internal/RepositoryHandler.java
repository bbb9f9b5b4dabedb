package dev.graphshift.repository.internal;

import static java.util.Objects.requireNonNull;

import dev.graphshift.TransientDatabaseException;
import dev.graphshift.backfill.internal.ListenerSupport;
import dev.graphshift.cutover.RoutingHash;
import dev.graphshift.cutover.Side;
import dev.graphshift.repository.MethodKind;
import dev.graphshift.repository.ParkedWrite;
import dev.graphshift.repository.RepositoryFallbackUsedEvent;
import dev.graphshift.repository.RepositoryListener;
import dev.graphshift.repository.RepositoryMetrics;
import dev.graphshift.repository.RepositoryPolicy;
import dev.graphshift.repository.RepositoryPolicyConfig;
import dev.graphshift.repository.RepositoryReadComparedEvent;
import dev.graphshift.repository.RepositoryWriteFailedEvent;
import dev.graphshift.repository.RepositoryWriteParkedEvent;
import dev.graphshift.runbook.MigrationPhase;
import dev.graphshift.shadow.Discrepancy;
import dev.graphshift.shadow.DiscrepancyKind;
import dev.graphshift.shadow.ShadowReadCoordinator;
import dev.graphshift.shadow.ShadowReport;
import dev.graphshift.shadow.Similarity;
import dev.graphshift.shadow.internal.DiscrepancyTracker;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invocation handler behind a repository proxy.
 *
 * <p><b>Design (concurrency).</b> The caller's thread asks the policy for the phase (and, for a routed
 * read, the share) on every call, calls the authoritative bean, and hands the rest to other threads: an
 * asynchronous write goes into {@link KeyedLanes} (ordered per routing key, bounded by the capacity,
 * retried with backoff on the scheduler without blocking a thread, parked when it gives up or does not
 * fit); a sampled shadow comparison goes to the executor behind a permit ({@code maxPendingComparisons};
 * without one, or if the executor refuses, it is shed and counted). So the caller never waits for the
 * other bean, and memory stays bounded. Counters are {@link LongAdder}s, eventually consistent; the
 * comparisons' counters and examples are the shadow coordinator's {@link DiscrepancyTracker}. Writes
 * without a routing key share one lane (the empty key): ordered among themselves, not with keyed ones.
 * A comparison has no timeout of its own: a bean that hangs holds its permit, and later sampled reads
 * are shed. When the direction of the writes flips (into DECOMMISSION, or a rollback out of it), an
 * asynchronous write queued in the old direction could land after a newer synchronous write of its key
 * to the same bean; so a write first waits (bounded by the close timeout, polling its key's lane) until
 * no asynchronous write of its key is pending for the bean it is about to write. Writes of one key made
 * one after the other therefore reach each bean in order across the flip; concurrent writes of one key
 * have no order to keep.
 *
 * <p>Thread-safe.
 */
public final class RepositoryHandler implements InvocationHandler {
  private static final Logger log = LoggerFactory.getLogger(RepositoryHandler.class);
  private static final String KEYLESS = "";
  private static final long MIN_PAUSE_NANOS = 100_000;
  private static final long MAX_PAUSE_NANOS = 10_000_000;

  private final String name;
  private final Class<?> type;
  private final Object primary;
  private final Object secondary;
  private final RepositoryPolicy policy;
  private final RepositoryPolicyConfig config;
  private final Map<Method, MethodPlan> plans;
  private final Keys keys;
  private final KeyedLanes lanes;
  private final Executor executor;
  private final @Nullable ExecutorService ownExecutor;
  private final @Nullable ScheduledExecutorService ownScheduler;
  private final RoutingHash routing;
  private final RoutingHash sampling;
  private final int sampleBasisPoints;
  private final DiscrepancyTracker tracker;
  private final ListenerSupport<RepositoryListener> listeners;
  private final ConcurrentSkipListMap<Long, Parked> parked = new ConcurrentSkipListMap<>();
  private final AtomicInteger parkedCount = new AtomicInteger();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger pendingComparisons = new AtomicInteger();
  private final SplittableRandom random;
  private final LongAdder writes = new LongAdder();
  private final LongAdder asyncWrites = new LongAdder();
  private final LongAdder asyncApplied = new LongAdder();
  private final LongAdder asyncFailures = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder parkedTotal = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder reads = new LongAdder();
  private final LongAdder routedToPrimary = new LongAdder();
  private final LongAdder routedToSecondary = new LongAdder();
  private final LongAdder fallbacks = new LongAdder();
  private volatile boolean closed;
  private volatile @Nullable Object owner;

  private record Parked(ParkedWrite entry, AsyncWrite job) {}

  /**
   * A handler over two beans of {@code type}.
   *
   * @throws IllegalArgumentException if a method of the interface cannot be classified
   */
  public RepositoryHandler(Class<?> type, Object primary, Object secondary, RepositoryPolicy policy) {
    this.type = requireNonNull(type, "type");
    this.primary = requireNonNull(primary, "primary");
    this.secondary = requireNonNull(secondary, "secondary");
    this.policy = requireNonNull(policy, "policy");
    this.config = policy.config();
    this.name = config.name() + "/" + type.getSimpleName();
    this.plans = MethodPlan.classify(type, config);
    this.keys = new Keys(name);
    Executor injected = config.executor().orElse(null);
    if (injected == null) {
      AtomicInteger n = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
        Thread t = new Thread(r, "graphshift-repository-" + name + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      this.ownExecutor = pool;
      this.executor = pool;
    } else {
      this.ownExecutor = null;
      this.executor = injected;
    }
    ScheduledExecutorService scheduler = config.scheduler().orElse(null);
    if (scheduler == null) {
      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "graphshift-repository-" + name + "-retry");
        t.setDaemon(true);
        return t;
      });
      this.ownScheduler = scheduler;
    } else {
      this.ownScheduler = null;
    }
    this.lanes = new KeyedLanes(name, executor, scheduler, config.capacity());
    this.routing = RoutingHash.salted(config.salt());
    this.sampling = RoutingHash.salted(config.salt() + "/sample");
    this.sampleBasisPoints = (int) Math.round(config.sampleRate() * RoutingHash.BUCKETS);
    this.tracker = new DiscrepancyTracker(config.examples(), config.seed());
    this.random = new SplittableRandom(config.seed());
    this.listeners = new ListenerSupport<>(name, "graphshift.repository", config.listeners(), log);
  }

  /** The proxy's name: the policy's name and the interface's simple name. */
  public String name() {
    return name;
  }

  /** The object that owns this handler (the public face of the proxy), once bound. */
  public Optional<Object> owner() {
    return Optional.ofNullable(owner);
  }

  /** Binds the owner; once. */
  public void bind(Object value) {
    if (owner != null) {
      throw new IllegalStateException("handler of " + name + " is bound already");
    }
    this.owner = requireNonNull(value, "owner");
  }

  /** How each method was classified, by description. */
  public Map<String, MethodKind> classification() {
    Map<String, MethodKind> m = new TreeMap<>();
    plans.values().forEach(p -> m.put(p.description(), p.kind()));
    return m;
  }

  // ------------------------------------------------------------------------------------ dispatch

  @Override
  public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return objectMethod(proxy, method, args);
    }
    if (method.isDefault()) {
      return InvocationHandler.invokeDefault(proxy, method, args);
    }
    MethodPlan plan = plans.get(method);
    if (plan == null) {
      throw new IllegalStateException(name + " has no plan for " + method + " (not a method of " + type.getName() + ")");
    }
    MigrationPhase phase = policy.phase();
    return switch (plan.kind()) {
      case WRITE -> write(plan, args, phase);
      case READ -> read(plan, args, phase);
      case AUTHORITATIVE_ONLY -> call(phase.newDatabaseIsPrimary() ? secondary : primary, plan, args);
    };
  }

  private Object objectMethod(Object proxy, Method method, @Nullable Object @Nullable [] args) {
    return switch (method.getName()) {
      case "equals" -> args != null && args.length == 1 && args[0] == proxy;
      case "hashCode" -> System.identityHashCode(proxy);
      default -> "GraphShift " + type.getSimpleName() + "[" + name + ", primary=" + primary.getClass().getName()
          + ", secondary=" + secondary.getClass().getName() + "]";
    };
  }

  private static @Nullable Object call(Object bean, MethodPlan plan, @Nullable Object @Nullable [] args)
      throws Throwable {
    try {
      return plan.method().invoke(bean, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() != null ? e.getCause() : e;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + plan.description() + " on " + bean.getClass().getName(), e);
    }
  }

  // ------------------------------------------------------------------------------------ writes

  private @Nullable Object write(MethodPlan plan, @Nullable Object @Nullable [] args, MigrationPhase phase)
      throws Throwable {
    boolean newFirst = phase.newDatabaseIsPrimary();
    Side authoritative = newFirst ? Side.SECONDARY : Side.PRIMARY;
    boolean asyncToo = newFirst ? phase == MigrationPhase.DECOMMISSION && config.reverseWrites()
        : phase.dualWritesForward();
    String key = asyncToo || lanes.pending() > 0 ? laneKey(plan, args) : KEYLESS;
    awaitEarlierDirection(plan, key, authoritative);
    Object result = call(newFirst ? secondary : primary, plan, args);
    writes.increment();
    if (asyncToo) {
      async(plan, args, key, newFirst ? Side.PRIMARY : Side.SECONDARY);
    }
    return result;
  }

  private String laneKey(MethodPlan plan, @Nullable Object @Nullable [] args) {
    String key = keys.of(plan, args);
    return key == null ? KEYLESS : key;
  }

  /**
   * Before a synchronous write to {@code target}: waits until no asynchronous write of the same key that
   * was queued for that bean (before the direction of the writes flipped, or a rollback) waits or runs,
   * so that it cannot land after this newer write; at most the close timeout.
   */
  private void awaitEarlierDirection(MethodPlan plan, String key, Side target) {
    if (lanes.pending() == 0 || !lanes.holds(key, j -> j instanceof AsyncWrite w && w.target == target)) {
      return;
    }
    long deadline = System.nanoTime() + config.closeTimeout().toNanos();
    long pause = MIN_PAUSE_NANOS;
    while (lanes.holds(key, j -> j instanceof AsyncWrite w && w.target == target)) {
      if (System.nanoTime() - deadline > 0) {
        log.warn("graphshift.repository.direction_wait_expired name={} method={} key={} target={} timeout={}", name,
            plan.description(), key, target, config.closeTimeout());
        throw new TransientDatabaseException(name, "the write " + plan.description() + " of key '" + key
            + "' to the " + target + " bean was not made: writes of that key queued for that bean before the"
            + " direction of the writes changed are still pending after " + config.closeTimeout()
            + " (the bean keeps failing them, or is slow); try again", null);
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
    }
  }

  private void async(MethodPlan plan, @Nullable Object @Nullable [] args, String key, Side target) {
    AsyncWrite job = new AsyncWrite(plan, args == null ? new Object[0] : args.clone(), key, target);
    asyncWrites.increment();
    if (closed) {
      park(job, "the proxy is closed");
    } else if (!lanes.submit(job.key, job)) {
      park(job, "the proxy's capacity of " + config.capacity() + " asynchronous writes is full");
    }
  }

  /** One asynchronous write: its attempts, on the lane of its key. */
  private final class AsyncWrite implements KeyedLanes.Job {
    final MethodPlan plan;
    final @Nullable Object[] args;
    final String key;
    final Side target;
    volatile int attempts;

    AsyncWrite(MethodPlan plan, @Nullable Object[] args, String key, Side target) {
      this.plan = plan;
      this.args = args;
      this.key = key;
      this.target = target;
    }

    @Override
    public Optional<Duration> attempt() {
      if (attempts > 0) {
        retries.increment();
      }
      try {
        call(target == Side.PRIMARY ? primary : secondary, plan, args);
        asyncApplied.increment();
        return Optional.empty();
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        int attempt = ++attempts;
        asyncFailures.increment();
        boolean retry = !closed && attempt < config.maxAttempts() && config.retryOn().test(e);
        log.warn("graphshift.repository.async_write_failed name={} method={} key={} target={} attempt={} retry={}"
            + " error={}", name, plan.description(), key, target, attempt, retry, e.toString());
        listeners.emit(() -> new RepositoryWriteFailedEvent(name, config.clock().instant(), plan.description(), key,
            target, attempt, e, retry), RepositoryListener::onWriteFailed);
        if (retry) {
          return Optional.of(delay(attempt));
        }
        park(this, (closed ? "the proxy closed" : attempt >= config.maxAttempts()
            ? "gave up after " + attempt + " attempts" : "not retried") + ": " + e);
        return Optional.empty();
      }
    }

    @Override
    public void abandoned(String reason) {
      park(this, reason);
    }
  }

  private Duration delay(int failedAttempts) {
    synchronized (random) {
      return config.backoff().delay(failedAttempts, random);
    }
  }

  private void park(AsyncWrite job, String reason) {
    long seq = sequence.incrementAndGet();
    ParkedWrite entry = new ParkedWrite(seq, job.plan.description(), job.key, job.target, Arrays.asList(job.args),
        job.attempts, config.clock().instant(), reason);
    parkedTotal.increment();
    if (parkedCount.incrementAndGet() > config.maxParked()) {
      parkedCount.decrementAndGet();
      dropped.increment();
      log.error("graphshift.repository.parked_dropped name={} sequence={} method={} key={} target={} reason={} (the"
          + " parked list holds {} already; repair this key with the validator)", name, seq, entry.method(), job.key,
          job.target, reason, config.maxParked());
    } else {
      parked.put(seq, new Parked(entry, job));
      log.error("graphshift.repository.write_parked name={} sequence={} method={} key={} target={} attempts={}"
          + " reason={}", name, seq, entry.method(), job.key, job.target, job.attempts, reason);
    }
    listeners.emit(() -> new RepositoryWriteParkedEvent(name, entry.parkedAt(), entry),
        RepositoryListener::onWriteParked);
  }

  /** The parked writes, oldest first. */
  public List<ParkedWrite> parked() {
    List<ParkedWrite> list = new ArrayList<>(parked.size());
    parked.values().forEach(p -> list.add(p.entry()));
    return List.copyOf(list);
  }

  /**
   * Tries a parked write again from its first attempt, behind the writes of its key queued now (it may
   * overwrite a later write of its key that the other bean has applied since).
   */
  public boolean replay(long seq) {
    Parked p = parked.remove(seq);
    if (p == null) {
      return false;
    }
    parkedCount.decrementAndGet();
    log.info("graphshift.repository.replayed name={} sequence={} method={} key={}", name, seq, p.entry().method(),
        p.entry().key());
    AsyncWrite job = new AsyncWrite(p.job().plan, p.job().args, p.job().key, p.job().target);
    if (closed || !lanes.submit(job.key, job)) {
      park(job, closed ? "the proxy is closed" : "the proxy's capacity is full");
    }
    return true;
  }

  /** Drops a parked write. */
  public boolean discard(long seq, String reason) {
    Parked p = parked.remove(seq);
    if (p == null) {
      return false;
    }
    parkedCount.decrementAndGet();
    log.warn("graphshift.repository.discarded name={} sequence={} method={} key={} reason={}", name, seq,
        p.entry().method(), p.entry().key(), reason);
    return true;
  }

  // ------------------------------------------------------------------------------------ reads

  private @Nullable Object read(MethodPlan plan, @Nullable Object @Nullable [] args, MigrationPhase phase)
      throws Throwable {
    reads.increment();
    if (phase.newDatabaseIsPrimary()) {
      return call(secondary, plan, args);
    }
    if (!phase.shadowsReads()) {
      return call(primary, plan, args);
    }
    String k = keys.of(plan, args);
    String key = k != null ? k : plan.description();
    if (phase == MigrationPhase.CUTOVER && routing.within(key, config.share().getAsInt())) {
      routedToSecondary.increment();
      try {
        return call(secondary, plan, args);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        if (!config.fallback()) {
          throw e;
        }
        fallbacks.increment();
        log.warn("graphshift.repository.fallback name={} method={} key={} error={}", name, plan.description(), key,
            e.toString());
        listeners.emit(() -> new RepositoryFallbackUsedEvent(name, config.clock().instant(), plan.description(), key,
            e), RepositoryListener::onFallbackUsed);
        try {
          return call(primary, plan, args);
        } catch (Throwable second) {
          second.addSuppressed(e);
          throw second;
        }
      }
    }
    if (phase == MigrationPhase.CUTOVER) {
      routedToPrimary.increment();
    }
    return shadowed(plan, args, key);
  }

  private @Nullable Object shadowed(MethodPlan plan, @Nullable Object @Nullable [] args, String key) throws Throwable {
    long start = System.nanoTime();
    Object expected;
    try {
      expected = call(primary, plan, args);
    } catch (Throwable e) {
      tracker.primaryFailed();
      throw e;
    }
    tracker.primaryLatency(System.nanoTime() - start);
    if (sampleBasisPoints < RoutingHash.BUCKETS && !sampling.within(key, sampleBasisPoints)) {
      tracker.skipped();
      return expected;
    }
    tracker.sampled();
    if (closed) {
      tracker.shed();
      return expected;
    }
    if (pendingComparisons.incrementAndGet() > config.maxPendingComparisons()) {
      pendingComparisons.decrementAndGet();
      tracker.shed();
      return expected;
    }
    Object[] captured = args == null ? null : args.clone();
    try {
      executor.execute(() -> compare(plan, captured, key, expected));
    } catch (RejectedExecutionException e) {
      pendingComparisons.decrementAndGet();
      long shed = tracker.shed();
      log.debug("graphshift.repository.comparison_shed name={} method={} shed={} error={}", name, plan.description(),
          shed, e.toString());
    }
    return expected;
  }

  private void compare(MethodPlan plan, @Nullable Object @Nullable [] args, String key, @Nullable Object expected) {
    try {
      long start = System.nanoTime();
      Object actual;
      try {
        actual = call(secondary, plan, args);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        tracker.secondaryFailed();
        tracker.example(() -> discrepancy(plan, key, DiscrepancyKind.SECONDARY_FAILED, OptionalDouble.empty(), expected,
            Optional.empty(), Optional.of(e.toString())));
        return;
      }
      tracker.secondaryLatency(System.nanoTime() - start);
      Similarity similarity;
      try {
        similarity = expected == null || actual == null
            ? (expected == actual ? Similarity.SAME : Similarity.NONE)
            : requireNonNull(plan.comparator().compare(expected, actual), "the comparator's similarity");
      } catch (RuntimeException e) {
        tracker.comparatorFailed();
        tracker.example(() -> discrepancy(plan, key, DiscrepancyKind.COMPARATOR_FAILED, OptionalDouble.empty(),
            expected, Optional.of(describe(actual)), Optional.of(e.toString())));
        return;
      }
      tracker.compared(similarity);
      if (!similarity.matched()) {
        tracker.example(() -> discrepancy(plan, key, DiscrepancyKind.MISMATCH, OptionalDouble.of(similarity.score()),
            expected, Optional.of(describe(actual)), Optional.empty()));
      }
      listeners.emit(() -> new RepositoryReadComparedEvent(name, config.clock().instant(), plan.description(), key,
          similarity.matched(), similarity.score()), RepositoryListener::onReadCompared);
    } finally {
      pendingComparisons.decrementAndGet();
    }
  }

  private Discrepancy discrepancy(MethodPlan plan, String key, DiscrepancyKind kind, OptionalDouble similarity,
      @Nullable Object expected, Optional<String> actual, Optional<String> error) {
    return new Discrepancy(config.clock().instant(), plan.description(), key, kind, similarity, describe(expected),
        actual, error);
  }

  private static String describe(@Nullable Object value) {
    String s = String.valueOf(value);
    return s.length() <= ShadowReadCoordinator.DESCRIPTION_LIMIT ? s
        : s.substring(0, ShadowReadCoordinator.DESCRIPTION_LIMIT) + "...";
  }

  // ------------------------------------------------------------------------------------ state

  /** Whether no asynchronous write and no comparison waits or runs. */
  public boolean idle() {
    return lanes.pending() == 0 && pendingComparisons.get() == 0;
  }

  /** A snapshot of the counters and gauges. */
  public RepositoryMetrics metrics() {
    return new RepositoryMetrics(name, policy.phase(), writes.sum(), asyncWrites.sum(), asyncApplied.sum(),
        asyncFailures.sum(), retries.sum(), parkedCount.get(), parkedTotal.sum(), dropped.sum(), lanes.pending(),
        reads.sum(), routedToPrimary.sum(), routedToSecondary.sum(), fallbacks.sum(), keys.failures(),
        listeners.failures(), tracker.snapshot(name));
  }

  /** The comparisons' metrics and a sample of their discrepancies. */
  public ShadowReport shadowReport() {
    return new ShadowReport(tracker.snapshot(name), tracker.examples());
  }

  /**
   * Stops taking asynchronous writes (later ones are parked), waits up to the close timeout for those
   * queued, parks what is left, and stops the threads this handler created. Idempotent.
   */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    long deadline = System.nanoTime() + config.closeTimeout().toNanos();
    long pause = MIN_PAUSE_NANOS;
    while (!idle() && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
    }
    int left = lanes.abandonAll("the proxy closed before it was applied");
    if (ownScheduler != null) {
      ownScheduler.shutdownNow();
    }
    if (ownExecutor != null) {
      ownExecutor.shutdown();
      try {
        if (!ownExecutor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          log.warn("graphshift.repository.close_slow name={} (its threads are still busy)", name);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("graphshift.repository.close_interrupted name={}", name);
      }
    }
    log.info("graphshift.repository.closed name={} abandoned={} parked={}", name, left, parkedCount.get());
  }

  @Override
  public String toString() {
    return "RepositoryHandler[" + name + "]";
  }
}
