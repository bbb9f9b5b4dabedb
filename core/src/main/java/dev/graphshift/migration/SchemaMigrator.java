package dev.graphshift.migration;

import static dev.graphshift.backfill.internal.Preconditions.nonBlank;
import static dev.graphshift.backfill.internal.Preconditions.once;
import static java.util.Objects.requireNonNull;

import dev.graphshift.ConfigurationException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.backfill.internal.ListenerSupport;
import dev.graphshift.mapping.RecordMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code migrations run}: creates on the target the equivalent of the source's uniqueness constraints and
 * indexes, as nodestream's migrations do for their targets.
 *
 * <pre>{@code
 * MigrationReport report = SchemaMigrator.builder(neo4jSource, neo4jTarget).mapper(mapper).build().run();
 * System.out.println(report.toText());
 * }</pre>
 *
 * <p>A run reads the source's schema, translates each element through the mapping (elements whose label
 * or type is not carried over are reported, not created), takes the target's migration lock, creates each
 * element not yet recorded as applied ({@code IF NOT EXISTS}: an element the target has already is
 * reported as present) and records it, then releases the lock. A second run meanwhile fails at once with
 * {@link MigrationLockedException}; a later run finds every migration applied and reports the target up
 * to date. A target whose {@code capabilities().schema()} is false (Neptune, Engram) gets a reported
 * no-op; a source without schema has nothing to migrate.
 *
 * <p>The schema of a database is its {@link SchemaStore}: the database itself when it implements that
 * interface (as the Neo4j adapter does), or one given to the builder (for a database wrapped in a
 * coordinator). There is no rollback, as in nodestream.
 *
 * <p>Thread-safe.
 */
public final class SchemaMigrator {
  /** The default name. */
  public static final String DEFAULT_NAME = "migrations";

  private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

  private final SchemaMigratorConfig config;
  private final GraphDatabase source;
  private final GraphDatabase target;
  private final @Nullable SchemaStore sourceSchema;
  private final @Nullable SchemaStore targetSchema;
  private final SchemaTranslation translation;
  private final Clock clock;
  private final ListenerSupport<MigrationListener> listeners;
  private final LongAdder runs = new LongAdder();
  private final LongAdder noOps = new LongAdder();
  private final LongAdder created = new LongAdder();
  private final LongAdder present = new LongAdder();
  private final LongAdder alreadyApplied = new LongAdder();
  private final LongAdder notCarried = new LongAdder();
  private final LongAdder lockConflicts = new LongAdder();

  private SchemaMigrator(Builder b) {
    this.config = new SchemaMigratorConfig(b.name != null ? b.name : DEFAULT_NAME,
        b.owner != null ? b.owner : defaultOwner());
    this.source = b.source;
    this.target = b.target;
    this.sourceSchema = b.sourceSchema != null ? b.sourceSchema
        : b.source instanceof SchemaStore s ? s : null;
    this.targetSchema = b.targetSchema != null ? b.targetSchema
        : b.target instanceof SchemaStore s ? s : null;
    this.translation = b.translation != null ? b.translation
        : SchemaTranslation.through(b.mapper != null ? b.mapper : RecordMapper.identity());
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.listeners = new ListenerSupport<>(config.name(), "graphshift.migration", b.listeners, log);
  }

  private static String defaultOwner() {
    String host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
    return "graphshift@" + host + ":" + ProcessHandle.current().pid();
  }

  /**
   * A builder for migrations from {@code source}'s schema to {@code target}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(GraphDatabase source, GraphDatabase target) {
    return new Builder(source, target);
  }

  /** The settings. */
  public SchemaMigratorConfig config() {
    return config;
  }

  /** The migrator's name. */
  public String name() {
    return config.name();
  }

  /**
   * Applies the pending migrations.
   *
   * @return what was done; {@link MigrationReport.Status#NOT_SUPPORTED} for a target without schema
   * @throws MigrationLockedException if another run holds the target's lock
   * @throws ConfigurationException if the target declares a schema but offers no {@link SchemaStore}
   */
  public MigrationReport run() {
    Instant startedAt = clock.instant();
    if (!target.capabilities().schema()) {
      noOps.increment();
      String note = "the target '" + target.name() + "' has no schema (constraints or indexes): nothing to do";
      log.info("graphshift.migration.no_op name={} target={}", config.name(), target.name());
      return finish(new MigrationReport(config.name(), source.name(), target.name(),
          MigrationReport.Status.NOT_SUPPORTED, List.of(), List.of(note), startedAt, clock.instant()));
    }
    SchemaStore store = targetStore();
    List<String> notes = new ArrayList<>();
    Map<SchemaElement, @Nullable SchemaElement> plan = translate(notes);
    List<MigrationOutcome> outcomes = new ArrayList<>();
    MigrationLock lock;
    try {
      lock = store.lock(config.owner());
    } catch (MigrationLockedException e) {
      lockConflicts.increment();
      log.warn("graphshift.migration.locked name={} target={} holder={} since={}", config.name(), target.name(),
          e.holder(), e.since());
      throw e;
    }
    RuntimeException failure = null;
    try {
      Set<String> applied = new HashSet<>();
      for (AppliedMigration m : store.appliedMigrations()) {
        applied.add(m.name());
      }
      for (Map.Entry<SchemaElement, @Nullable SchemaElement> e : plan.entrySet()) {
        outcomes.add(apply(store, applied, e.getKey(), e.getValue()));
      }
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      release(lock, failure);
    }
    boolean any = outcomes.stream().anyMatch(o -> o.result() == MigrationOutcome.Result.CREATED
        || o.result() == MigrationOutcome.Result.ALREADY_PRESENT);
    return finish(new MigrationReport(config.name(), source.name(), target.name(),
        any ? MigrationReport.Status.APPLIED : MigrationReport.Status.UP_TO_DATE, outcomes, notes, startedAt,
        clock.instant()));
  }

  /**
   * Releases the lock. When the run failed, a failure to release is attached to the run's failure
   * (suppressed) instead of replacing it, so the caller learns why the run stopped.
   */
  private void release(MigrationLock lock, @Nullable RuntimeException failure) {
    try {
      lock.close();
    } catch (RuntimeException e) {
      if (failure == null) {
        throw e;
      }
      log.warn("graphshift.migration.unlock_failed name={} target={} owner={} error={}", config.name(),
          target.name(), lock.owner(), e.toString());
      failure.addSuppressed(e);
    }
  }

  /**
   * The migrations a run would consider, without taking the lock or changing anything (a dry run): one
   * outcome per source element, {@code NOT_CARRIED} or {@code ALREADY_APPLIED} where that is known, and
   * otherwise {@code CREATED} for what would be applied.
   */
  public List<MigrationOutcome> plan() {
    if (!target.capabilities().schema()) {
      return List.of();
    }
    SchemaStore store = targetStore();
    Set<String> applied = new HashSet<>();
    for (AppliedMigration m : store.appliedMigrations()) {
      applied.add(m.name());
    }
    List<MigrationOutcome> outcomes = new ArrayList<>();
    for (Map.Entry<SchemaElement, @Nullable SchemaElement> e : translate(new ArrayList<>()).entrySet()) {
      SchemaElement from = e.getKey();
      SchemaElement to = e.getValue();
      if (to == null) {
        outcomes.add(notCarriedOutcome(from));
      } else if (applied.contains(to.migrationName())) {
        outcomes.add(new MigrationOutcome(from, to, MigrationOutcome.Result.ALREADY_APPLIED, "applied before"));
      } else {
        outcomes.add(new MigrationOutcome(from, to, MigrationOutcome.Result.CREATED, "would create " + to.describe()));
      }
    }
    return outcomes;
  }

  /** Removes the target's migration lock whoever holds it, for a run that died holding it. */
  public void breakLock() {
    if (target.capabilities().schema()) {
      log.warn("graphshift.migration.lock_broken name={} target={}", config.name(), target.name());
      targetStore().breakLock();
    }
  }

  /** A snapshot of the counters. */
  public MigrationMetrics metrics() {
    return new MigrationMetrics(config.name(), runs.sum(), noOps.sum(), created.sum(), present.sum(),
        alreadyApplied.sum(), notCarried.sum(), lockConflicts.sum(), listeners.failures());
  }

  private SchemaStore targetStore() {
    if (targetSchema == null) {
      throw new ConfigurationException(config.name(), "the target '" + target.name() + "' declares a schema "
          + "but is not a SchemaStore; pass its schema store to SchemaMigrator.Builder.targetSchema", null);
    }
    return targetSchema;
  }

  /** Source element to target element, in the source's order; a null value means not carried. */
  private Map<SchemaElement, @Nullable SchemaElement> translate(List<String> notes) {
    Map<SchemaElement, @Nullable SchemaElement> plan = new LinkedHashMap<>();
    if (sourceSchema == null) {
      notes.add("the source '" + source.name() + "' has no schema store: nothing to migrate");
      return plan;
    }
    for (SchemaElement element : sourceSchema.readSchema()) {
      plan.put(element, translation.translate(element).orElse(null));
    }
    return plan;
  }

  private MigrationOutcome notCarriedOutcome(SchemaElement from) {
    return new MigrationOutcome(from, from, MigrationOutcome.Result.NOT_CARRIED, "the mapping does not carry "
        + (from.entity() == SchemaElement.Entity.NODE ? "label '" : "type '") + from.labelOrType() + "' over");
  }

  private MigrationOutcome apply(SchemaStore store, Set<String> applied, SchemaElement from, @Nullable SchemaElement to) {
    if (to == null) {
      notCarried.increment();
      return notCarriedOutcome(from);
    }
    String migration = to.migrationName();
    if (!applied.add(migration)) {
      alreadyApplied.increment();
      return new MigrationOutcome(from, to, MigrationOutcome.Result.ALREADY_APPLIED, "applied before");
    }
    boolean wasCreated = store.create(to);
    Instant at = clock.instant();
    store.recordApplied(new AppliedMigration(migration, to.describe(), at, config.owner()));
    (wasCreated ? created : present).increment();
    log.info("graphshift.migration.applied name={} target={} migration={} created={}", config.name(),
        target.name(), migration, wasCreated);
    listeners.emit(() -> new MigrationAppliedEvent(config.name(), at, target.name(), migration, wasCreated),
        MigrationListener::onApplied);
    return new MigrationOutcome(from, to, wasCreated ? MigrationOutcome.Result.CREATED
        : MigrationOutcome.Result.ALREADY_PRESENT, (wasCreated ? "created " : "present already: ") + to.describe());
  }

  private MigrationReport finish(MigrationReport report) {
    runs.increment();
    log.info("graphshift.migration.completed name={} target={} status={} outcomes={}", config.name(),
        target.name(), report.status(), report.outcomes().size());
    listeners.emit(() -> new MigrationsCompletedEvent(config.name(), report.finishedAt(), report),
        MigrationListener::onCompleted);
    return report;
  }

  @Override
  public String toString() {
    return "SchemaMigrator[" + config.name() + ", " + source.name() + " -> " + target.name() + "]";
  }

  /**
   * Builds a {@link SchemaMigrator}. Defaults: the identity mapping, schema stores found by {@code
   * instanceof}, an owner naming the host and process, the UTC system clock. Every setting may be set once.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final GraphDatabase source;
    private final GraphDatabase target;
    private @Nullable String name;
    private @Nullable String owner;
    private @Nullable RecordMapper mapper;
    private @Nullable SchemaTranslation translation;
    private @Nullable SchemaStore sourceSchema;
    private @Nullable SchemaStore targetSchema;
    private @Nullable Clock clock;
    private final List<MigrationListener> listeners = new ArrayList<>();

    private Builder(GraphDatabase source, GraphDatabase target) {
      this.source = requireNonNull(source, "source");
      this.target = requireNonNull(target, "target");
    }

    /**
     * The name for logs, events and metrics. Default {@value SchemaMigrator#DEFAULT_NAME}.
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
     * Who takes the lock and is recorded as applying. Default {@code graphshift@<host>:<pid>}.
     *
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException if set already
     */
    public Builder owner(String value) {
      once(owner, "owner");
      this.owner = nonBlank(value, "owner");
      return this;
    }

    /**
     * Translates labels and types through this mapper ({@link SchemaTranslation#through(RecordMapper)}).
     *
     * @throws IllegalStateException if set already, or a translation was set
     */
    public Builder mapper(RecordMapper value) {
      requireNonNull(value, "mapper");
      once(mapper, "mapper");
      once(translation, "translation");
      this.mapper = value;
      return this;
    }

    /**
     * Translates schema elements with this function instead of a mapper.
     *
     * @throws IllegalStateException if set already, or a mapper was set
     */
    public Builder translation(SchemaTranslation value) {
      requireNonNull(value, "translation");
      once(translation, "translation");
      once(mapper, "mapper");
      this.translation = value;
      return this;
    }

    /**
     * The source's schema, when the source database does not implement {@link SchemaStore} itself.
     *
     * @throws IllegalStateException if set already
     */
    public Builder sourceSchema(SchemaStore value) {
      requireNonNull(value, "sourceSchema");
      once(sourceSchema, "sourceSchema");
      this.sourceSchema = value;
      return this;
    }

    /**
     * The target's schema, when the target database does not implement {@link SchemaStore} itself.
     *
     * @throws IllegalStateException if set already
     */
    public Builder targetSchema(SchemaStore value) {
      requireNonNull(value, "targetSchema");
      once(targetSchema, "targetSchema");
      this.targetSchema = value;
      return this;
    }

    /**
     * The clock for events and the applied-at times. Default the UTC system clock.
     *
     * @throws IllegalStateException if set already
     */
    public Builder clock(Clock value) {
      requireNonNull(value, "clock");
      once(clock, "clock");
      this.clock = value;
      return this;
    }

    /** Adds a listener; may be called several times. */
    public Builder listener(MigrationListener value) {
      listeners.add(requireNonNull(value, "listener"));
      return this;
    }

    /** Builds the migrator. */
    public SchemaMigrator build() {
      return new SchemaMigrator(this);
    }
  }
}
