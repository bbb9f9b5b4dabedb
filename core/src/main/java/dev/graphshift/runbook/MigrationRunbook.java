package dev.graphshift.runbook;

import static dev.graphshift.backfill.internal.Preconditions.nonBlank;
import static dev.graphshift.backfill.internal.Preconditions.once;
import static dev.graphshift.backfill.internal.Preconditions.positive;
import static java.util.Objects.requireNonNull;

import dev.graphshift.GraphDatabase;
import dev.graphshift.backfill.BackfillReport;
import dev.graphshift.backfill.Backfiller;
import dev.graphshift.backfill.internal.ListenerSupport;
import dev.graphshift.cutover.CutoverControlStore;
import dev.graphshift.cutover.CutoverControlStoreException;
import dev.graphshift.cutover.CutoverPhase;
import dev.graphshift.cutover.CutoverSchedule;
import dev.graphshift.cutover.CutoverState;
import dev.graphshift.cutover.GradualCutoverRouter;
import dev.graphshift.dualwrite.DeadLetterQueue;
import dev.graphshift.dualwrite.DualWriteCoordinator;
import dev.graphshift.dualwrite.DualWriteMetrics;
import dev.graphshift.dualwrite.InMemoryTombstoneStore;
import dev.graphshift.dualwrite.TombstoneStore;
import dev.graphshift.mapping.RecordMapper;
import dev.graphshift.runbook.internal.PhaseSwitch;
import dev.graphshift.runbook.internal.PhaseSwitch.Composition;
import dev.graphshift.runbook.internal.RunbookCutoverStore;
import dev.graphshift.runbook.internal.Unowned;
import dev.graphshift.shadow.ShadowMetrics;
import dev.graphshift.shadow.ShadowReadCoordinator;
import dev.graphshift.validation.CheckResult;
import dev.graphshift.validation.RepairReport;
import dev.graphshift.validation.ValidationReport;
import dev.graphshift.validation.Validator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a live migration through its {@link MigrationPhase phases}, from dual writes to decommission,
 * behind {@link Gate gates}, with its state kept in a {@link RunbookStateStore} so that it survives
 * restarts, and rollback to any earlier phase. It is what the application and the operator hold during
 * the weeks a migration takes.
 *
 * <pre>{@code
 * MigrationRunbook runbook = MigrationRunbook.builder("people", neo4j, neptune)
 *     .mapper(mapper)
 *     .deadLetters(FileDeadLetterQueue.open(Path.of("graphshift-data/dead-letters/people.journal")))
 *     .schedule(CutoverSchedule.defaults())
 *     .reverseDualWrites()                       // keep the old database current after cutover
 *     .build();
 * GraphDatabase db = runbook.database();         // the application keeps this one handle
 *
 * runbook.advance("ops");                        // DUAL_WRITE
 * runbook.advance("ops");                        // BACKFILL
 * runbook.runBackfill();
 * runbook.advance("ops");                        // VALIDATE: refused unless the backfill reconciled
 * runbook.runValidation();
 * runbook.advance("ops");                        // SHADOW_READ ... CUTOVER ... DECOMMISSION ... COMPLETE
 * System.out.println(runbook.status().toText());
 * runbook.rollbackTo(MigrationPhase.SHADOW_READ, "ops", "p99 regression on recommend");
 * }</pre>
 *
 * <p><b>The handle.</b> {@link #database()} is one {@link GraphDatabase} for the whole migration; what
 * it does follows the phase (the table in {@link MigrationPhase}). Each phase has its composition of the
 * existing coordinators, built whole before it is installed with one atomic swap:
 *
 * <pre>
 *   SINGLE_WRITE            old
 *   DUAL_WRITE..VALIDATE    DualWriteCoordinator(old, new)
 *   SHADOW_READ             ShadowReadCoordinator(DualWriteCoordinator(old, new), new)
 *   CUTOVER                 GradualCutoverRouter(ShadowReadCoordinator(DualWriteCoordinator(old, new), new), new)
 *   DECOMMISSION            DualWriteCoordinator(new, old) with the reverse mapper, or new alone
 *   COMPLETE                new
 * </pre>
 *
 * The caller gets the old database's answer to every write until {@link MigrationPhase#DECOMMISSION},
 * the new one's from then on. One dual-write coordinator serves every phase from DUAL_WRITE to CUTOVER,
 * so changing between those phases never changes where or in which order writes go.
 *
 * <p><b>Writes racing a change of phase.</b> A call finishes on the composition it started on. A change
 * of phase holds new writes (reads go on) until the writes running on the previous composition have
 * finished, then installs the next composition and lets the held writes through to it. So when {@link
 * #advance(String)} into DUAL_WRITE returns, every write that did not go through the dual write has
 * completed on the old database, where the backfill (which starts later) finds it. When the direction
 * of the writes flips (into DECOMMISSION or COMPLETE, or a rollback out of DECOMMISSION's reverse dual
 * writes), the change also waits until the retiring dual write has caught up (nothing queued, nothing
 * in its dead-letter queue, parked entries included), since its late writes would otherwise land after
 * the other direction's; if it does not within the transition timeout, the change is refused ({@link
 * PhaseTransitionException}) and writes resume where they were. Writes wait at most that long.
 *
 * <p><b>Mappers.</b> Until DECOMMISSION the application speaks the old database's terms and the {@link
 * Builder#mapper(RecordMapper) mapper} translates for the new one. From DECOMMISSION on, the handle
 * writes records to the new database as given: with the identity mapping (the usual case, e.g. Neo4j
 * to Neptune with the same labels) nothing changes for the application; with a mapping that changes
 * ids or labels, the application must speak the new database's terms by then. A reverse dual write
 * needs the inverse mapping, so {@link Builder#reverseDualWrites()} is refused unless the mapper is the
 * identity; give the inverse with {@link Builder#reverseDualWrites(RecordMapper)}.
 *
 * <p><b>State.</b> Every change (phase, history with time, actor and reason, gate evidence, and the
 * cutover router's state unless it has a control store of its own) is stored by compare-and-set before
 * it takes effect. A runbook built over a stored state resumes in its phase with the same composition
 * (and the same cutover share); a change another process stored is followed by {@link #refresh()}.
 *
 * <p><b>Rollback.</b> {@link #rollbackTo(MigrationPhase, String, String)} returns to any earlier phase:
 * out of CUTOVER the router first sends every read to the old database at once; evidence recorded in
 * the phases after the target is discarded, so that the work is done again. Leaving a phase where the
 * new database is the primary for one where the old one is needs the old one to have kept up: it did
 * only in DECOMMISSION with reverse dual writes; otherwise the rollback is refused unless forced.
 *
 * <p>Thread-safe.
 */
public final class MigrationRunbook implements AutoCloseable {
  /*
   * Design (concurrency).
   *
   * Changes (advance, rollback, refresh, evidence) run one at a time under `transitions` (a
   * ReentrantLock), each as read-change-compare-and-set against the state store, which is the source of
   * truth between processes. Calls on the handle never take that lock: they read one volatile reference
   * (see PhaseSwitch), so a change costs the application a short hold of its writes and nothing else.
   *
   * Order of a change: build the coordinators the target phase needs (outside the pause); hold writes;
   * wait for the writes running on the previous composition; when the direction of writes flips, wait
   * for the retiring dual write to catch up; store the new state; install the next composition (which
   * releases the held writes onto it); then, outside the pause, wait for the reads still running on the
   * previous composition, let a retired dual write send what it has queued (closing it would dead-letter
   * that), and close the coordinators the target does not use. A failure before the store
   * puts the previous composition back and closes what was built: the change did not happen. Storing
   * before installing means a crash between the two resumes in the new phase, which is what was decided.
   *
   * Bounded: every wait is bounded by the transition timeout; held writes wait at most that long (plus
   * the store's own timeout). Gates and status read the coordinators' metrics, eventually consistent.
   */

  /** The default longest wait of a change of phase: 30 seconds. */
  public static final Duration DEFAULT_TRANSITION_TIMEOUT = Duration.ofSeconds(30);
  /** The default rollback window after the new database became the primary: 7 days. */
  public static final Duration DEFAULT_ROLLBACK_WINDOW = Duration.ofDays(7);
  /** Where the default state store keeps its files: {@code graphshift-data/runbook}. */
  public static final Path DEFAULT_STATE_DIRECTORY = Path.of("graphshift-data", "runbook");

  private static final Logger log = LoggerFactory.getLogger(MigrationRunbook.class);
  private static final int MAX_STORE_ATTEMPTS = 16;
  private static final long MIN_PAUSE_NANOS = 50_000;
  private static final long MAX_PAUSE_NANOS = 5_000_000;
  private static final Set<MigrationPhase> VALIDATING =
      Collections.unmodifiableSet(EnumSet.of(MigrationPhase.VALIDATE, MigrationPhase.SHADOW_READ, MigrationPhase.CUTOVER));

  /** The coordinators running in one phase; null where the phase has none. */
  private record Parts(
      @Nullable DualWriteCoordinator forward,
      @Nullable ShadowReadCoordinator shadow,
      @Nullable GradualCutoverRouter router,
      @Nullable DualWriteCoordinator reverse) {
    static final Parts NONE = new Parts(null, null, null, null);

    @Nullable DualWriteCoordinator dualWrite() {
      return forward != null ? forward : reverse;
    }
  }

  private final MigrationRunbookConfig config;
  private final String name;
  private final GraphDatabase oldDb;
  private final GraphDatabase newDb;
  private final RunbookStateStore store;
  private final CutoverControlStore controlStore;
  private final String routerName;
  private final Clock clock;
  private final @Nullable Executor executor;
  private final @Nullable ScheduledExecutorService scheduler;
  private final @Nullable DeadLetterQueue deadLetters;
  private final @Nullable DeadLetterQueue reverseDeadLetters;
  private final TombstoneStore tombstones;
  private final Consumer<DualWriteCoordinator.Builder> dualWriteOptions;
  private final Consumer<DualWriteCoordinator.Builder> reverseDualWriteOptions;
  private final Consumer<ShadowReadCoordinator.Builder> shadowReadOptions;
  private final Consumer<GradualCutoverRouter.Builder> cutoverOptions;
  private final Consumer<Backfiller.Builder> backfillOptions;
  private final Consumer<Validator.Builder> validationOptions;
  private final ListenerSupport<RunbookListener> listeners;
  private final ReentrantLock transitions = new ReentrantLock();
  private final PhaseSwitch handle;

  private volatile RunbookState state;
  private volatile Parts parts;
  private volatile boolean closed;

  private final AtomicLong advances = new AtomicLong();
  private final AtomicLong forcedAdvances = new AtomicLong();
  private final AtomicLong rollbacks = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  private final AtomicLong transitionFailures = new AtomicLong();
  private final AtomicLong adopted = new AtomicLong();
  private final AtomicLong evidenceRecorded = new AtomicLong();
  private final AtomicLong closeFailures = new AtomicLong();

  private MigrationRunbook(Builder b, MigrationRunbookConfig config) {
    this.config = config;
    this.name = config.name();
    this.oldDb = new Unowned(b.oldDatabase);
    this.newDb = new Unowned(b.newDatabase);
    this.store = config.stateStore();
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.routerName = name + "-cutover";
    this.controlStore = config.controlStore().isPresent() ? config.controlStore().get()
        : new RunbookCutoverStore(store, name, routerName, clock);
    this.executor = b.executor;
    this.scheduler = b.scheduler;
    this.deadLetters = b.deadLetters;
    this.reverseDeadLetters = b.reverseDeadLetters;
    this.tombstones = b.tombstones != null ? b.tombstones : InMemoryTombstoneStore.create();
    this.dualWriteOptions = orNothing(b.dualWriteOptions);
    this.reverseDualWriteOptions = orNothing(b.reverseDualWriteOptions);
    this.shadowReadOptions = orNothing(b.shadowReadOptions);
    this.cutoverOptions = orNothing(b.cutoverOptions);
    this.backfillOptions = orNothing(b.backfillOptions);
    this.validationOptions = orNothing(b.validationOptions);
    this.listeners = new ListenerSupport<>(name, "graphshift.runbook", b.listeners, log);
    boolean[] resumed = {false};
    this.state = loadOrCreate(resumed);
    MigrationPhase phase = state.phase();
    List<AutoCloseable> built = new ArrayList<>();
    Parts initial;
    try {
      initial = partsFor(phase, Parts.NONE, false, built);
    } catch (RuntimeException e) {
      closeAll(built);
      throw e;
    }
    this.parts = initial;
    this.handle = new PhaseSwitch(name, new Composition(phase, compose(phase, initial)), this::close);
    if (resumed[0]) {
      log.info("graphshift.runbook.resumed name={} phase={} version={} store={}", name, phase, state.version(), store);
    } else {
      log.info("graphshift.runbook.created name={} phase={} store={}", name, phase, store);
    }
  }

  private static <T> Consumer<T> orNothing(@Nullable Consumer<T> c) {
    return c != null ? c : x -> { };
  }

  /**
   * A builder of a runbook that migrates from {@code oldDatabase} to {@code newDatabase}. The runbook
   * does not close them; the caller who opened them does, after closing the runbook.
   *
   * @param name the runbook's name: the key of its stored state, and the prefix of its coordinators'
   *     names ({@code <name>-dual-write}, {@code <name>-shadow}, {@code <name>-cutover}, ...)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name is blank or both databases are the same
   */
  public static Builder builder(String name, GraphDatabase oldDatabase, GraphDatabase newDatabase) {
    return new Builder(name, oldDatabase, newDatabase);
  }

  /** The settings. */
  public MigrationRunbookConfig config() {
    return config;
  }

  /** The runbook's name. */
  public String name() {
    return name;
  }

  /**
   * The one handle the application keeps for the whole migration; its behaviour follows the phase.
   * Closing it closes the runbook.
   */
  public GraphDatabase database() {
    return handle;
  }

  /** The phase the handle serves now. */
  public MigrationPhase phase() {
    return handle.current().phase();
  }

  /** The state last stored or read by this runbook. */
  public RunbookState state() {
    return state;
  }

  /**
   * The share of reads the new database answers now, in basis points: 0 before {@link
   * MigrationPhase#CUTOVER}, the router's share during it, 10 000 after.
   */
  public int cutoverShare() {
    MigrationPhase p = phase();
    if (p.isBefore(MigrationPhase.CUTOVER)) {
      return 0;
    }
    if (p.newDatabaseIsPrimary()) {
      return CutoverState.ALL;
    }
    GradualCutoverRouter r = parts.router();
    return r != null ? r.state().shareBasisPoints() : 0;
  }

  /** The forward dual write, from {@link MigrationPhase#DUAL_WRITE} to {@link MigrationPhase#CUTOVER}: its dead letters, metrics. */
  public Optional<DualWriteCoordinator> dualWrite() {
    return Optional.ofNullable(parts.forward());
  }

  /** The reverse dual write, in {@link MigrationPhase#DECOMMISSION} when reverse dual writes are on. */
  public Optional<DualWriteCoordinator> reverseDualWrite() {
    return Optional.ofNullable(parts.reverse());
  }

  /** The shadow comparisons, in {@link MigrationPhase#SHADOW_READ} and {@link MigrationPhase#CUTOVER}: their report. */
  public Optional<ShadowReadCoordinator> shadowRead() {
    return Optional.ofNullable(parts.shadow());
  }

  /**
   * The cutover router, in {@link MigrationPhase#CUTOVER}: its lever ({@code share}, {@code pause},
   * {@code resume}, {@code rollback}) and metrics. Closed when the runbook leaves the phase.
   */
  public Optional<GradualCutoverRouter> cutover() {
    return Optional.ofNullable(parts.router());
  }

  /** Ticks the cutover router now (for routers built with a tick interval of zero, and tests); else does nothing. */
  public void tick() {
    GradualCutoverRouter r = parts.router();
    if (r != null) {
      r.tick();
    }
  }

  // ------------------------------------------------------------------------------------ gates

  /**
   * The gates of the next advance, evaluated now; empty when complete. Changes nothing.
   *
   * @throws RunbookStateStoreException if the state cannot be read
   */
  public List<GateResult> checkGates() {
    RunbookState s = readState();
    return phase().next().map(next -> evaluate(phase(), next, s)).orElse(List.of());
  }

  private List<GateResult> evaluate(MigrationPhase from, MigrationPhase to, RunbookState s) {
    GateContext context = context(from, to, s);
    List<GateResult> results = new ArrayList<>();
    for (Gate gate : config.gates(to)) {
      try {
        results.add(requireNonNull(gate.evaluate(context), "the result of gate " + gate.name()));
      } catch (RuntimeException e) {
        log.warn("graphshift.runbook.gate_failed name={} gate={} error={}", name, gate.name(), e.toString(), e);
        results.add(GateResult.fail(gate.name(), "the gate threw " + e));
      }
    }
    return results;
  }

  private GateContext context(MigrationPhase from, MigrationPhase to, RunbookState s) {
    Parts p = parts;
    DualWriteCoordinator dual = p.dualWrite();
    return new GateContext(name, clock.instant(), from, to, s,
        dual == null ? Optional.empty() : Optional.of(dual.metrics()),
        dual == null ? Optional.empty() : Optional.of(dual.caughtUp()),
        p.shadow() == null ? Optional.empty() : Optional.of(p.shadow().metrics()),
        p.router() == null ? Optional.empty() : Optional.of(p.router().state()),
        config.rollbackWindow());
  }

  // ------------------------------------------------------------------------------------ transitions

  /**
   * Enters the next phase if its gates pass.
   *
   * @param actor who asks (an operator, a deploy job), recorded in the history
   * @return the transition, as stored
   * @throws GateRefusedException if a gate fails; nothing changed
   * @throws PhaseTransitionException if the change could not be completed safely; nothing changed
   * @throws IllegalStateException if the runbook is complete or closed, or another process changed the
   *     phase (call {@link #refresh()})
   */
  public Transition advance(String actor) {
    return advance(actor, null);
  }

  /**
   * Enters the next phase even if gates fail; the failing gates and the reason are recorded in the
   * history and published ({@link GateFailedEvent} with {@code overridden}). Only the gates are
   * overridden: a change that cannot be completed safely is still refused.
   *
   * @param reason why the gates are overridden, recorded
   * @throws IllegalArgumentException if the reason is blank
   * @throws PhaseTransitionException if the change could not be completed safely; nothing changed
   * @throws IllegalStateException if the runbook is complete or closed, or another process changed the
   *     phase
   */
  public Transition forceAdvance(String actor, String reason) {
    return advance(actor, nonBlank(reason, "reason"));
  }

  private Transition advance(String actor, @Nullable String forceReason) {
    nonBlank(actor, "actor");
    transitions.lock();
    try {
      ensureOpen();
      RunbookState s = readState();
      MigrationPhase from = checkFollowing(s);
      MigrationPhase to = from.next().orElseThrow(() -> new IllegalStateException("runbook '" + name
          + "' is " + from + "; there is no next phase"));
      List<GateResult> results = evaluate(from, to, s);
      List<GateResult> failed = results.stream().filter(r -> !r.passed()).toList();
      boolean forced = forceReason != null && !failed.isEmpty();
      if (!failed.isEmpty()) {
        boolean overridden = forceReason != null;
        Instant at = clock.instant();
        listeners.emit(() -> new GateFailedEvent(name, at, from, to, failed, overridden), RunbookListener::onGateFailed);
        if (!overridden) {
          refusals.incrementAndGet();
          log.info("graphshift.runbook.advance_refused name={} from={} to={} failed={}", name, from, to,
              failed.stream().map(GateResult::describe).toList());
          throw new GateRefusedException(name, from, to, results);
        }
        log.warn("graphshift.runbook.gates_overridden name={} from={} to={} actor={} reason={} failed={}", name, from,
            to, actor, forceReason, failed.stream().map(GateResult::describe).toList());
      }
      String reason = forceReason != null ? forceReason
          : results.isEmpty() ? "no gates" : "gates passed";
      Transition t = new Transition(from, to, clock.instant(), actor, reason,
          forced ? Transition.Kind.FORCED : Transition.Kind.ADVANCED, results);
      Transition done = change(t, evidenceOnLeaving(from, t.at()), false);
      advances.incrementAndGet();
      if (forced) {
        forcedAdvances.incrementAndGet();
      }
      return done;
    } finally {
      transitions.unlock();
    }
  }

  /** What a phase leaves behind as evidence: the shadow match rate, the cutover's final state. */
  private List<Evidence> evidenceOnLeaving(MigrationPhase from, Instant at) {
    Parts p = parts;
    if (from == MigrationPhase.SHADOW_READ && p.shadow() != null) {
      ShadowMetrics m = p.shadow().metrics();
      Map<String, Long> figures = new LinkedHashMap<>();
      figures.put("compared", m.compared());
      figures.put("matches", m.matches());
      figures.put("mismatches", m.mismatches());
      figures.put("secondaryFailures", m.secondaryFailures());
      figures.put("timeouts", m.timeouts());
      String rate = m.matchRate().isPresent() ? String.format(Locale.ROOT, "%.4f", m.matchRate().getAsDouble())
          : "none";
      return List.of(new Evidence(Evidence.SHADOW, at, from, m.matchRate().isPresent(), "match rate " + rate + " over "
          + m.compared() + " comparisons", figures));
    }
    if (from == MigrationPhase.CUTOVER && p.router() != null) {
      CutoverState c = p.router().state();
      return List.of(new Evidence(Evidence.CUTOVER, at, from, c.shareBasisPoints() == CutoverState.ALL
          && c.phase() != CutoverPhase.ROLLED_BACK, c.describe(), Map.of("shareBasisPoints", (long) c.shareBasisPoints(),
          "rollbacks", p.router().metrics().rollbacks())));
    }
    return List.of();
  }

  /**
   * Returns to an earlier phase. Out of CUTOVER, every read goes back to the old database at once
   * (before anything else happens); evidence recorded in the phases after {@code target} is discarded.
   *
   * @param reason why, recorded
   * @return the transition, as stored
   * @throws IllegalArgumentException if target is not before the current phase, or the reason is blank
   * @throws IllegalStateException if the old database missed writes the rollback would lose (the new
   *     database was the primary without reverse dual writes; copy them back, then {@link
   *     #forceRollbackTo(MigrationPhase, String, String)}), or the runbook is closed, or another process
   *     changed the phase
   * @throws PhaseTransitionException if the reverse dual write did not catch up in time; nothing
   *     changed (but a cutover's reads are back on the old database)
   */
  public Transition rollbackTo(MigrationPhase target, String actor, String reason) {
    return rollback(target, actor, reason, false);
  }

  /**
   * Returns to an earlier phase past the safety checks of {@link #rollbackTo(MigrationPhase, String,
   * String)}: an old database that missed writes, a reverse dual write that did not catch up (its dead
   * letters stay in its queue, logged at ERROR, for a human to replay or discard). Recorded as {@link
   * Transition.Kind#FORCED_ROLLBACK}.
   *
   * @throws IllegalArgumentException if target is not before the current phase, or the reason is blank
   * @throws IllegalStateException if the runbook is closed, or another process changed the phase
   */
  public Transition forceRollbackTo(MigrationPhase target, String actor, String reason) {
    return rollback(target, actor, reason, true);
  }

  private Transition rollback(MigrationPhase target, String actor, String reason, boolean force) {
    requireNonNull(target, "target");
    nonBlank(actor, "actor");
    nonBlank(reason, "reason");
    transitions.lock();
    try {
      ensureOpen();
      RunbookState s = readState();
      MigrationPhase from = checkFollowing(s);
      if (!target.isBefore(from)) {
        throw new IllegalArgumentException("runbook '" + name + "' can only roll back to a phase before " + from
            + ": " + target);
      }
      if (!force && from.newDatabaseIsPrimary() && !target.newDatabaseIsPrimary()
          && !(from == MigrationPhase.DECOMMISSION && parts.reverse() != null)) {
        String since = s.enteredAt(from == MigrationPhase.COMPLETE ? MigrationPhase.COMPLETE : MigrationPhase.DECOMMISSION)
            .map(Instant::toString).orElse("the new database became the primary");
        throw new IllegalStateException("runbook '" + name + "' cannot roll back from " + from + " to " + target
            + ": the old database has missed the writes made since " + since + " ("
            + (from == MigrationPhase.COMPLETE ? "COMPLETE writes the new database only" : "no reverse dual writes")
            + "), and the rollback would lose them. Copy them back first (a Validator from the new database to the"
            + " old one: full validation, then repair), then forceRollbackTo with the reason");
      }
      GradualCutoverRouter r = parts.router();
      if (r != null && target != MigrationPhase.CUTOVER) {
        r.rollback("runbook '" + name + "' rolls back to " + target + ": " + reason);
      }
      Transition t = new Transition(from, target, clock.instant(), actor, reason,
          force ? Transition.Kind.FORCED_ROLLBACK : Transition.Kind.ROLLED_BACK, List.of());
      Transition done = change(t, List.of(), false);
      rollbacks.incrementAndGet();
      return done;
    } finally {
      transitions.unlock();
    }
  }

  /**
   * Follows a change of phase another process stored (an operator's tool, another application
   * instance): re-reads the state and, if its phase differs from the handle's, switches the handle to
   * it as a change of phase does, without gates (they were checked where the change was made). Call it
   * periodically on every instance that shares a state store.
   *
   * @return whether the phase changed
   * @throws RunbookStateStoreException if the state cannot be read
   * @throws PhaseTransitionException if the switch could not be completed (the handle keeps its phase;
   *     call again)
   */
  public boolean refresh() {
    transitions.lock();
    try {
      ensureOpen();
      RunbookState s = readState();
      MigrationPhase local = phase();
      if (s.phase() == local) {
        return false;
      }
      Transition stored = s.lastTransition().filter(t -> t.to() == s.phase()).orElseGet(() -> new Transition(local,
          s.phase(), s.changedAt(), "unknown", "stored by another process", s.phase().isBefore(local)
          ? Transition.Kind.ROLLED_BACK : Transition.Kind.ADVANCED, List.of()));
      Transition followed = new Transition(local, s.phase(), stored.at(), stored.actor(), stored.reason(), stored.kind(),
          stored.gates());
      change(followed, List.of(), true);
      adopted.incrementAndGet();
      return true;
    } finally {
      transitions.unlock();
    }
  }

  /** The handle's phase, checked against the stored one: a change made elsewhere must be followed first. */
  private MigrationPhase checkFollowing(RunbookState s) {
    MigrationPhase local = phase();
    if (s.phase() != local) {
      throw new IllegalStateException("runbook '" + name + "' is in " + s.phase() + " in its store but " + local
          + " here: another process changed it; call refresh() first");
    }
    return local;
  }

  /**
   * Switches the handle to {@code t.to()}: the order is in the design comment. With {@code follow}, the
   * state was stored by another process and is only followed.
   */
  private Transition change(Transition t, List<Evidence> recorded, boolean follow) {
    MigrationPhase from = t.from();
    MigrationPhase to = t.to();
    Parts have = parts;
    List<AutoCloseable> built = new ArrayList<>();
    Parts want;
    try {
      want = partsFor(to, have, !t.rollback() && !follow, built);
    } catch (RuntimeException e) {
      closeAll(built);
      transitionFailures.incrementAndGet();
      log.warn("graphshift.runbook.transition_failed name={} from={} to={} error={}", name, from, to, e.toString(), e);
      throw new PhaseTransitionException(name, from, to, "cannot start the coordinators of " + to + ": " + e, e);
    }
    if (t.rollback() && !follow && want.router() != null && want.router() != have.router()) {
      // back into CUTOVER from a later phase: reads return to the old database until an operator resumes
      want.router().rollback("runbook '" + name + "' rolled back to " + to + ": " + t.reason());
    }
    Composition next = new Composition(to, compose(to, want));
    long deadline = System.nanoTime() + config.transitionTimeout().toNanos();
    Composition previous = handle.pauseWrites();
    Composition paused;
    Transition done = t;
    try {
      if (!handle.awaitWrites(previous, deadline)) {
        throw new PhaseTransitionException(name, from, to, "writes still running on " + from + " after "
            + config.transitionTimeout(), null);
      }
      DualWriteCoordinator retiring = mustCatchUp(to, have);
      if (retiring != null && !awaitCaughtUp(retiring, deadline)) {
        String left = describe(retiring.metrics());
        if (t.kind() != Transition.Kind.FORCED_ROLLBACK && !follow) {
          throw new PhaseTransitionException(name, from, to, "the dual write '" + retiring.name()
              + "' did not catch up within " + config.transitionTimeout() + " (" + left + "); its late writes would"
              + " land after the other direction's. Let its dead letters drain (parked ones too) and try again"
              + (t.rollback() ? ", or force the rollback" : ""), null);
        }
        log.error("graphshift.runbook.stranded_dead_letters name={} dual_write={} from={} to={} left={} (they stay in"
            + " its queue: replay or discard them by hand; the validator's repair reconciles)", name, retiring.name(),
            from, to, left);
        done = new Transition(from, to, t.at(), t.actor(), t.reason() + " [dual write '" + retiring.name()
            + "' had not caught up: " + left + "]", t.kind(), t.gates());
      }
      Transition stored = done;
      if (follow) {
        state = readState();
      } else {
        persist(s -> s.after(stored, recorded), from);
      }
      paused = handle.install(next);
    } catch (RuntimeException e) {
      handle.install(previous);
      closeAll(built);
      transitionFailures.incrementAndGet();
      log.warn("graphshift.runbook.transition_failed name={} from={} to={} error={}", name, from, to, e.toString(), e);
      if (e instanceof PhaseTransitionException) {
        throw e;
      }
      throw new PhaseTransitionException(name, from, to, String.valueOf(e.getMessage()), e);
    }
    parts = want;
    publish(done);
    retire(have, want, previous, paused);
    return done;
  }

  private void publish(Transition t) {
    if (t.rollback()) {
      log.warn("graphshift.runbook.rolled_back name={} from={} to={} actor={} kind={} reason={}", name, t.from(),
          t.to(), t.actor(), t.kind(), t.reason());
      listeners.emit(() -> new PhaseRolledBackEvent(name, t.at(), t.from(), t.to(), t.actor(), t.reason(),
          t.kind() == Transition.Kind.FORCED_ROLLBACK), RunbookListener::onPhaseRolledBack);
    } else {
      log.info("graphshift.runbook.advanced name={} from={} to={} actor={} kind={} reason={}", name, t.from(), t.to(),
          t.actor(), t.kind(), t.reason());
      listeners.emit(() -> new PhaseAdvancedEvent(name, t.at(), t.from(), t.to(), t.actor(), t.reason(),
          t.kind() == Transition.Kind.FORCED, t.gates()), RunbookListener::onPhaseAdvanced);
    }
  }

  /**
   * The dual write that must catch up before the change: one whose secondary becomes the database
   * writes go to first (forward into DECOMMISSION or COMPLETE; reverse back to the old database as
   * primary). Retiring into a phase that abandons its secondary (forward to SINGLE_WRITE, reverse to
   * COMPLETE) need not hold writes: after the change, {@link #retire} lets its queue drain (bounded) before
   * closing it, and closing keeps the rest in its dead-letter queue.
   */
  private static @Nullable DualWriteCoordinator mustCatchUp(MigrationPhase to, Parts have) {
    if (have.forward() != null && to.newDatabaseIsPrimary()) {
      return have.forward();
    }
    if (have.reverse() != null && !to.newDatabaseIsPrimary()) {
      return have.reverse();
    }
    return null;
  }

  private static boolean awaitCaughtUp(DualWriteCoordinator dual, long deadlineNanos) {
    return await(dual::caughtUp, dual::retryDue, deadlineNanos);
  }

  /** Waits (bounded) until nothing is queued for, or being sent to, the dual write's secondary. */
  private static boolean awaitDrained(DualWriteCoordinator dual, long deadlineNanos) {
    return await(() -> dual.metrics().inFlight() == 0, () -> { }, deadlineNanos);
  }

  private static boolean await(BooleanSupplier done, Runnable meanwhile, long deadlineNanos) {
    long pause = MIN_PAUSE_NANOS;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - deadlineNanos > 0) {
        return false;
      }
      meanwhile.run();
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
    }
    return true;
  }

  private static String describe(DualWriteMetrics m) {
    return m.inFlight() + " in flight, " + m.queueDepth() + " dead letters pending, " + m.parked() + " parked";
  }

  /**
   * Waits (bounded) for the calls still running on the replaced compositions, lets a retired dual write
   * send what it has queued (closing it would put that into its dead-letter queue instead), then closes
   * what the target does not use.
   */
  private void retire(Parts have, Parts want, Composition previous, Composition paused) {
    long deadline = System.nanoTime() + config.transitionTimeout().toNanos();
    if (!handle.awaitIdle(List.of(previous, paused), deadline)) {
      log.warn("graphshift.runbook.retire_slow name={} phase={} (calls still running on the previous composition"
          + " after {}; closing its coordinators stops their background work, the calls complete)", name,
          previous.phase(), config.transitionTimeout());
    }
    List<AutoCloseable> retired = new ArrayList<>();
    if (have.router() != null && have.router() != want.router()) {
      retired.add(have.router());
    }
    if (have.shadow() != null && have.shadow() != want.shadow()) {
      retired.add(have.shadow());
    }
    for (DualWriteCoordinator d : new DualWriteCoordinator[] {have.forward(), have.reverse()}) {
      if (d != null && d != want.forward() && d != want.reverse()) {
        awaitDrained(d, deadline);
        long inFlight = d.metrics().inFlight();
        if (inFlight > 0 || d.deadLetters().size() > 0) {
          log.warn("graphshift.runbook.dead_letters_left name={} dual_write={} dead_letters={} parked={} in_flight={}"
              + " (kept in its queue, the records in flight too when it closes; replayed when that dual write runs"
              + " again)", name, d.name(), d.deadLetters().size(), d.deadLetters().parkedCount(), inFlight);
        }
        retired.add(d);
      }
    }
    closeAll(retired);
  }

  // ------------------------------------------------------------------------------------ coordinators

  private Parts partsFor(MigrationPhase p, Parts have, boolean startCutover, List<AutoCloseable> built) {
    DualWriteCoordinator forward = null;
    if (p.dualWritesForward()) {
      forward = have.forward();
      if (forward == null) {
        forward = buildForward();
        built.add(forward);
      }
    }
    ShadowReadCoordinator shadow = null;
    if (p.shadowsReads()) {
      shadow = have.shadow();
      if (shadow == null) {
        shadow = buildShadow(requireNonNull(forward, "forward"));
        built.add(shadow);
      }
    }
    GradualCutoverRouter router = null;
    if (p == MigrationPhase.CUTOVER) {
      router = have.router();
      if (router == null) {
        if (startCutover) {
          restartCutover();
        }
        router = buildRouter(requireNonNull(shadow, "shadow"));
        built.add(router);
      }
    }
    DualWriteCoordinator reverse = null;
    if (p == MigrationPhase.DECOMMISSION && config.reverseDualWrites()) {
      reverse = have.reverse();
      if (reverse == null) {
        reverse = buildReverse();
        built.add(reverse);
      }
    }
    return new Parts(forward, shadow, router, reverse);
  }

  private GraphDatabase compose(MigrationPhase p, Parts x) {
    return switch (p) {
      case SINGLE_WRITE -> oldDb;
      case DUAL_WRITE, BACKFILL, VALIDATE -> requireNonNull(x.forward(), "forward");
      case SHADOW_READ -> requireNonNull(x.shadow(), "shadow");
      case CUTOVER -> requireNonNull(x.router(), "router");
      case DECOMMISSION -> x.reverse() != null ? x.reverse() : newDb;
      case COMPLETE -> newDb;
    };
  }

  private DualWriteCoordinator buildForward() {
    DualWriteCoordinator.Builder b = DualWriteCoordinator.builder(oldDb, newDb)
        .name(name + "-dual-write").mapper(config.mapper()).clock(clock).tombstones(tombstones);
    if (deadLetters != null) {
      b.deadLetters(deadLetters);
    }
    executors(b);
    dualWriteOptions.accept(b);
    return b.build();
  }

  private DualWriteCoordinator buildReverse() {
    DualWriteCoordinator.Builder b = DualWriteCoordinator.builder(newDb, oldDb)
        .name(name + "-reverse-dual-write").mapper(config.reverseMapper().orElseThrow()).clock(clock);
    if (reverseDeadLetters != null) {
      b.deadLetters(reverseDeadLetters);
    }
    executors(b);
    reverseDualWriteOptions.accept(b);
    return b.build();
  }

  private void executors(DualWriteCoordinator.Builder b) {
    if (executor != null) {
      b.executor(executor);
    }
    if (scheduler != null) {
      b.scheduler(scheduler);
    }
  }

  private ShadowReadCoordinator buildShadow(DualWriteCoordinator forward) {
    ShadowReadCoordinator.Builder b = ShadowReadCoordinator.builder(forward, newDb)
        .name(name + "-shadow").mapper(config.mapper()).clock(clock);
    if (executor != null) {
      b.executor(executor);
    }
    if (scheduler != null) {
      b.scheduler(scheduler);
    }
    shadowReadOptions.accept(b);
    return b.build();
  }

  private GradualCutoverRouter buildRouter(ShadowReadCoordinator shadow) {
    GradualCutoverRouter.Builder b = GradualCutoverRouter.builder(shadow, newDb)
        .name(routerName).mapper(config.mapper()).clock(clock).controlStore(controlStore)
        .instanceId(config.instanceId());
    config.schedule().ifPresent(b::schedule);
    if (scheduler != null) {
      b.scheduler(scheduler);
    }
    cutoverOptions.accept(b);
    return b.build();
  }

  /**
   * Starts the cutover afresh when the runbook enters CUTOVER by an advance: a state stored by an earlier
   * cutover (rolled back, or at 100 % before a rollback from DECOMMISSION) is replaced by the schedule's
   * first step, or by a share of 0 without a schedule. A runbook that resumes in CUTOVER keeps the stored
   * state.
   */
  private void restartCutover() {
    Instant now = clock.instant();
    Optional<CutoverSchedule> schedule = config.schedule();
    for (int attempt = 0; attempt < MAX_STORE_ATTEMPTS; attempt++) {
      Optional<CutoverState> stored = controlStore.read(routerName);
      if (stored.isEmpty()) {
        return;
      }
      CutoverState s = stored.get();
      CutoverState fresh = schedule.isPresent()
          ? new CutoverState(s.version() + 1, schedule.get().step(0).basisPoints(), CutoverPhase.RUNNING, 0, now, now,
              config.instanceId(), "cutover started by runbook '" + name + "': " + schedule.get())
          : new CutoverState(s.version() + 1, 0, CutoverPhase.PAUSED, -1, now, now, config.instanceId(),
              "cutover started by runbook '" + name + "' without a schedule: set the share by hand");
      if (controlStore.compareAndSet(routerName, s.version(), fresh)) {
        return;
      }
    }
    throw new CutoverControlStoreException(controlStore.toString(), "could not restart the cutover of router '"
        + routerName + "': its state kept changing", null);
  }

  // ------------------------------------------------------------------------------------ actions

  /**
   * Copies the records of the old database that the dual writes have not written, through the dual
   * write's backfill view (so that it never overwrites a newer dual write nor brings back a deleted
   * record), and stores the result as {@link Evidence#BACKFILL}: passed when its counts reconcile.
   * Blocks until the backfill ends; resumes from its checkpoint when run again.
   *
   * @throws IllegalStateException unless the phase is {@link MigrationPhase#BACKFILL}
   * @throws dev.graphshift.backfill.BackfillException if the backfill failed (recorded as failed evidence)
   */
  public BackfillReport runBackfill() {
    Running run = running("runBackfill", EnumSet.of(MigrationPhase.BACKFILL));
    Backfiller.Builder b = Backfiller.builder(oldDb, run.forward().backfillTarget())
        .name(name + "-backfill").mapper(config.mapper()).clock(clock);
    // Not the runbook's executor: backfill batches wait for earlier dual writes of their ids, which run on
    // that executor; sharing it could leave no thread for them. The backfill runs its own pool, or one
    // given to configureBackfill.
    backfillOptions.accept(b);
    BackfillReport report;
    try {
      report = b.build().run();
    } catch (RuntimeException e) {
      recordIfStillIn(MigrationPhase.BACKFILL, new Evidence(Evidence.BACKFILL, clock.instant(), MigrationPhase.BACKFILL,
          false, "failed: " + e.getMessage(), Map.of()));
      throw e;
    }
    Map<String, Long> figures = Map.of("read", report.read(), "written", report.written(), "skipped", report.skipped(),
        "rejected", report.rejected());
    recordIfStillIn(MigrationPhase.BACKFILL, new Evidence(Evidence.BACKFILL, clock.instant(), MigrationPhase.BACKFILL,
        report.reconciles(), (report.reconciles() ? "reconciled: " : "does not reconcile: ") + "read "
        + report.read() + ", written " + report.written() + ", skipped " + report.skipped() + ", rejected "
        + report.rejected() + " in " + report.duration(), figures));
    return report;
  }

  /**
   * Runs the validations of {@link MigrationRunbookConfig#validationModes()} in order (counts, sample,
   * full), each stored as evidence ({@link Evidence#validation(ValidationReport.Mode)}).
   *
   * @throws IllegalStateException unless the phase is VALIDATE, SHADOW_READ or CUTOVER
   */
  public List<ValidationReport> runValidation() {
    List<ValidationReport> reports = new ArrayList<>();
    for (ValidationReport.Mode mode : EnumSet.copyOf(config.validationModes())) {
      reports.add(runValidation(mode));
    }
    return reports;
  }

  /**
   * Compares the new database with the old one through the mapping ({@link Validator}) and stores the
   * verdict as evidence. Run it once the dual write has caught up: writes in flight show as differences.
   *
   * @throws IllegalStateException unless the phase is VALIDATE, SHADOW_READ or CUTOVER
   */
  public ValidationReport runValidation(ValidationReport.Mode mode) {
    requireNonNull(mode, "mode");
    Running run = running("runValidation", VALIDATING);
    Validator validator = validator(run);
    ValidationReport report = switch (mode) {
      case COUNTS -> validator.counts();
      case SAMPLE -> validator.sample();
      case FULL -> validator.full();
    };
    long failedChecks = report.failures().size();
    long failures = report.checks().stream().mapToLong(CheckResult::failures).sum();
    Map<String, Long> figures = new LinkedHashMap<>();
    figures.put("checks", (long) report.checks().size());
    figures.put("failedChecks", failedChecks);
    figures.put("failures", failures);
    report.diff().ifPresent(d -> figures.put("differences", (long) d.differences().size()));
    String summary = mode + (report.passed() ? " passed: " : " failed: ") + report.checks().size() + " checks, "
        + failedChecks + " failed" + (report.passed() ? "" : " (" + report.failures().stream()
        .map(c -> c.check() + " " + c.failures() + "/" + c.checked()).toList() + ")");
    recordIfStillIn(run.phase(), new Evidence(Evidence.validation(mode), clock.instant(), run.phase(), report.passed(),
        summary, figures));
    return report;
  }

  /**
   * Repairs the differences a full validation found: copies missing and different records from the old
   * database over the new one and deletes extra ones, through the dual write's backfill view (so that
   * repairs are ordered with the dual writes of the same ids). Validate again afterwards.
   *
   * @throws IllegalArgumentException if the report is not a full validation with its differences
   * @throws IllegalStateException unless the phase is VALIDATE, SHADOW_READ or CUTOVER
   */
  public RepairReport repair(ValidationReport full) {
    requireNonNull(full, "full");
    if (full.mode() != ValidationReport.Mode.FULL || full.diff().isEmpty()) {
      throw new IllegalArgumentException("repair needs a FULL validation report with its differences, not "
          + full.mode());
    }
    return validator(running("repair", VALIDATING)).repair(full.diff().get());
  }

  private Validator validator(Running run) {
    Validator.Builder b = Validator.builder(oldDb, run.forward().backfillTarget())
        .name(name + "-validator").mapper(config.mapper()).clock(clock);
    validationOptions.accept(b);
    return b.build();
  }

  /** The phase an action started in, and the forward dual write it works through. */
  private record Running(MigrationPhase phase, DualWriteCoordinator forward) {}

  private Running running(String action, Set<MigrationPhase> phases) {
    transitions.lock();
    try {
      ensureOpen();
      MigrationPhase p = phase();
      DualWriteCoordinator forward = parts.forward();
      if (!phases.contains(p) || forward == null) {
        throw new IllegalStateException(action + " runs in " + phases + ", not in " + p + " (runbook '" + name + "')");
      }
      return new Running(p, forward);
    } finally {
      transitions.unlock();
    }
  }

  /**
   * Stores evidence an application gathered itself (an external validation, a load test), for its own
   * gates ({@link Gates#evidencePassed(String)}); it replaces earlier evidence of the same kind.
   *
   * @throws IllegalArgumentException if kind or summary is blank
   * @throws RunbookStateStoreException if the state cannot be stored
   */
  public Evidence recordEvidence(String kind, boolean passed, String summary, Map<String, Long> figures) {
    nonBlank(kind, "kind");
    nonBlank(summary, "summary");
    requireNonNull(figures, "figures");
    transitions.lock();
    try {
      ensureOpen();
      MigrationPhase p = phase();
      Evidence e = new Evidence(kind, clock.instant(), p, passed, summary, figures);
      store(e);
      return e;
    } finally {
      transitions.unlock();
    }
  }

  private void recordIfStillIn(MigrationPhase p, Evidence e) {
    transitions.lock();
    try {
      if (closed || phase() != p) {
        log.warn("graphshift.runbook.evidence_discarded name={} kind={} recorded_in={} now={} (the runbook left the"
            + " phase while the action ran)", name, e.kind(), p, closed ? "closed" : phase());
        return;
      }
      store(e);
    } finally {
      transitions.unlock();
    }
  }

  private void store(Evidence e) {
    persist(s -> s.withEvidence(e), e.phase());
    evidenceRecorded.incrementAndGet();
    log.info("graphshift.runbook.evidence_recorded name={} kind={} passed={} summary={}", name, e.kind(), e.passed(),
        e.summary());
    listeners.emit(() -> new EvidenceRecordedEvent(name, e.at(), e), RunbookListener::onEvidenceRecorded);
  }

  // ------------------------------------------------------------------------------------ state

  private RunbookState loadOrCreate(boolean[] resumed) {
    for (int attempt = 0; attempt < MAX_STORE_ATTEMPTS; attempt++) {
      Optional<RunbookState> stored = store.read(name);
      if (stored.isPresent()) {
        resumed[0] = true;
        return stored.get();
      }
      RunbookState initial = RunbookState.initial(name, clock.instant());
      if (store.compareAndSet(name, 0, initial)) {
        return initial;
      }
    }
    throw new RunbookStateStoreException(store.toString(), "cannot create the state of runbook '" + name + "'", null);
  }

  private RunbookState readState() {
    RunbookState s = store.read(name).orElseThrow(() -> new RunbookStateStoreException(store.toString(),
        "the state of runbook '" + name + "' has disappeared from the store", null));
    state = s;
    return s;
  }

  /** Read-change-compare-and-set, refusing if another process changed the phase meanwhile. */
  private RunbookState persist(UnaryOperator<RunbookState> change, MigrationPhase expected) {
    for (int attempt = 0; attempt < MAX_STORE_ATTEMPTS; attempt++) {
      RunbookState s = readState();
      if (s.phase() != expected) {
        throw new IllegalStateException("runbook '" + name + "' is in " + s.phase() + " in its store, not "
            + expected + ": another process changed it; call refresh()");
      }
      RunbookState next = change.apply(s);
      if (store.compareAndSet(name, s.version(), next)) {
        state = next;
        return next;
      }
    }
    throw new RunbookStateStoreException(store.toString(), "the state of runbook '" + name + "' kept changing; "
        + MAX_STORE_ATTEMPTS + " attempts to store a change failed", null);
  }

  // ------------------------------------------------------------------------------------ status

  /**
   * Where the migration stands: the phase, the next advance's gates evaluated now, dead letters, shadow
   * match rate, cutover share, evidence and recent history. If the store cannot be read, the state last
   * known is shown (and the failure logged).
   */
  public RunbookStatus status() {
    RunbookState s;
    try {
      s = readState();
    } catch (RuntimeException e) {
      log.warn("graphshift.runbook.status_stale name={} error={}", name, e.toString());
      s = state;
    }
    MigrationPhase p = phase();
    Optional<MigrationPhase> next = p.next();
    RunbookState known = s;
    List<GateResult> gates = next.map(n -> evaluate(p, n, known)).orElse(List.of());
    Parts x = parts;
    DualWriteCoordinator dual = x.dualWrite();
    ShadowMetrics shadow = x.shadow() != null ? x.shadow().metrics() : null;
    List<Evidence> evidence = new ArrayList<>(s.evidence().values());
    evidence.sort(Comparator.comparing(Evidence::at).thenComparing(Evidence::kind));
    List<Transition> history = s.history();
    List<Transition> recent = history.subList(Math.max(0, history.size() - RunbookStatus.RECENT_TRANSITIONS),
        history.size());
    return new RunbookStatus(name, clock.instant(), p, next, gates,
        dual != null ? dual.deadLetters().depth() : 0, dual != null ? dual.deadLetters().parkedCount() : 0,
        shadow != null ? shadow.matchRate() : OptionalDouble.empty(), shadow != null ? shadow.compared() : 0,
        cutoverShare(), x.router() != null ? Optional.of(x.router().state()) : Optional.empty(), evidence, recent,
        metrics());
  }

  /** A snapshot of the counters and gauges. */
  public RunbookMetrics metrics() {
    return new RunbookMetrics(name, phase(), advances.get(), forcedAdvances.get(), rollbacks.get(), refusals.get(),
        transitionFailures.get(), adopted.get(), handle.writesHeld(), evidenceRecorded.get(), closeFailures.get(),
        listeners.failures());
  }

  // ------------------------------------------------------------------------------------ close

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("runbook '" + name + "' is closed");
    }
  }

  private void closeAll(List<AutoCloseable> cs) {
    for (AutoCloseable c : cs) {
      try {
        c.close();
      } catch (Exception e) {
        closeFailures.incrementAndGet();
        log.warn("graphshift.runbook.close_failed name={} component={} error={}", name, c, e.toString(), e);
      }
    }
  }

  /**
   * Refuses further calls on the handle, waits (bounded by the transition timeout) for the running ones,
   * and closes the coordinators the runbook runs. The old and new databases and injected stores and
   * executors stay open. The stored state stays: a runbook built again resumes. Idempotent.
   */
  @Override
  public void close() {
    transitions.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      Composition c = handle.current();
      handle.shutdown();
      if (!handle.awaitIdle(List.of(c), System.nanoTime() + config.transitionTimeout().toNanos())) {
        log.warn("graphshift.runbook.close_slow name={} (calls still running after {})", name,
            config.transitionTimeout());
      }
      Parts x = parts;
      List<AutoCloseable> all = new ArrayList<>();
      for (AutoCloseable a : new AutoCloseable[] {x.router(), x.shadow(), x.forward(), x.reverse()}) {
        if (a != null) {
          all.add(a);
        }
      }
      closeAll(all);
      log.info("graphshift.runbook.closed name={} phase={}", name, c.phase());
    } finally {
      transitions.unlock();
    }
  }

  @Override
  public String toString() {
    return "MigrationRunbook[" + name + ", " + phase() + ", " + config.oldDatabase() + " -> " + config.newDatabase()
        + "]";
  }

  /**
   * Builds a {@link MigrationRunbook}. Defaults:
   *
   * <ul>
   *   <li>mapper {@link RecordMapper#identity()}; reverse dual writes off; rollback window {@link
   *       #DEFAULT_ROLLBACK_WINDOW}; transition timeout {@link #DEFAULT_TRANSITION_TIMEOUT}
   *   <li>state store: a {@link FileRunbookStateStore} in {@link #DEFAULT_STATE_DIRECTORY}; the cutover
   *       router's state kept in it
   *   <li>gates: {@link Gates#defaults(MigrationPhase)}; validations: {@link Gates#DEFAULT_VALIDATION_MODES}
   *   <li>no cutover schedule (the share is set by hand); the coordinators' own defaults for dead
   *       letters (a file journal per dual write), executors, schedulers; an in-memory tombstone store; the
   *       UTC system clock; instance id {@code pid-<process id>}
   * </ul>
   *
   * <p>The {@code configure...} options adjust the coordinators the runbook builds, after it has set
   * their name, mapper, clock, stores and executors (setting one of those again fails, naming the
   * earlier setting). They run every time a coordinator is built (on entering a phase, again after a
   * rollback), so they must give the same result each time. For deterministic tests: a same-thread
   * executor, a shadow dispatch interval of zero, a router tick interval of zero (then {@link #tick()}),
   * in-memory stores and queues, a clock moved by hand.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final String name;
    private final GraphDatabase oldDatabase;
    private final GraphDatabase newDatabase;
    private @Nullable RecordMapper mapper;
    private boolean reverse;
    private @Nullable RecordMapper reverseMapper;
    private @Nullable Duration rollbackWindow;
    private @Nullable Duration transitionTimeout;
    private @Nullable DeadLetterQueue deadLetters;
    private @Nullable DeadLetterQueue reverseDeadLetters;
    private @Nullable TombstoneStore tombstones;
    private @Nullable RunbookStateStore stateStore;
    private @Nullable CutoverControlStore controlStore;
    private @Nullable CutoverSchedule schedule;
    private @Nullable Executor executor;
    private @Nullable ScheduledExecutorService scheduler;
    private @Nullable Clock clock;
    private @Nullable String instanceId;
    private @Nullable Set<ValidationReport.Mode> validationModes;
    private final List<RunbookListener> listeners = new ArrayList<>();
    private final EnumMap<MigrationPhase, List<Gate>> replacedGates = new EnumMap<>(MigrationPhase.class);
    private final EnumMap<MigrationPhase, List<Gate>> addedGates = new EnumMap<>(MigrationPhase.class);
    private @Nullable Consumer<DualWriteCoordinator.Builder> dualWriteOptions;
    private @Nullable Consumer<DualWriteCoordinator.Builder> reverseDualWriteOptions;
    private @Nullable Consumer<ShadowReadCoordinator.Builder> shadowReadOptions;
    private @Nullable Consumer<GradualCutoverRouter.Builder> cutoverOptions;
    private @Nullable Consumer<Backfiller.Builder> backfillOptions;
    private @Nullable Consumer<Validator.Builder> validationOptions;

    private Builder(String name, GraphDatabase oldDatabase, GraphDatabase newDatabase) {
      this.name = nonBlank(name, "name");
      this.oldDatabase = requireNonNull(oldDatabase, "oldDatabase");
      this.newDatabase = requireNonNull(newDatabase, "newDatabase");
      if (oldDatabase == newDatabase) {
        throw new IllegalArgumentException("the old and the new database are the same: " + oldDatabase.name());
      }
    }

    /**
     * How old records become new ones (dual writes, backfill, validation, shadow and cutover ids).
     * Default {@link RecordMapper#identity()}.
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
     * In {@link MigrationPhase#DECOMMISSION}, writes the old database after the new one (a dual write in
     * the other direction), so that a rollback stays possible during the rollback window. Needs the
     * identity mapper: a reverse write needs the inverse mapping (see {@link
     * #reverseDualWrites(RecordMapper)}). Default off: the old database gets no writes once the new one
     * is the primary.
     *
     * @throws IllegalStateException if reverse dual writes were set already
     */
    public Builder reverseDualWrites() {
      if (reverse) {
        throw new IllegalStateException("reverseDualWrites was already set"
            + (reverseMapper != null ? " with reverseMapper " + reverseMapper : ""));
      }
      this.reverse = true;
      return this;
    }

    /**
     * As {@link #reverseDualWrites()}, with {@code reverseMapper} turning new records back into old ones:
     * the inverse of the {@link #mapper(RecordMapper) mapper}.
     *
     * @throws IllegalStateException if reverse dual writes were set already
     */
    public Builder reverseDualWrites(RecordMapper reverseMapper) {
      requireNonNull(reverseMapper, "reverseMapper");
      reverseDualWrites();
      this.reverseMapper = reverseMapper;
      return this;
    }

    /**
     * How long the old database stays within reach after the new one became the primary: {@link
     * Gates#rollbackWindowElapsed()} refuses COMPLETE until it has passed. Default {@link
     * #DEFAULT_ROLLBACK_WINDOW}.
     *
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if set already
     */
    public Builder rollbackWindow(Duration value) {
      requireNonNull(value, "rollbackWindow");
      if (value.isNegative()) {
        throw new IllegalArgumentException("rollbackWindow must not be negative: " + value);
      }
      once(rollbackWindow, "rollbackWindow");
      this.rollbackWindow = value;
      return this;
    }

    /**
     * The longest a change of phase waits for running writes and for a dual write to catch up; writes
     * wait that long at most. Default {@link #DEFAULT_TRANSITION_TIMEOUT}.
     *
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if set already
     */
    public Builder transitionTimeout(Duration value) {
      positive(value, "transitionTimeout");
      once(transitionTimeout, "transitionTimeout");
      this.transitionTimeout = value;
      return this;
    }

    /**
     * The forward dual write's dead-letter queue (left open by the runbook). Default: the coordinator's
     * own file journal, {@code graphshift-data/dead-letters/<name>-dual-write.journal}.
     *
     * @throws IllegalStateException if set already
     */
    public Builder deadLetters(DeadLetterQueue value) {
      requireNonNull(value, "deadLetters");
      once(deadLetters, "deadLetters");
      this.deadLetters = value;
      return this;
    }

    /**
     * The reverse dual write's dead-letter queue; one queue serves one dual write, so not the forward
     * one's. Default: the coordinator's own file journal.
     *
     * @throws IllegalArgumentException if it is the forward dual write's queue
     * @throws IllegalStateException if set already
     */
    public Builder reverseDeadLetters(DeadLetterQueue value) {
      requireNonNull(value, "reverseDeadLetters");
      once(reverseDeadLetters, "reverseDeadLetters");
      if (value == deadLetters) {
        throw new IllegalArgumentException("the reverse dual write needs a dead-letter queue of its own, not " + value);
      }
      this.reverseDeadLetters = value;
      return this;
    }

    /**
     * The tombstone store of the forward dual write's backfill view (share a {@code GraphTombstoneStore}
     * among processes). Default: one in-memory store for the runbook's life.
     *
     * @throws IllegalStateException if set already
     */
    public Builder tombstones(TombstoneStore value) {
      requireNonNull(value, "tombstones");
      once(tombstones, "tombstones");
      this.tombstones = value;
      return this;
    }

    /**
     * Where the runbook's state is kept. Default a {@link FileRunbookStateStore} in {@link
     * #DEFAULT_STATE_DIRECTORY}.
     *
     * @throws IllegalStateException if set already
     */
    public Builder stateStore(RunbookStateStore value) {
      requireNonNull(value, "stateStore");
      once(stateStore, "stateStore");
      this.stateStore = value;
      return this;
    }

    /**
     * A control store of the cutover router's own, for a fleet that shares the lever through another
     * store than the runbook's. Default: the router's state is kept in the runbook's state.
     *
     * @throws IllegalStateException if set already
     */
    public Builder controlStore(CutoverControlStore value) {
      requireNonNull(value, "controlStore");
      once(controlStore, "controlStore");
      this.controlStore = value;
      return this;
    }

    /**
     * The cutover schedule, started from its first step every time the runbook advances into {@link
     * MigrationPhase#CUTOVER}. Default none: the share starts at 0 and is set by hand ({@code
     * cutover().get().share(...)}).
     *
     * @throws IllegalStateException if set already
     */
    public Builder schedule(CutoverSchedule value) {
      requireNonNull(value, "schedule");
      once(schedule, "schedule");
      this.schedule = value;
      return this;
    }

    /**
     * The executor of secondary writes and shadow comparisons (not shut down by the runbook); the
     * backfill keeps its own pool (see {@link #configureBackfill(Consumer)}). Default: each coordinator's
     * own threads.
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
     * The scheduler of the dual writes' retry workers, the shadow dispatch and the router's ticks (not
     * shut down by the runbook). Default: each coordinator's own thread.
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
     * The clock of the history, the evidence, the gates and every coordinator. Default the UTC system
     * clock.
     *
     * @throws IllegalStateException if set already
     */
    public Builder clock(Clock value) {
      requireNonNull(value, "clock");
      once(clock, "clock");
      this.clock = value;
      return this;
    }

    /**
     * This process's id, recorded by the cutover router with each change. Default {@code pid-<process id>}.
     *
     * @throws IllegalStateException if set already
     */
    public Builder instanceId(String value) {
      nonBlank(value, "instanceId");
      once(instanceId, "instanceId");
      this.instanceId = value;
      return this;
    }

    /**
     * The validations {@link MigrationRunbook#runValidation()} runs. Default {@link
     * Gates#DEFAULT_VALIDATION_MODES}.
     *
     * @throws IllegalArgumentException if empty
     * @throws IllegalStateException if set already
     */
    public Builder validationModes(Set<ValidationReport.Mode> value) {
      requireNonNull(value, "validationModes");
      if (value.isEmpty()) {
        throw new IllegalArgumentException("validationModes must not be empty");
      }
      once(validationModes, "validationModes");
      this.validationModes = Set.copyOf(value);
      return this;
    }

    /** Adds a listener of the runbook's events. */
    public Builder listener(RunbookListener value) {
      listeners.add(requireNonNull(value, "listener"));
      return this;
    }

    /**
     * Adds a gate checked before entering {@code phase}, besides the default ones (or those given to
     * {@link #gates(MigrationPhase, List)}).
     *
     * @throws IllegalArgumentException if the phase is {@link MigrationPhase#SINGLE_WRITE} (never entered
     *     by an advance)
     */
    public Builder gate(MigrationPhase phase, Gate value) {
      requireNonNull(value, "gate");
      enterable(phase);
      addedGates.computeIfAbsent(phase, p -> new ArrayList<>()).add(value);
      return this;
    }

    /**
     * Replaces the default gates of {@code phase} (an empty list: no gate).
     *
     * @throws IllegalArgumentException if the phase is {@link MigrationPhase#SINGLE_WRITE}
     * @throws IllegalStateException if the gates of that phase were replaced already
     */
    public Builder gates(MigrationPhase phase, List<Gate> value) {
      requireNonNull(value, "gates");
      enterable(phase);
      once(replacedGates.get(phase), "gates(" + phase + ")");
      replacedGates.put(phase, List.copyOf(value));
      return this;
    }

    private static void enterable(MigrationPhase phase) {
      requireNonNull(phase, "phase");
      if (phase == MigrationPhase.SINGLE_WRITE) {
        throw new IllegalArgumentException("no advance enters SINGLE_WRITE: " + phase);
      }
    }

    /**
     * Adjusts the forward dual write (capacity, batch size, backoff, delivery, listeners, ...).
     *
     * @throws IllegalStateException if set already
     */
    public Builder configureDualWrite(Consumer<DualWriteCoordinator.Builder> value) {
      requireNonNull(value, "configureDualWrite");
      once(dualWriteOptions, "configureDualWrite");
      this.dualWriteOptions = value;
      return this;
    }

    /**
     * Adjusts the reverse dual write.
     *
     * @throws IllegalStateException if set already
     */
    public Builder configureReverseDualWrite(Consumer<DualWriteCoordinator.Builder> value) {
      requireNonNull(value, "configureReverseDualWrite");
      once(reverseDualWriteOptions, "configureReverseDualWrite");
      this.reverseDualWriteOptions = value;
      return this;
    }

    /**
     * Adjusts the shadow comparisons (sample rate, comparators, timeouts, listeners, ...).
     *
     * @throws IllegalStateException if set already
     */
    public Builder configureShadowRead(Consumer<ShadowReadCoordinator.Builder> value) {
      requireNonNull(value, "configureShadowRead");
      once(shadowReadOptions, "configureShadowRead");
      this.shadowReadOptions = value;
      return this;
    }

    /**
     * Adjusts the cutover router (key extractor, health gates, tick and poll intervals, listeners, ...;
     * the schedule is {@link #schedule(CutoverSchedule)}).
     *
     * @throws IllegalStateException if set already
     */
    public Builder configureCutover(Consumer<GradualCutoverRouter.Builder> value) {
      requireNonNull(value, "configureCutover");
      once(cutoverOptions, "configureCutover");
      this.cutoverOptions = value;
      return this;
    }

    /**
     * Adjusts the backfill (batch size, rate limit, parallelism, checkpoints, listeners, ...).
     *
     * @throws IllegalStateException if set already
     */
    public Builder configureBackfill(Consumer<Backfiller.Builder> value) {
      requireNonNull(value, "configureBackfill");
      once(backfillOptions, "configureBackfill");
      this.backfillOptions = value;
      return this;
    }

    /**
     * Adjusts the validator (sample size, thresholds, inverse ids, ...).
     *
     * @throws IllegalStateException if set already
     */
    public Builder configureValidation(Consumer<Validator.Builder> value) {
      requireNonNull(value, "configureValidation");
      once(validationOptions, "configureValidation");
      this.validationOptions = value;
      return this;
    }

    /**
     * Builds the runbook: reads its stored state (or stores the initial one, {@link
     * MigrationPhase#SINGLE_WRITE}) and starts the coordinators of that phase.
     *
     * @throws IllegalStateException if reverse dual writes are on without a reverse mapper while the
     *     mapper is not the identity
     * @throws RunbookStateStoreException if the state cannot be read or stored
     */
    public MigrationRunbook build() {
      RecordMapper m = mapper != null ? mapper : RecordMapper.identity();
      Optional<RecordMapper> inverse = Optional.empty();
      if (reverse) {
        if (reverseMapper == null && m != RecordMapper.identity()) {
          throw new IllegalStateException("reverseDualWrites() needs the inverse of mapper(" + m + "): a reverse write"
              + " turns new records back into old ones. Give it with reverseDualWrites(RecordMapper)");
        }
        inverse = Optional.of(reverseMapper != null ? reverseMapper : RecordMapper.identity());
      }
      EnumMap<MigrationPhase, List<Gate>> gates = new EnumMap<>(MigrationPhase.class);
      for (MigrationPhase p : MigrationPhase.values()) {
        List<Gate> g = new ArrayList<>(replacedGates.getOrDefault(p, Gates.defaults(p)));
        g.addAll(addedGates.getOrDefault(p, List.of()));
        gates.put(p, g);
      }
      MigrationRunbookConfig config = new MigrationRunbookConfig(name, oldDatabase.name(), newDatabase.name(), m,
          inverse, rollbackWindow != null ? rollbackWindow : DEFAULT_ROLLBACK_WINDOW,
          transitionTimeout != null ? transitionTimeout : DEFAULT_TRANSITION_TIMEOUT,
          instanceId != null ? instanceId : "pid-" + ProcessHandle.current().pid(), Optional.ofNullable(schedule),
          gates, validationModes != null ? validationModes : Gates.DEFAULT_VALIDATION_MODES,
          stateStore != null ? stateStore : FileRunbookStateStore.in(DEFAULT_STATE_DIRECTORY),
          Optional.ofNullable(controlStore));
      return new MigrationRunbook(this, config);
    }
  }
}
