package dev.graphshift.repository;

import static dev.graphshift.backfill.internal.Preconditions.nonBlank;
import static dev.graphshift.backfill.internal.Preconditions.once;
import static dev.graphshift.backfill.internal.Preconditions.positive;
import static java.util.Objects.requireNonNull;

import dev.graphshift.cutover.GradualCutoverRouter;
import dev.graphshift.retry.Backoff;
import dev.graphshift.runbook.MigrationPhase;
import dev.graphshift.runbook.MigrationRunbook;
import dev.graphshift.shadow.ShadowComparator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How repository proxies ({@link Repositories#wrap}) behave: where the migration stands (its phase and
 * cutover share, asked on every call), how asynchronous writes are retried and bounded, how reads are
 * compared, and how methods the conventions do not classify are treated. One policy can serve many
 * proxies; each proxy keeps its own queues, threads and metrics.
 *
 * <pre>{@code
 * RepositoryPolicy policy = RepositoryPolicy.following(runbook)       // phase and share from the runbook
 *     .comparator("findByName", (a, b) -> Similarity.of(sameNames(a, b) ? 1 : 0, 1))
 *     .treat("flush", MethodKind.AUTHORITATIVE_ONLY)
 *     .build();
 * PersonRepository people = Repositories.wrap(PersonRepository.class, neo4jRepo, engramRepo, policy);
 * }</pre>
 *
 * <p>Immutable.
 */
public final class RepositoryPolicy {
  /** The default name: {@code repository}. */
  public static final String DEFAULT_NAME = "repository";
  /** The default bound on asynchronous writes waiting or running per proxy: 10 000. */
  public static final int DEFAULT_CAPACITY = 10_000;
  /** The default attempts of an asynchronous write before it is parked: 5. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  /** The default backoff between attempts: 100 ms doubling up to 30 s, ±20 % jitter. */
  public static final Backoff DEFAULT_BACKOFF = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(30));
  /** The default share of shadowable reads compared: all. */
  public static final double DEFAULT_SAMPLE_RATE = 1.0;
  /**
   * The default salt of the routing hash: the cutover router's, so that a key goes to the same side
   * through a proxy as through a runbook's {@code database()} with the router's default salt.
   */
  public static final String DEFAULT_SALT = GradualCutoverRouter.DEFAULT_SALT;
  /** The default bound on comparisons waiting or running per proxy: 1 000. */
  public static final int DEFAULT_MAX_PENDING_COMPARISONS = 1_000;
  /** The default size of the reservoir of discrepancy examples: 100. */
  public static final int DEFAULT_EXAMPLES = 100;
  /** The default most parked writes kept per proxy: 10 000. */
  public static final int DEFAULT_MAX_PARKED = 10_000;
  /** The default threads of each proxy's own executor: 2. */
  public static final int DEFAULT_THREADS = 2;
  /** The default longest wait of {@code close()} for asynchronous writes: 30 seconds. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final RepositoryPolicyConfig config;

  private RepositoryPolicy(RepositoryPolicyConfig config) {
    this.config = config;
  }

  /**
   * A builder of a policy that asks {@code phase} where the migration stands.
   *
   * @throws NullPointerException if phase is null
   */
  public static Builder builder(Supplier<MigrationPhase> phase) {
    return new Builder(requireNonNull(phase, "phase"));
  }

  /**
   * A builder of a policy that follows a runbook: its phase ({@link MigrationRunbook#phase()}), its
   * cutover share ({@link MigrationRunbook#cutoverShare()}) and whether it writes the old database after
   * the new one in DECOMMISSION.
   *
   * @throws NullPointerException if runbook is null
   */
  public static Builder following(MigrationRunbook runbook) {
    requireNonNull(runbook, "runbook");
    Builder b = new Builder(runbook::phase);
    b.share = runbook::cutoverShare;
    b.reverseWrites = runbook.config().reverseDualWrites();
    return b;
  }

  /** The settings. */
  public RepositoryPolicyConfig config() {
    return config;
  }

  /** The phase now. */
  public MigrationPhase phase() {
    return requireNonNull(config.phase().get(), "the phase supplier returned null");
  }

  @Override
  public String toString() {
    return "RepositoryPolicy[" + config.name() + "]";
  }

  /**
   * Builds a {@link RepositoryPolicy}. Defaults: name {@value #DEFAULT_NAME}; a share of 0 during
   * cutover (unless it follows a runbook); no reverse writes; capacity {@value #DEFAULT_CAPACITY}; {@value
   * #DEFAULT_MAX_ATTEMPTS} attempts with {@link #DEFAULT_BACKOFF}, retrying every failure; exact
   * comparison ({@code Objects.equals}) of every read; fallback to the old bean; unclassified methods
   * refused; {@value #DEFAULT_THREADS} threads and a retry thread per proxy; the UTC system clock.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final Supplier<MigrationPhase> phase;
    private IntSupplier share = () -> 0;
    private boolean reverseWrites;
    private @Nullable String name;
    private int capacity = DEFAULT_CAPACITY;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Backoff backoff = DEFAULT_BACKOFF;
    private long seed = DEFAULT_MAX_ATTEMPTS * 31L + DEFAULT_CAPACITY;
    private Predicate<Throwable> retryOn = t -> true;
    private ShadowComparator<Object> comparator = ShadowComparator.exact();
    private final Map<String, ShadowComparator<Object>> comparators = new HashMap<>();
    private double sampleRate = DEFAULT_SAMPLE_RATE;
    private String salt = DEFAULT_SALT;
    private int maxPendingComparisons = DEFAULT_MAX_PENDING_COMPARISONS;
    private int examples = DEFAULT_EXAMPLES;
    private boolean fallback = true;
    private final Map<String, MethodKind> treatments = new HashMap<>();
    private @Nullable MethodKind otherwise;
    private int maxParked = DEFAULT_MAX_PARKED;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private @Nullable Executor executor;
    private @Nullable ScheduledExecutorService scheduler;
    private int threads = DEFAULT_THREADS;
    private @Nullable Clock clock;
    private final List<RepositoryListener> listeners = new ArrayList<>();

    private Builder(Supplier<MigrationPhase> phase) {
      this.phase = phase;
    }

    /**
     * The name carried by the proxies' logs, events and metrics (with the interface's simple name).
     * Default {@value #DEFAULT_NAME}.
     *
     * @throws IllegalStateException if set already
     */
    public Builder name(String value) {
      nonBlank(value, "name");
      once(name, "name");
      this.name = value;
      return this;
    }

    /** The share of reads the new bean answers during CUTOVER, in basis points (0..10 000), asked per read. */
    public Builder share(IntSupplier basisPoints) {
      this.share = requireNonNull(basisPoints, "share");
      return this;
    }

    /** Whether writes reach the old bean after the new one in DECOMMISSION. Default false. */
    public Builder reverseWrites(boolean value) {
      this.reverseWrites = value;
      return this;
    }

    /**
     * The most asynchronous writes waiting or running per proxy; beyond it a write is parked at once.
     * Default {@value #DEFAULT_CAPACITY}.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder capacity(int value) {
      this.capacity = atLeastOne(value, "capacity");
      return this;
    }

    /**
     * Attempts of an asynchronous write before it is parked. Default {@value #DEFAULT_MAX_ATTEMPTS}.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxAttempts(int value) {
      this.maxAttempts = atLeastOne(value, "maxAttempts");
      return this;
    }

    /** The delay between attempts. Default {@link #DEFAULT_BACKOFF}. */
    public Builder backoff(Backoff value) {
      this.backoff = requireNonNull(value, "backoff");
      return this;
    }

    /** The seed of the backoff's jitter. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** Which failures of an asynchronous write are tried again; the others are parked at once. Default: all. */
    public Builder retryOn(Predicate<Throwable> value) {
      this.retryOn = requireNonNull(value, "retryOn");
      return this;
    }

    /**
     * The comparator of shadowed reads without one of their own: given the old bean's answer and the
     * new one's. Default {@link ShadowComparator#exact()} ({@code Objects.equals}).
     */
    public Builder comparator(ShadowComparator<Object> value) {
      this.comparator = requireNonNull(value, "comparator");
      return this;
    }

    /**
     * The comparator of one read method, by name.
     *
     * @throws IllegalStateException if that method has one already
     */
    public Builder comparator(String method, ShadowComparator<Object> value) {
      requireNonNull(method, "method");
      requireNonNull(value, "comparator");
      once(comparators.get(method), "comparator(" + method + ")");
      comparators.put(method, value);
      return this;
    }

    /**
     * The share of shadowable reads compared, in [0, 1], chosen by key (the same key always is or is not).
     * Default 1.
     *
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public Builder sampleRate(double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException("sampleRate must be within [0, 1]: " + value);
      }
      this.sampleRate = value;
      return this;
    }

    /** The salt of the routing and sampling hash. Default {@link #DEFAULT_SALT}. */
    public Builder salt(String value) {
      this.salt = requireNonNull(value, "salt");
      return this;
    }

    /**
     * The most comparisons waiting or running per proxy; a sampled read beyond is not compared (shed,
     * counted). Default {@value #DEFAULT_MAX_PENDING_COMPARISONS}.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxPendingComparisons(int value) {
      this.maxPendingComparisons = atLeastOne(value, "maxPendingComparisons");
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

    /** Whether a read routed to the new bean that fails is answered by the old one. Default true. */
    public Builder fallback(boolean value) {
      this.fallback = value;
      return this;
    }

    /**
     * How to treat a method (every overload of the name) that neither an annotation nor the naming
     * conventions classify.
     *
     * @throws IllegalStateException if that method's treatment was set already
     */
    public Builder treat(String method, MethodKind kind) {
      requireNonNull(method, "method");
      requireNonNull(kind, "kind");
      once(treatments.get(method), "treat(" + method + ")");
      treatments.put(method, kind);
      return this;
    }

    /**
     * How to treat every method nothing else classifies. Default: refuse them when wrapping.
     *
     * @throws IllegalStateException if set already
     */
    public Builder otherwise(MethodKind kind) {
      requireNonNull(kind, "kind");
      once(otherwise, "otherwise");
      this.otherwise = kind;
      return this;
    }

    /**
     * The most parked writes a proxy keeps; one parked beyond is logged at ERROR with its method and
     * key, and counted as dropped. Default {@value #DEFAULT_MAX_PARKED}.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxParked(int value) {
      this.maxParked = atLeastOne(value, "maxParked");
      return this;
    }

    /**
     * How long closing a proxy waits for its asynchronous writes; those left are parked. Default {@link
     * #DEFAULT_CLOSE_TIMEOUT}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder closeTimeout(Duration value) {
      this.closeTimeout = positive(value, "closeTimeout");
      return this;
    }

    /**
     * The executor of asynchronous writes and comparisons, shared by the proxies (not shut down by them).
     * A same-thread executor makes tests deterministic. Default: each proxy's own threads.
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
     * The scheduler of retries (not shut down by the proxies). Default: each proxy's own thread.
     *
     * @throws IllegalStateException if set already
     */
    public Builder scheduler(ScheduledExecutorService value) {
      requireNonNull(value, "scheduler");
      once(scheduler, "scheduler");
      this.scheduler = value;
      return this;
    }

    /**
     * The threads of each proxy's own executor. Default {@value #DEFAULT_THREADS}.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder threads(int value) {
      this.threads = atLeastOne(value, "threads");
      return this;
    }

    /**
     * The clock of events and examples. Default the UTC system clock.
     *
     * @throws IllegalStateException if set already
     */
    public Builder clock(Clock value) {
      requireNonNull(value, "clock");
      once(clock, "clock");
      this.clock = value;
      return this;
    }

    /** Adds a listener of the proxies' events. */
    public Builder listener(RepositoryListener value) {
      listeners.add(requireNonNull(value, "listener"));
      return this;
    }

    private static int atLeastOne(int value, String what) {
      if (value < 1) {
        throw new IllegalArgumentException(what + " must be at least 1: " + value);
      }
      return value;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalStateException if threads were set as well as an executor
     */
    public RepositoryPolicy build() {
      if (executor != null && threads != DEFAULT_THREADS) {
        throw new IllegalStateException("threads(" + threads + ") was set, but an executor was injected: " + executor);
      }
      return new RepositoryPolicy(new RepositoryPolicyConfig(name != null ? name : DEFAULT_NAME, phase, share,
          reverseWrites, capacity, maxAttempts, backoff, seed, retryOn, comparator, comparators, sampleRate, salt,
          maxPendingComparisons, examples, fallback, treatments, Optional.ofNullable(otherwise), maxParked,
          closeTimeout, Optional.ofNullable(executor), Optional.ofNullable(scheduler), threads,
          clock != null ? clock : Clock.systemUTC(), listeners));
    }
  }
}
