package dev.graphshift.neo4j;

import static java.util.Objects.requireNonNull;

import dev.graphshift.Capabilities;
import dev.graphshift.DatabaseException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.QueryResult;
import dev.graphshift.Relationship;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.UnknownQueryException;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.migration.AppliedMigration;
import dev.graphshift.migration.MigrationLock;
import dev.graphshift.migration.SchemaElement;
import dev.graphshift.migration.SchemaStore;
import dev.graphshift.neo4j.internal.Bolt;
import dev.graphshift.neo4j.internal.Context;
import dev.graphshift.neo4j.internal.Cypher;
import dev.graphshift.neo4j.internal.Events;
import dev.graphshift.neo4j.internal.NodeWriter;
import dev.graphshift.neo4j.internal.RelationshipWriter;
import dev.graphshift.neo4j.internal.Scanner;
import dev.graphshift.neo4j.internal.SchemaKeeper;
import dev.graphshift.neo4j.internal.SchemaMigrations;
import java.net.URI;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.Neo4jException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neo4j (5.x, over Bolt) as a GraphShift source and target.
 *
 * <pre>{@code
 * GraphDatabase neo4j = Neo4jGraphDatabase.builder("neo4j", "neo4j://db.internal:7687")
 *     .auth("migrator", password)
 *     .keyLabel("Entity")                       // every node carries it; (:Entity {id}) is unique
 *     .query("friendsOf", "MATCH (:Entity {id: $id})-[:KNOWS]-(f) RETURN f.id AS id, 1.0 AS score")
 *     .build();
 * // or around the application's own driver, which the adapter then never closes:
 * GraphDatabase fromApp = Neo4jGraphDatabase.builder("neo4j", appDriver).keyLabel("Entity").build();
 * }</pre>
 *
 * <p><b>Identity.</b> A node's id is the value of its identity property ({@code id} by default; see {@link
 * Neo4jIdentity}). With a <em>key label</em>, every node written carries that label, writes {@code MERGE} and
 * reads look up {@code (:KeyLabel {id: $id})} through the uniqueness constraint the adapter creates {@code IF
 * NOT EXISTS} (unless {@link Builder#manageSchema(boolean)} is off), and reads hide the label. Without one,
 * lookups match {@code ({id: $id})}, which scans every node: fine for small graphs, slow for large ones (a
 * warning is logged at build). With the element id as identity, the adapter is a read-only source: writes are
 * rejected with {@link dev.graphshift.Rules#IDENTITY_NOT_WRITABLE}. Relationships likewise have an identity
 * property ({@code id}; the adapter creates a range index on it per type) or the element id. The identity
 * property is not part of the properties read, and a record that names it as a property (or a node that
 * carries the key label itself) is rejected with {@link dev.graphshift.Rules#NEO4J_IDENTITY_CONFLICT}. A
 * label, type or property key holding a NUL character, which Neo4j refuses as a token name, is rejected
 * with {@link dev.graphshift.Rules#NEO4J_NAME_INVALID} (sent, it would fail its whole batch).
 *
 * <p><b>Writes.</b> Every batch is checked by {@link dev.graphshift.RecordRules} first; the accepted records
 * are written in transactions of {@link Builder#batchSize(int)} records, each one {@code UNWIND $rows}
 * statement (relationships: one per type), all data as parameters; labels, types and keys in statement text
 * are escaped. UPSERT replaces labels (dynamic {@code SET n:$(labels)}/{@code REMOVE n:$(stale)}) and all
 * properties; INSERT_IF_ABSENT ({@code MERGE ... ON CREATE}) counts existing records as skipped. A
 * relationship whose endpoint is missing is rejected with {@link dev.graphshift.Rules#DANGLING_ENDPOINT}
 * naming the missing id; the rest of the batch is written. Writes run in the driver's managed transactions,
 * which retry transient failures for {@link Builder#maxRetryTime(Duration)}.
 *
 * <p><b>Reads.</b> Counts come from the count store. Scans seek windows of internal ids directly, so a page
 * costs the same wherever it lies; the cursor fixes the scan's upper bound when it starts. A node or
 * relationship without its identity value is reported in {@link ScanPage#rejected()} with {@link
 * dev.graphshift.Rules#IDENTITY_MISSING}. Values follow {@link Neo4jValues} (durations and points become
 * strings by a documented rule; lists of floats under the {@link Builder#vectorProperties(Set) vector
 * properties} become {@code float[]}).
 *
 * <p><b>Errors.</b> An unreachable server is a {@link dev.graphshift.DatabaseUnavailableException}; other
 * retryable failures a {@link dev.graphshift.TransientDatabaseException}; refused credentials an {@link
 * dev.graphshift.AuthenticationException}; anything else a {@link DatabaseException} naming the records the
 * request carried. The driver's exception is the cause. No message holds the password.
 *
 * <p><b>Events and metrics.</b> Registered {@link Neo4jListener}s hear of every write call ({@link
 * BatchWrittenEvent}) and every failure ({@link OperationFailedEvent}), stamped by the builder's clock;
 * {@link #metrics()} is a snapshot of the counters.
 *
 * <p><b>Schema migrations.</b> The adapter is a {@link SchemaStore}, which {@link
 * dev.graphshift.migration.SchemaMigrator} finds on its own: it reads the application's uniqueness
 * constraints and range, text, point and vector indexes ({@code SHOW CONSTRAINTS}, {@code SHOW INDEXES}),
 * creates them {@code IF NOT EXISTS} under their migration names, records applied migrations as {@code
 * (:__GraphShiftMigration {name})} nodes and holds the migration lock as one {@code
 * (:__GraphShiftMigrationLock {lock: 'lock'})} node under a uniqueness constraint. These bookkeeping nodes
 * are the adapter's, not the graph's: node scans, samples, {@link #countNodes()}, {@link
 * #countNodesByLabel()} and lookups leave them out, so a backfill never copies them and a validation never
 * counts them. See {@code docs/neo4j.md}.
 *
 * <p>Thread-safe.
 */
public final class Neo4jGraphDatabase implements GraphDatabase, SchemaStore {

  /** The default number of records streamed per round trip: 1 000. */
  public static final int DEFAULT_FETCH_SIZE = 1_000;
  /** The default number of records per write transaction: 1 000. */
  public static final int DEFAULT_BATCH_SIZE = 1_000;
  /** The largest batch size accepted: 100 000. */
  public static final int MAX_BATCH_SIZE = 100_000;
  /** The default transaction timeout: 60 s. */
  public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(60);
  /** The default time the driver retries a transiently failing transaction: 30 s. */
  public static final Duration DEFAULT_MAX_RETRY_TIME = Duration.ofSeconds(30);
  /** The default connection timeout: 10 s. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(Neo4jGraphDatabase.class);

  private final Neo4jConfig config;
  private final Driver driver;
  private final Context ctx;
  private final NodeWriter nodeWriter;
  private final RelationshipWriter relationshipWriter;
  private final Scanner scanner;
  private final SchemaMigrations schemaMigrations;
  private final Events events;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final LongAdder nodesWritten = new LongAdder();
  private final LongAdder nodesSkipped = new LongAdder();
  private final LongAdder relationshipsWritten = new LongAdder();
  private final LongAdder relationshipsSkipped = new LongAdder();
  private final LongAdder recordsRejected = new LongAdder();
  private final LongAdder idsDeleted = new LongAdder();
  private final LongAdder recordsScanned = new LongAdder();
  private final LongAdder scanRejected = new LongAdder();

  private Neo4jGraphDatabase(Neo4jConfig config, Driver driver, Events events, Clock clock) {
    this.config = config;
    this.driver = driver;
    this.events = events;
    Optional<String> nodeKey = config.nodeIdentity().propertyKey();
    Optional<String> relationshipKey = config.relationshipIdentity().propertyKey();
    TransactionConfig tx = TransactionConfig.builder().withTimeout(config.transactionTimeout()).build();
    Neo4jRecords records = Neo4jRecords.builder()
        .nodeIdentity(config.nodeIdentity())
        .keyLabel(config.keyLabel())
        .relationshipIdentity(config.relationshipIdentity())
        .vectorProperties(config.vectorProperties())
        .build();
    this.ctx = new Context(config.name(), new Bolt(config.name(), driver, config.database(), config.fetchSize(), tx, events),
        new Cypher(nodeKey, config.keyLabel(), relationshipKey), records, config.nodeIdentity(), config.keyLabel(),
        config.relationshipIdentity(), config.batchSize(),
        new SchemaKeeper(config.name(), config.manageSchema(), config.keyLabel().isPresent(), relationshipKey.isPresent()));
    this.nodeWriter = new NodeWriter(ctx);
    this.relationshipWriter = new RelationshipWriter(ctx);
    this.scanner = new Scanner(ctx);
    this.schemaMigrations = new SchemaMigrations(ctx, clock);
  }

  /**
   * A builder for an adapter that creates (and closes) its own driver.
   *
   * @param name the database's name, carried by logs, metrics and exceptions
   * @param uri the Bolt URI, for example {@code neo4j://host:7687} or {@code bolt+s://host:7687}
   * @throws IllegalArgumentException if the name is blank or the URI is not a URI
   */
  public static Builder builder(String name, String uri) {
    requireNonNull(uri, "uri");
    try {
      return new Builder(name, URI.create(uri), null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a Bolt URI: '" + uri + "'", e);
    }
  }

  /** A builder for an adapter that creates (and closes) its own driver. */
  public static Builder builder(String name, URI uri) {
    return new Builder(name, requireNonNull(uri, "uri"), null);
  }

  /**
   * A builder for an adapter around an existing driver (the application's): the adapter uses it but never
   * closes it, and connection settings (URI, authentication, TLS, timeouts) are the driver's own.
   */
  public static Builder builder(String name, Driver driver) {
    return new Builder(name, null, requireNonNull(driver, "driver"));
  }

  /** The settings this adapter was built with (never the password). */
  public Neo4jConfig config() {
    return config;
  }

  /** The reader this adapter turns driver records into the model with. */
  public Neo4jRecords records() {
    return ctx.records();
  }

  /** A snapshot of the counters. */
  public Neo4jMetrics metrics() {
    return new Neo4jMetrics(config.name(), nodesWritten.sum(), nodesSkipped.sum(), relationshipsWritten.sum(),
        relationshipsSkipped.sum(), recordsRejected.sum(), idsDeleted.sum(), recordsScanned.sum(),
        scanRejected.sum(), ctx.bolt().failures(), events.listenerFailures());
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder()
        .relationships(true)
        .nodeDeletes(true)
        .relationshipDeletes(true)
        .conditionalWrites(true)
        .nativeVectors(false)
        .transactions(true)
        .schema(true)
        .build();
  }

  // ------------------------------------------------------------------------------------------ writes

  @Override
  public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
    requireNonNull(mode, "mode");
    WriteResult result = nodeWriter.write(requireNonNull(nodes, "nodes"), mode);
    nodesWritten.add(result.written());
    nodesSkipped.add(result.skipped());
    recordsRejected.add(result.rejected().size());
    events.batchWritten("node", nodes, result);
    return result;
  }

  @Override
  public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
    requireNonNull(mode, "mode");
    WriteResult result = relationshipWriter.write(requireNonNull(relationships, "relationships"), mode);
    relationshipsWritten.add(result.written());
    relationshipsSkipped.add(result.skipped());
    recordsRejected.add(result.rejected().size());
    events.batchWritten("relationship", relationships, result);
    return result;
  }

  @Override
  public WriteResult deleteNodes(Collection<String> ids) {
    WriteResult result = nodeWriter.delete(requireNonNull(ids, "ids"));
    idsDeleted.add(result.written());
    return result;
  }

  @Override
  public WriteResult deleteRelationships(Collection<String> ids) {
    WriteResult result = relationshipWriter.delete(requireNonNull(ids, "ids"));
    idsDeleted.add(result.written());
    return result;
  }

  // ------------------------------------------------------------------------------------------- reads

  @Override
  public Optional<Node> getNode(String id) {
    return Optional.ofNullable(getNodes(List.of(requireNonNull(id, "id"))).get(id));
  }

  /**
   * {@inheritDoc} One round trip.
   *
   * @throws DatabaseException if a node found cannot be read into the model (a property of a kind the model
   *     lacks), naming the node and the property
   */
  @Override
  public Map<String, Node> getNodes(Collection<String> ids) {
    List<String> wanted = List.copyOf(new LinkedHashSet<>(ids));
    if (wanted.isEmpty()) {
      return Map.of();
    }
    List<Record> rows = ctx.bolt().read("read of " + wanted.size() + " nodes", wanted,
        tx -> tx.run(ctx.cypher().nodesByIds(), Map.of("ids", wanted)).list());
    Map<String, Node> byId = new HashMap<>();
    for (Record row : rows) {
      Node node = readable(ctx.records().node(row.get("node").asNode()));
      byId.put(node.id(), node);
    }
    return inOrder(wanted, byId);
  }

  @Override
  public Optional<Relationship> getRelationship(String id) {
    return Optional.ofNullable(getRelationships(List.of(requireNonNull(id, "id"))).get(id));
  }

  /** {@inheritDoc} One transaction: the types in use, then one index seek per id and type. */
  @Override
  public Map<String, Relationship> getRelationships(Collection<String> ids) {
    List<String> wanted = List.copyOf(new LinkedHashSet<>(ids));
    if (wanted.isEmpty()) {
      return Map.of();
    }
    List<Record> rows = ctx.bolt().read("read of " + wanted.size() + " relationships", wanted, tx -> {
      List<String> types = tx.run(ctx.cypher().relationshipTypes()).list(r -> r.get("type").asString());
      return types.isEmpty() ? List.<Record>of() : tx.run(ctx.cypher().relationshipsByIds(types), Map.of("ids", wanted)).list();
    });
    Map<String, Relationship> byId = new HashMap<>();
    for (Record row : rows) {
      Relationship rel = readable(ctx.records().relationship(row.get("rel").asRelationship(), row.get("start"), row.get("end")));
      byId.put(rel.id(), rel);
    }
    return inOrder(wanted, byId);
  }

  private <T extends dev.graphshift.GraphRecord> T readable(Neo4jRecords.Read<T> read) {
    if (read.rejected().isPresent()) {
      var rejected = read.rejected().get();
      throw new DatabaseException(config.name(), rejected.record().describe() + " cannot be read (rule '"
          + rejected.rule() + "'): " + rejected.message(), List.of(rejected.recordId()), null);
    }
    return read.record().orElseThrow();
  }

  private static <T> Map<String, T> inOrder(List<String> ids, Map<String, T> byId) {
    Map<String, T> ordered = new LinkedHashMap<>();
    for (String id : ids) {
      T found = byId.get(id);
      if (found != null) {
        ordered.put(id, found);
      }
    }
    return ordered;
  }

  @Override
  public long countNodes() {
    return count(ctx.cypher().countNodes(Optional.empty()));
  }

  @Override
  public long countNodes(String label) {
    return count(ctx.cypher().countNodes(Optional.of(requireNonNull(label, "label"))));
  }

  @Override
  public Map<String, Long> countNodesByLabel() {
    return countsBy(ctx.cypher().labels(), "label", "labels", labels -> ctx.cypher().countNodesByLabel(labels));
  }

  @Override
  public long countRelationships() {
    return count(ctx.cypher().countRelationships(Optional.empty()));
  }

  @Override
  public long countRelationships(String type) {
    return count(ctx.cypher().countRelationships(Optional.of(requireNonNull(type, "type"))));
  }

  @Override
  public Map<String, Long> countRelationshipsByType() {
    return countsBy(ctx.cypher().relationshipTypes(), "type", "types", types -> ctx.cypher().countRelationshipsByType(types));
  }

  private long count(String statement) {
    return ctx.bolt().read("count", List.of(), tx -> tx.run(statement).single().get("count").asLong());
  }

  private Map<String, Long> countsBy(String namesStatement, String column, String parameter,
      java.util.function.Function<List<String>, String> countStatement) {
    return ctx.bolt().read("count by " + column, List.of(), tx -> {
      List<String> names = new ArrayList<>(tx.run(namesStatement).list(r -> r.get(column).asString()));
      ctx.keyLabel().ifPresent(names::remove);
      names.removeAll(Cypher.BOOKKEEPING_LABELS);
      Map<String, Long> counts = new LinkedHashMap<>();
      if (names.isEmpty()) {
        return counts;
      }
      for (Record row : tx.run(countStatement.apply(names), Map.of(parameter, names)).list()) {
        long count = row.get("count").asLong();
        if (count > 0) {
          counts.put(row.get(column).asString(), count);
        }
      }
      return counts;
    });
  }

  @Override
  public long degree(String nodeId) {
    return degrees(List.of(requireNonNull(nodeId, "nodeId"))).getOrDefault(nodeId, 0L);
  }

  /** {@inheritDoc} One round trip; absent nodes have degree 0; a self-loop counts once. */
  @Override
  public Map<String, Long> degrees(Collection<String> nodeIds) {
    List<String> wanted = List.copyOf(new LinkedHashSet<>(nodeIds));
    Map<String, Long> found = wanted.isEmpty() ? Map.of() : ctx.bolt().read("degrees", wanted, tx -> {
      Map<String, Long> degrees = new HashMap<>();
      for (Record row : tx.run(ctx.cypher().degrees(), Map.of("ids", wanted)).list()) {
        degrees.put(String.valueOf(row.get("id").asObject()), row.get("degree").asLong());
      }
      return degrees;
    });
    Map<String, Long> degrees = new LinkedHashMap<>();
    for (String id : wanted) {
      degrees.put(id, found.getOrDefault(id, 0L));
    }
    return degrees;
  }

  @Override
  public ScanPage<Node> scanNodes(ScanRequest request) {
    return counted(scanner.nodes(requireNonNull(request, "request")));
  }

  @Override
  public ScanPage<Relationship> scanRelationships(ScanRequest request) {
    return counted(scanner.relationships(requireNonNull(request, "request")));
  }

  private <T extends dev.graphshift.GraphRecord> ScanPage<T> counted(ScanPage<T> page) {
    recordsScanned.add(page.items().size());
    scanRejected.add(page.rejected().size());
    return page;
  }

  /** {@inheritDoc} Splits the internal-id range into equal parts, each with its own start and end cursor. */
  @Override
  public List<ScanRequest> splitNodeScan(ScanRequest whole, int parts) {
    return scanner.split(requireNonNull(whole, "whole"), parts, 'n');
  }

  /** {@inheritDoc} Splits the internal-id range into equal parts, each with its own start and end cursor. */
  @Override
  public List<ScanRequest> splitRelationshipScan(ScanRequest whole, int parts) {
    return scanner.split(requireNonNull(whole, "whole"), parts, 'r');
  }

  /**
   * {@inheritDoc} Seeks seeded random internal ids, so the cost follows {@code n}, not the graph; when {@code
   * n} is at least the node count, returns every node. Nodes without their identity are not sampled.
   */
  @Override
  public List<Node> sampleNodes(int n, long seed) {
    return scanner.sample(n, seed, n <= 0 ? 0 : countNodes());
  }

  /**
   * {@inheritDoc} Runs the registered statement in a read transaction with the parameters; each row is a
   * hit: column {@code id} (a string or integer) is required, {@code score} (a number, default 1.0) and
   * {@code properties} (a map, values by {@link Neo4jValues}) are optional.
   *
   * @throws DatabaseException if a row has no usable {@code id} or a property of a kind the model lacks
   */
  @Override
  public QueryResult query(String name, Map<String, Object> parameters) {
    String statement = config.queries().get(requireNonNull(name, "name"));
    if (statement == null) {
      throw new UnknownQueryException(config.name(), name, config.queries().keySet());
    }
    Map<String, Object> params = Map.copyOf(requireNonNull(parameters, "parameters"));
    List<Record> rows = ctx.bolt().read("query '" + name + "'", List.of(), tx -> tx.run(statement, params).list());
    List<QueryResult.Hit> hits = new ArrayList<>(rows.size());
    for (Record row : rows) {
      hits.add(hit(name, row));
    }
    return new QueryResult(hits);
  }

  private QueryResult.Hit hit(String query, Record row) {
    Optional<String> id = row.containsKey("id") ? Neo4jRecords.id(row.get("id")) : Optional.empty();
    if (id.isEmpty()) {
      throw new DatabaseException(config.name(), "query '" + query + "' returned a row without a string or integer"
          + " column 'id': " + row.keys(), null);
    }
    double score = row.containsKey("score") && !row.get("score").isNull() ? row.get("score").asDouble() : 1.0;
    Map<String, Object> properties = new HashMap<>();
    if (row.containsKey("properties") && !row.get("properties").isNull()) {
      Value map = row.get("properties");
      for (String key : map.keys()) {
        if (map.get(key).isNull()) {
          continue; // an absent property, as in a node
        }
        try {
          properties.put(key, Neo4jValues.toModel(map.get(key), ctx.records().vectorProperties().contains(key)));
        } catch (IllegalArgumentException e) {
          throw new DatabaseException(config.name(), "query '" + query + "' returned property '" + key
              + "' of hit '" + id.get() + "' that cannot be read: " + e.getMessage(), List.of(id.get()), e);
        }
      }
    }
    return new QueryResult.Hit(id.get(), score, properties);
  }

  @Override
  public Set<String> queryNames() {
    return config.queries().keySet();
  }

  // ------------------------------------------------------------------------------- schema migrations

  /**
   * {@inheritDoc} Uniqueness constraints (key constraints as the uniqueness they imply) and range, text,
   * point and vector indexes not owned by a constraint, on one label or type each; point and vector indexes
   * with their index configuration as options. Left out: token-lookup indexes, the adapter's own key-label
   * constraint and relationship identity indexes (a target adapter keeps its own), the bookkeeping
   * constraints, and, with a warning ({@code graphshift.neo4j.schema_not_carried}), existence and
   * property-type constraints and full-text indexes.
   */
  @Override
  public List<SchemaElement> readSchema() {
    return schemaMigrations.read();
  }

  /**
   * {@inheritDoc} {@code CREATE CONSTRAINT|INDEX <migration name> IF NOT EXISTS ...}; created when the
   * summary counters say so, otherwise present (an equivalent element exists, under any name, or a
   * constraint's index stands for a wanted range index).
   *
   * @throws DatabaseException if Neo4j refuses the element (duplicate values under a new uniqueness
   *     constraint), or an element of the same name has another definition
   */
  @Override
  public boolean create(SchemaElement element) {
    return schemaMigrations.create(requireNonNull(element, "element"));
  }

  /** {@inheritDoc} From the {@code :__GraphShiftMigration} nodes. */
  @Override
  public List<AppliedMigration> appliedMigrations() {
    return schemaMigrations.applied();
  }

  /** {@inheritDoc} {@code MERGE} of the {@code :__GraphShiftMigration} node of its name. */
  @Override
  public void recordApplied(AppliedMigration migration) {
    schemaMigrations.recordApplied(requireNonNull(migration, "migration"));
  }

  /**
   * {@inheritDoc} Atomic through the uniqueness constraint on the lock node (created if absent); the lock
   * records the owner and the time by the builder's {@link Builder#clock(Clock) clock}.
   */
  @Override
  public MigrationLock lock(String owner) {
    return schemaMigrations.lock(requireNonNull(owner, "owner"));
  }

  @Override
  public void breakLock() {
    schemaMigrations.breakLock();
  }

  /** Closes the driver if the adapter created it; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && config.ownsDriver()) {
      driver.close();
    }
  }

  @Override
  public String toString() {
    return "Neo4jGraphDatabase[" + config.name() + ", " + config.uri().map(URI::toString).orElse("application driver")
        + config.username().map(u -> ", user " + u).orElse("") + "]";
  }

  /**
   * Builds a {@link Neo4jGraphDatabase}. Defaults: no authentication, the server's default database, the URI
   * scheme's TLS, fetch size {@link #DEFAULT_FETCH_SIZE}, batch size {@link #DEFAULT_BATCH_SIZE}, transaction
   * timeout {@link #DEFAULT_TRANSACTION_TIMEOUT}, retry time {@link #DEFAULT_MAX_RETRY_TIME}, connection
   * timeout {@link #DEFAULT_CONNECTION_TIMEOUT}, identity property {@code id} for nodes and relationships, no
   * key label, schema managed, vector property {@code embedding}, no named queries, no listeners, the UTC
   * system clock.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final String name;
    private final @Nullable URI uri;
    private final @Nullable Driver driver;
    private Optional<String> database = Optional.empty();
    private @Nullable String username;
    private @Nullable String password;
    private @Nullable Neo4jTls tls;
    private int fetchSize = DEFAULT_FETCH_SIZE;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Duration transactionTimeout = DEFAULT_TRANSACTION_TIMEOUT;
    private @Nullable Duration maxRetryTime;
    private @Nullable Duration connectionTimeout;
    private Neo4jIdentity nodeIdentity = Neo4jIdentity.defaultProperty();
    private Optional<String> keyLabel = Optional.empty();
    private Neo4jIdentity relationshipIdentity = Neo4jIdentity.defaultProperty();
    private boolean manageSchema = true;
    private Set<String> vectorProperties = Neo4jRecords.DEFAULT_VECTOR_PROPERTIES;
    private final Map<String, String> queries = new LinkedHashMap<>();
    private final List<Neo4jListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder(String name, @Nullable URI uri, @Nullable Driver driver) {
      requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank: '" + name + "'");
      }
      this.name = name;
      this.uri = uri;
      this.driver = driver;
    }

    /** The Neo4j database to use; default the server's default database. */
    public Builder database(String database) {
      requireNonNull(database, "database");
      if (database.isBlank()) {
        throw new IllegalArgumentException("database must not be blank: '" + database + "'");
      }
      this.database = Optional.of(database);
      return this;
    }

    /**
     * Basic authentication. The password goes into the driver's token and is kept nowhere else.
     *
     * @throws IllegalStateException if the adapter wraps an existing driver, or credentials were set before
     */
    public Builder auth(String username, String password) {
      requireNonNull(username, "username");
      requireNonNull(password, "password");
      requireOwnDriver("auth");
      if (this.username != null) {
        throw new IllegalStateException("auth was already set, for user '" + this.username + "'");
      }
      this.username = username;
      this.password = password;
      return this;
    }

    /**
     * Encryption and trusted certificates; default the URI scheme's.
     *
     * @throws IllegalStateException if the adapter wraps an existing driver
     */
    public Builder tls(Neo4jTls tls) {
      requireNonNull(tls, "tls");
      requireOwnDriver("tls");
      this.tls = tls;
      return this;
    }

    /**
     * Records streamed per round trip; default {@link #DEFAULT_FETCH_SIZE}.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder fetchSize(int records) {
      if (records < 1) {
        throw new IllegalArgumentException("fetchSize must be at least 1: " + records);
      }
      this.fetchSize = records;
      return this;
    }

    /**
     * The most records one write transaction carries; default {@link #DEFAULT_BATCH_SIZE}, at most {@link
     * #MAX_BATCH_SIZE}.
     *
     * @throws IllegalArgumentException if outside 1..{@link #MAX_BATCH_SIZE}
     */
    public Builder batchSize(int records) {
      if (records < 1 || records > MAX_BATCH_SIZE) {
        throw new IllegalArgumentException("batchSize must be in 1.." + MAX_BATCH_SIZE + ": " + records);
      }
      this.batchSize = records;
      return this;
    }

    /**
     * The server-side limit of every transaction; default {@link #DEFAULT_TRANSACTION_TIMEOUT}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder transactionTimeout(Duration timeout) {
      this.transactionTimeout = positive(timeout, "transactionTimeout");
      return this;
    }

    /**
     * How long the driver retries a transaction that failed transiently (or could not connect); default
     * {@link #DEFAULT_MAX_RETRY_TIME}; zero retries never.
     *
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if the adapter wraps an existing driver
     */
    public Builder maxRetryTime(Duration time) {
      requireNonNull(time, "time");
      requireOwnDriver("maxRetryTime");
      if (time.isNegative()) {
        throw new IllegalArgumentException("maxRetryTime must not be negative: " + time);
      }
      this.maxRetryTime = time;
      return this;
    }

    /**
     * How long opening a connection may take; default {@link #DEFAULT_CONNECTION_TIMEOUT}.
     *
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if the adapter wraps an existing driver
     */
    public Builder connectionTimeout(Duration timeout) {
      requireOwnDriver("connectionTimeout");
      this.connectionTimeout = positive(timeout, "connectionTimeout");
      return this;
    }

    /** Which value is a node's id; default the property {@code id}. */
    public Builder nodeIdentity(Neo4jIdentity identity) {
      this.nodeIdentity = requireNonNull(identity, "identity");
      return this;
    }

    /**
     * The label every node written carries and lookups use, unique on the identity property; hidden on
     * read. Default none.
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder keyLabel(String label) {
      requireNonNull(label, "label");
      if (label.isBlank()) {
        throw new IllegalArgumentException("keyLabel must not be blank: '" + label + "'");
      }
      this.keyLabel = Optional.of(label);
      return this;
    }

    /** Which value is a relationship's id; default the property {@code id}. */
    public Builder relationshipIdentity(Neo4jIdentity identity) {
      this.relationshipIdentity = requireNonNull(identity, "identity");
      return this;
    }

    /**
     * Whether the adapter creates the key-label uniqueness constraint and the relationship identity
     * indexes ({@code IF NOT EXISTS}) before it first writes; default true. Turn it off where the schema is
     * managed elsewhere.
     */
    public Builder manageSchema(boolean manage) {
      this.manageSchema = manage;
      return this;
    }

    /** The properties whose lists of floats read back as vectors; default {@code embedding}. */
    public Builder vectorProperties(Set<String> names) {
      this.vectorProperties = Set.copyOf(requireNonNull(names, "names"));
      return this;
    }

    /**
     * Registers a named read: a Cypher statement returning columns {@code id} and optionally {@code score}
     * and {@code properties}, run with the caller's parameters.
     *
     * @throws IllegalArgumentException if the name or statement is blank
     * @throws IllegalStateException if the name is registered already
     */
    public Builder query(String queryName, String cypher) {
      requireNonNull(queryName, "queryName");
      requireNonNull(cypher, "cypher");
      if (queryName.isBlank() || cypher.isBlank()) {
        throw new IllegalArgumentException("query name and statement must not be blank: '" + queryName + "'");
      }
      String earlier = queries.putIfAbsent(queryName, cypher);
      if (earlier != null) {
        throw new IllegalStateException("query '" + queryName + "' is already registered as: " + earlier);
      }
      return this;
    }

    /** Adds a listener, called in registration order; default none. */
    public Builder listener(Neo4jListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /** The clock events and migration locks are stamped with; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    private void requireOwnDriver(String setting) {
      if (driver != null) {
        throw new IllegalStateException(setting + " cannot be set: the adapter wraps the driver passed to "
            + "builder(name, driver), whose own settings apply");
      }
    }

    private static Duration positive(Duration d, String what) {
      requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }

    /**
     * Builds the adapter; does not connect (the first call does).
     *
     * @throws IllegalStateException if a key label is set while the node identity is the element id
     */
    public Neo4jGraphDatabase build() {
      if (keyLabel.isPresent() && nodeIdentity.isElementId()) {
        throw new IllegalStateException("keyLabel '" + keyLabel.get() + "' needs a property node identity, "
            + "but nodeIdentity is " + nodeIdentity);
      }
      Duration retry = maxRetryTime == null ? DEFAULT_MAX_RETRY_TIME : maxRetryTime;
      Duration connect = connectionTimeout == null ? DEFAULT_CONNECTION_TIMEOUT : connectionTimeout;
      Neo4jConfig config = new Neo4jConfig(name, Optional.ofNullable(uri), database, Optional.ofNullable(username),
          Optional.ofNullable(tls), driver == null, fetchSize, batchSize, transactionTimeout, retry, connect,
          nodeIdentity, keyLabel, relationshipIdentity, manageSchema, vectorProperties, queries);
      if (keyLabel.isEmpty() && !nodeIdentity.isElementId()) {
        log.warn("graphshift.neo4j.no_key_label name={} identity={}: node lookups and MERGE match every node; "
            + "set keyLabel(...) for large graphs", name, nodeIdentity);
      }
      Driver d = driver != null ? driver : createDriver(config, password);
      return new Neo4jGraphDatabase(config, d, new Events(name, clock, listeners), clock);
    }

    private static Driver createDriver(Neo4jConfig config, @Nullable String password) {
      Config.ConfigBuilder c = Config.builder()
          .withFetchSize(config.fetchSize())
          .withMaxTransactionRetryTime(config.maxRetryTime().toMillis(), TimeUnit.MILLISECONDS)
          .withConnectionTimeout(config.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .withUserAgent("graphshift");
      config.tls().ifPresent(tls -> {
        if (!tls.encrypted()) {
          c.withoutEncryption();
          return;
        }
        c.withEncryption();
        switch (tls.trust()) {
          case SYSTEM_CERTIFICATES -> c.withTrustStrategy(Config.TrustStrategy.trustSystemCertificates());
          case CERTIFICATE_FILE -> c.withTrustStrategy(
              Config.TrustStrategy.trustCustomCertificateSignedBy(tls.certificateFile().orElseThrow().toFile()));
          case TRUST_ALL -> c.withTrustStrategy(Config.TrustStrategy.trustAllCertificates());
        }
      });
      AuthToken auth = config.username().isPresent()
          ? AuthTokens.basic(config.username().get(), requireNonNull(password, "password"))
          : AuthTokens.none();
      try {
        // The driver's factory; fully qualified because its simple name is our SPI's.
        return org.neo4j.driver.GraphDatabase.driver(config.uri().orElseThrow(), auth, c.build());
      } catch (Neo4jException | IllegalArgumentException e) {
        throw new dev.graphshift.ConfigurationException(config.name(), "cannot create a driver for "
            + config.uri().orElseThrow() + ": " + e.getMessage(), e);
      }
    }
  }
}
