package dev.graphshift.neo4j.internal;

import dev.graphshift.DatabaseException;
import dev.graphshift.migration.AppliedMigration;
import dev.graphshift.migration.MigrationLock;
import dev.graphshift.migration.MigrationLockedException;
import dev.graphshift.migration.SchemaElement;
import dev.graphshift.migration.SchemaStore;
import dev.graphshift.neo4j.Neo4jValues;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Neo4j side of schema migrations: the application's schema read from {@code SHOW CONSTRAINTS} and
 * {@code SHOW INDEXES}, elements created {@code IF NOT EXISTS}, the log of applied migrations and the
 * migration lock, both as nodes in the database.
 *
 * <p><b>What is read.</b> Uniqueness constraints (and key constraints, read as the uniqueness they imply:
 * the existence part is not carried), and range, text, point and vector indexes not owned by a constraint
 * (the constraint stands for its index), with the index configuration of point and vector indexes as
 * options. Left out without a word: token-lookup indexes (every database has them), the adapter's own
 * schema (the key label's identity constraint and the relationship identity indexes: a target adapter
 * creates its own for its own identity settings) and the bookkeeping constraints. Left out with a warning
 * ({@code graphshift.neo4j.schema_not_carried}): existence and property-type constraints, full-text
 * indexes and any kind this code does not know.
 *
 * <p><b>Lock.</b> {@code MERGE} of the one lock node under the uniqueness constraint on {@code lock} (created
 * {@code IF NOT EXISTS} before every attempt): the constraint makes the {@code MERGE} atomic, so of
 * concurrent callers exactly one creates the node, and the others find it and learn its holder in the same
 * transaction. Each acquisition stores a random token; releasing deletes the node only if owner and token
 * are still this acquisition's, so a lock broken and taken again is never released by the run that lost it.
 *
 * <p>Thread-safe.
 */
public final class SchemaMigrations {

  private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);
  private static final String LOCK = "lock";
  private static final SchemaElement LOCK_CONSTRAINT = SchemaElement.uniqueNode(SchemaStore.LOCK_LABEL, LOCK);
  private static final SchemaElement MIGRATION_CONSTRAINT = SchemaElement.uniqueNode(SchemaStore.MIGRATION_LABEL, "name");

  private final Context ctx;
  private final Clock clock;

  /**
   * Creates the schema side of an adapter.
   *
   * @param ctx the adapter's shared parts
   * @param clock the clock of lock times
   */
  public SchemaMigrations(Context ctx, Clock clock) {
    this.ctx = ctx;
    this.clock = clock;
  }

  /** One row of {@code SHOW CONSTRAINTS} or {@code SHOW INDEXES}, with its element where the model has one. */
  private record Found(String name, String type, Optional<SchemaElement> element, boolean ownedIndex) {}

  // ---------------------------------------------------------------------------------------- reading

  /** The application's schema, in the order Neo4j lists it (constraints, then indexes, by name). */
  public List<SchemaElement> read() {
    List<SchemaElement> schema = new ArrayList<>();
    for (Found found : found()) {
      if (found.element().isEmpty()) {
        if (!found.type().equals("LOOKUP")) {
          log.warn("graphshift.neo4j.schema_not_carried name={} element={} type={}: GraphShift carries uniqueness "
              + "constraints and range, text, point and vector indexes on one label or type", ctx.name(),
              found.name(), found.type());
        }
        continue;
      }
      SchemaElement element = found.element().get();
      if (!found.ownedIndex() && !bookkeeping(element) && !adapters(element)) {
        schema.add(element);
      }
    }
    return List.copyOf(schema);
  }

  private List<Found> found() {
    return ctx.bolt().read("read schema", List.of(), tx -> {
      List<Found> all = new ArrayList<>();
      for (Record row : tx.run(Cypher.showConstraints()).list()) {
        all.add(constraint(row));
      }
      for (Record row : tx.run(Cypher.showIndexes()).list()) {
        all.add(index(row));
      }
      return all;
    });
  }

  private static Found constraint(Record row) {
    String type = row.get("type").asString();
    boolean unique = type.contains("UNIQUENESS") || type.endsWith("KEY");
    return new Found(row.get("name").asString(), type, unique ? element(SchemaElement.Kind.UNIQUENESS_CONSTRAINT, row,
        Map.of()) : Optional.empty(), false);
  }

  private static Found index(Record row) {
    String type = row.get("type").asString();
    boolean owned = !row.get("owningConstraint").isNull();
    Optional<SchemaElement> element = switch (type) {
      case "RANGE" -> element(SchemaElement.Kind.INDEX, row, Map.of());
      case "TEXT" -> element(SchemaElement.Kind.TEXT_INDEX, row, Map.of());
      case "POINT" -> element(SchemaElement.Kind.POINT_INDEX, row, indexConfig(row));
      case "VECTOR" -> element(SchemaElement.Kind.VECTOR_INDEX, row, indexConfig(row));
      default -> Optional.empty();
    };
    return new Found(row.get("name").asString(), type, element, owned);
  }

  /** The element of a row on exactly one label or type, or empty (full-text indexes span several). */
  private static Optional<SchemaElement> element(SchemaElement.Kind kind, Record row, Map<String, Object> options) {
    Value labels = row.get("labelsOrTypes");
    Value properties = row.get("properties");
    if (labels.isNull() || labels.size() != 1 || properties.isNull() || properties.size() == 0) {
      return Optional.empty();
    }
    SchemaElement.Entity entity = row.get("entityType").asString().toUpperCase(Locale.ROOT).startsWith("REL")
        ? SchemaElement.Entity.RELATIONSHIP : SchemaElement.Entity.NODE;
    return Optional.of(new SchemaElement(kind, entity, labels.get(0).asString(),
        properties.asList(Value::asString), options));
  }

  /** The index configuration of a row's options as model values, in key order. */
  private static Map<String, Object> indexConfig(Record row) {
    Value config = row.get("options").get("indexConfig");
    Map<String, Object> options = new TreeMap<>();
    if (!config.isNull()) {
      for (String key : config.keys()) {
        options.put(key, Neo4jValues.toModel(config.get(key), false));
      }
    }
    return options;
  }

  private static boolean bookkeeping(SchemaElement element) {
    return element.labelOrType().startsWith(SchemaStore.BOOKKEEPING_LABEL_PREFIX);
  }

  /** Whether the adapter keeps this element itself: the key label's identity constraint, a relationship identity index. */
  private boolean adapters(SchemaElement element) {
    Optional<String> nodeKey = ctx.nodeIdentity().propertyKey();
    Optional<String> relationshipKey = ctx.relationshipIdentity().propertyKey();
    if (element.entity() == SchemaElement.Entity.NODE) {
      return element.kind() == SchemaElement.Kind.UNIQUENESS_CONSTRAINT && ctx.keyLabel().isPresent()
          && nodeKey.isPresent() && element.labelOrType().equals(ctx.keyLabel().get())
          && element.properties().equals(List.of(nodeKey.get()));
    }
    return element.kind() == SchemaElement.Kind.INDEX && relationshipKey.isPresent()
        && element.properties().equals(List.of(relationshipKey.get()));
  }

  // --------------------------------------------------------------------------------------- creating

  /**
   * Creates the element {@code IF NOT EXISTS} under its migration name.
   *
   * @return whether Neo4j created it (its summary counters say so); false if an equivalent element exists
   * @throws DatabaseException if Neo4j refuses it (duplicate values under a new uniqueness constraint, an
   *     index where a constraint is wanted), or created nothing although it has no equivalent element: then an
   *     element of the same name has another definition
   */
  public boolean create(SchemaElement element) {
    String statement = Cypher.createSchemaElement(element);
    Map<String, Object> parameters = element.options().isEmpty() ? Map.of()
        : Map.of("indexConfig", element.options());
    if (ctx.bolt().createSchema("create " + element.migrationName(), statement, parameters)) {
      log.info("graphshift.neo4j.schema_created name={} element={}", ctx.name(), element.migrationName());
      return true;
    }
    if (!present(element)) {
      throw new DatabaseException(ctx.name(), "cannot create " + element.describe() + ": Neo4j created nothing "
          + "and has no such element, so an index or constraint named '" + element.migrationName()
          + "' exists with another definition; drop it and run the migrations again", null);
    }
    return false;
  }

  /** Whether Neo4j has an element of the same kind on the same label or type and properties (options aside). */
  private boolean present(SchemaElement wanted) {
    for (Found found : found()) {
      Optional<SchemaElement> e = found.element();
      if (e.isPresent() && e.get().kind() == wanted.kind() && e.get().entity() == wanted.entity()
          && e.get().labelOrType().equals(wanted.labelOrType()) && e.get().properties().equals(wanted.properties())) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------------------------ bookkeeping

  /** The applied migrations, in the order they were applied. */
  public List<AppliedMigration> applied() {
    return ctx.bolt().read("read applied migrations", List.of(), tx -> {
      List<AppliedMigration> applied = new ArrayList<>();
      for (Record row : tx.run(Cypher.appliedMigrations()).list()) {
        applied.add(new AppliedMigration(row.get("name").asString(), text(row.get("description")),
            instant(row.get("appliedAt")), text(row.get("appliedBy"))));
      }
      return applied;
    });
  }

  /** Records a migration as applied (again: then it moves to the end of the log). */
  public void recordApplied(AppliedMigration migration) {
    Map<String, Object> parameters = Map.of("name", migration.name(), "description", migration.description(),
        "appliedAt", migration.appliedAt().atOffset(ZoneOffset.UTC), "appliedBy", migration.appliedBy());
    ctx.bolt().write("record migration " + migration.name(), List.of(),
        tx -> tx.run(Cypher.recordMigration(), parameters).consume());
  }

  /**
   * Takes the lock for {@code owner}.
   *
   * @throws MigrationLockedException naming the holder, if another acquisition holds it
   */
  public MigrationLock lock(String owner) {
    ensureConstraint(LOCK_CONSTRAINT);
    ensureConstraint(MIGRATION_CONSTRAINT);
    Instant since = clock.instant();
    String token = UUID.randomUUID().toString();
    Map<String, Object> parameters = Map.of("lock", LOCK, "owner", owner, "since", since.atOffset(ZoneOffset.UTC),
        "token", token);
    Record row = ctx.bolt().write("take the migration lock", List.of(),
        tx -> tx.run(Cypher.acquireMigrationLock(), parameters).single());
    if (!row.get("acquired").asBoolean(false)) {
      throw new MigrationLockedException(ctx.name(), text(row.get("owner")), instant(row.get("since")));
    }
    log.info("graphshift.neo4j.migration_locked name={} owner={}", ctx.name(), owner);
    return new Lock(owner, since, token);
  }

  /** Removes the lock whoever holds it. */
  public void breakLock() {
    ctx.bolt().write("break the migration lock", List.of(), tx -> tx.run(Cypher.breakMigrationLock()).consume());
  }

  private void ensureConstraint(SchemaElement constraint) {
    ctx.bolt().createSchema("create " + constraint.migrationName(), Cypher.createSchemaElement(constraint), Map.of());
  }

  /** A bookkeeping string, empty where a record written by hand lacks it. */
  private static String text(Value value) {
    return value.isNull() ? "" : value.asString();
  }

  /** A bookkeeping time, the epoch where a record written by hand lacks it. */
  private static Instant instant(Value value) {
    return value.isNull() ? Instant.EPOCH : value.asZonedDateTime().toInstant();
  }

  /** One acquisition of the lock; closing deletes the lock node if this acquisition still holds it. */
  private final class Lock implements MigrationLock {
    private final String owner;
    private final Instant since;
    private final String token;
    private boolean released;

    Lock(String owner, Instant since, String token) {
      this.owner = owner;
      this.since = since;
      this.token = token;
    }

    @Override
    public String owner() {
      return owner;
    }

    @Override
    public Instant acquiredAt() {
      return since;
    }

    @Override
    public synchronized void close() {
      if (released) {
        return;
      }
      Map<String, Object> parameters = Map.of("lock", LOCK, "owner", owner, "token", token);
      ctx.bolt().write("release the migration lock", List.of(),
          tx -> tx.run(Cypher.releaseMigrationLock(), parameters).consume());
      released = true;
      log.info("graphshift.neo4j.migration_unlocked name={} owner={}", ctx.name(), owner);
    }
  }
}
