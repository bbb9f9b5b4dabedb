package dev.graphshift.neptune;

import static java.util.Objects.requireNonNull;

import dev.graphshift.Capabilities;
import dev.graphshift.Checked;
import dev.graphshift.DatabaseException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.QueryResult;
import dev.graphshift.RecordRules;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Retryable;
import dev.graphshift.Rules;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.TransientDatabaseException;
import dev.graphshift.UnknownQueryException;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.neptune.internal.AwsDefaultCredentials;
import dev.graphshift.neptune.internal.GremlinTransport;
import dev.graphshift.neptune.internal.IamHandshake;
import dev.graphshift.neptune.internal.NeptuneDialect;
import dev.graphshift.neptune.internal.Retrier;
import dev.graphshift.neptune.internal.Traversals;
import dev.graphshift.neptune.internal.ValueCodec;
import dev.graphshift.neptune.internal.WriterLanes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.remote.DriverRemoteConnection;
import org.apache.tinkerpop.gremlin.process.traversal.AnonymousTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Amazon Neptune in database mode, over Gremlin, as a {@link GraphDatabase}: a target of a migration
 * from Neo4j and, through its reads, a source of the reverse one.
 *
 * <pre>{@code
 * NeptuneGraphDatabase neptune = NeptuneGraphDatabase.builder("my-cluster.cluster-abc.eu-west-1.neptune.amazonaws.com")
 *     .iam("eu-west-1")                 // optional: SigV4 with the AWS default credentials chain
 *     .valuePolicy(NeptuneValuePolicy.defaults().withLists(ListPolicy.JSON))
 *     .build();
 * }</pre>
 *
 * <p><b>Identity and shape.</b> The migration id is the vertex id and the edge id (strings), so
 * parallel edges of one type between two vertices stay distinct. A node's labels become one vertex
 * label joined with {@code ::}, as Neptune writes multi-label vertices. Properties have single
 * cardinality; values Neptune has no type for follow the {@link NeptuneValuePolicy}.
 *
 * <p><b>Writes.</b> Every batch is first checked by {@link RecordRules} and the value policy (bad
 * records come back as {@link Rejected}). {@link WriteMode#UPSERT} finds or creates each record by id
 * with {@code mergeV}/{@code mergeE}, drops all its properties and sets the new ones, in one request per
 * batch of rows (so no old value survives and a re-run adds none). A node whose labels changed, or an
 * edge whose type or endpoints changed, is re-created with the same id (Gremlin labels are immutable):
 * a vertex keeps its edges, re-created in the same request, which runs only if the edges are still
 * those it read. {@link WriteMode#INSERT_IF_ABSENT} creates only, and tells created from existing
 * records exactly, inside the same request. Relationships whose endpoints do not exist are rejected
 * with {@link Rules#DANGLING_ENDPOINT} naming the missing id.
 *
 * <p><b>Requests.</b> Rows travel as one {@code inject} argument, so a request has a few dozen Gremlin
 * steps whatever its size (never more than {@link NeptuneConfig#maxStepsPerRequest()}); a request
 * carries at most {@link NeptuneConfig#maxRecordsPerRequest()} property records (a label or a value
 * each), except that one record larger than that travels alone. Requests run in {@link
 * NeptuneConfig#lanes()} writer lanes, one request in flight per lane, a record's lane chosen by its
 * id, so updates of one id never race. Failures that may pass (Neptune's {@code
 * ConcurrentModificationException} and its other retryable errors, lost connections, timeouts) are
 * retried with exponential backoff and jitter, a bounded number of times; then, or at once for a
 * permanent failure, the write throws a {@link DatabaseException} naming the records of the request,
 * with the earlier attempts attached as suppressed. Records of other requests of the same call may be
 * written by then (each request is one Neptune transaction, a batch is not): a retry of the whole call
 * is safe because writes are idempotent.
 *
 * <p><b>Reads.</b> Gets and counts in one request each; counts per label split multi-label vertices
 * (a vertex counts under each of its labels); label filters match a label inside {@code A::B}. Scans
 * are keyset scans by id: {@code V().hasId(gt(cursor)).order().by(id).limit(n)}, the cursor being the
 * last id returned. On Neptune the id is the subject of every stored statement and is indexed, so the
 * range predicate lets a page start at its cursor; on TinkerGraph (the test stand-in) every page
 * filters all vertices and keeps the top {@code n}. Samples are reservoir samples over an id scan,
 * the same for the same seed and data.
 *
 * <p><b>Threads.</b> Lane work runs on the injected executor, or on a bounded pool of {@link
 * NeptuneConfig#lanes()} daemon threads the database owns and stops on {@link #close()}. Listeners are
 * called on lane threads.
 *
 * <p>Thread-safe.
 */
public final class NeptuneGraphDatabase implements GraphDatabase {
  private static final Logger log = LoggerFactory.getLogger(NeptuneGraphDatabase.class);

  /** The default name: {@code neptune}. */
  public static final String DEFAULT_NAME = "neptune";
  /** Neptune's Gremlin port. */
  public static final int DEFAULT_PORT = 8182;
  /** TLS is on by default: Neptune accepts only {@code wss}. */
  public static final boolean DEFAULT_TLS = true;
  /** The most connections in the pool: 8. */
  public static final int DEFAULT_MAX_CONNECTIONS = 8;
  /** The most requests in flight on one connection: 4. */
  public static final int DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION = 4;
  /** How long one request may take: 30 s. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** Writer lanes: two per available processor, Neptune's advice for writer threads. */
  public static final int DEFAULT_LANES = 2 * Runtime.getRuntime().availableProcessors();
  /** Property records per write request: about 200, Neptune's advice. */
  public static final int DEFAULT_MAX_RECORDS_PER_REQUEST = 200;
  /** Gremlin steps per request: at most 1 500, beyond which Neptune may reject a request. */
  public static final int DEFAULT_MAX_STEPS_PER_REQUEST = NeptuneDialect.MAX_STEPS_PER_REQUEST;
  /** Attempts of one request: 8. */
  public static final int DEFAULT_RETRY_ATTEMPTS = 8;
  /** The first retry delay before jitter: 50 ms. */
  public static final Duration DEFAULT_RETRY_INITIAL_BACKOFF = Duration.ofMillis(50);
  /** The longest retry delay: 5 s. */
  public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(5);
  /** The seed of the retry jitter. */
  public static final long DEFAULT_SEED = 0x6E657074L;

  /** How often a relabel is tried again when the vertex's edges changed between its read and its write. */
  private static final int RELABEL_ATTEMPTS = 5;
  /** Ids per read request. */
  private static final int READ_CHUNK = 1_000;
  /** Ids per page of the id scan behind sampling. */
  private static final int SAMPLE_PAGE = 10_000;
  private static final int MAX_CONTENT_LENGTH = 64 * 1024 * 1024;

  private final NeptuneConfig config;
  private final Cluster cluster;
  private final Client client;
  private final GremlinTransport transport;
  private final WriterLanes lanes;
  private final @Nullable ExecutorService ownedExecutor;
  private final ValueCodec codec;
  private final List<NeptuneListener> listeners;
  private final Clock clock;
  private final Map<String, NeptuneQuery> queries;
  private final GraphTraversalSource remote;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong rejectedCount = new AtomicLong();
  private final AtomicLong listenerFailures = new AtomicLong();
  private final AtomicInteger maxRecordsSeen = new AtomicInteger();
  private volatile boolean closed;

  private NeptuneGraphDatabase(Builder b, NeptuneConfig config) {
    this.config = config;
    this.codec = new ValueCodec(config.valuePolicy());
    this.listeners = List.copyOf(b.listeners);
    this.clock = b.clock;
    this.queries = Map.copyOf(b.queries);
    Cluster.Builder cb = Cluster.build(config.host())
        .port(config.port())
        .enableSsl(config.tls())
        .serializer(new GraphBinaryMessageSerializerV1())
        .maxConnectionPoolSize(config.maxConnections())
        .minConnectionPoolSize(Math.min(2, config.maxConnections()))
        .minInProcessPerConnection(1)
        .maxInProcessPerConnection(config.maxInFlightPerConnection())
        .minSimultaneousUsagePerConnection(Math.min(8, config.maxInFlightPerConnection()))
        .maxSimultaneousUsagePerConnection(config.maxInFlightPerConnection())
        .maxContentLength(MAX_CONTENT_LENGTH)
        .maxWaitForConnection((int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toMillis()));
    if (config.iamRegion().isPresent()) {
      NeptuneCredentialsProvider credentials =
          b.credentials != null ? b.credentials : AwsDefaultCredentials.create(config.name());
      cb.handshakeInterceptor(new IamHandshake(config.host(), config.port(), config.iamRegion().get(), credentials, clock));
    }
    this.cluster = cb.create();
    this.client = cluster.connect().alias("g");
    if (b.executor != null) {
      this.ownedExecutor = null;
      this.lanes = new WriterLanes(config.lanes(), b.executor);
    } else {
      AtomicInteger threads = new AtomicInteger();
      ThreadPoolExecutor pool = new ThreadPoolExecutor(config.lanes(), config.lanes(), 30, TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(config.lanes() * 16), r -> {
            Thread t = new Thread(r, "graphshift-neptune-" + config.name() + "-lane-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
          }, new ThreadPoolExecutor.CallerRunsPolicy());
      pool.allowCoreThreadTimeOut(true);
      this.ownedExecutor = pool;
      this.lanes = new WriterLanes(config.lanes(), pool);
    }
    Retrier retrier = new Retrier(config.retryAttempts(), config.retryInitialBackoff(), config.retryMaxBackoff(),
        b.sleeper, config.seed());
    this.transport = new GremlinTransport(config.name(), client, config.requestTimeout(), config.maxStepsPerRequest(),
        retrier, new GremlinTransport.Observer() {
          @Override
          public void retrying(String what, int attempt, Duration delay, DatabaseException failure, List<String> ids) {
            log.debug("graphshift.neptune.request_retried name={} request={} attempt={} delay={} reason={}",
                config.name(), what, attempt, delay, failure.getMessage());
            if (!listeners.isEmpty()) {
              RequestRetriedEvent event = new RequestRetriedEvent(config.name(), clock.instant(), what, attempt, delay,
                  failure.getMessage() != null && failure.getMessage().contains("ConcurrentModificationException"),
                  String.valueOf(failure.getMessage()), ids);
              for (NeptuneListener l : listeners) {
                NeptuneGraphDatabase.this.callListener(() -> l.onRequestRetried(event));
              }
            }
          }

          @Override
          public void failed(String what, DatabaseException failure, List<String> ids) {
            log.warn("graphshift.neptune.request_failed name={} request={} retryable={} records={} reason={}",
                config.name(), what, failure instanceof Retryable, ids.size(), failure.getMessage());
            if (!listeners.isEmpty()) {
              RequestFailedEvent event = new RequestFailedEvent(config.name(), clock.instant(), what,
                  failure instanceof Retryable, String.valueOf(failure.getMessage()), ids);
              for (NeptuneListener l : listeners) {
                NeptuneGraphDatabase.this.callListener(() -> l.onRequestFailed(event));
              }
            }
          }
        });
    this.remote = AnonymousTraversalSource.traversal().withRemote(DriverRemoteConnection.using(client));
  }

  private void callListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      listenerFailures.incrementAndGet();
      log.warn("graphshift.neptune.listener_failed name={} error={}", config.name(), e.toString());
    }
  }

  /**
   * A builder for a database at this Neptune endpoint (the cluster's writer endpoint, a host name).
   *
   * @throws NullPointerException if host is null
   * @throws IllegalArgumentException if host is blank or holds a scheme or a port
   */
  public static Builder builder(String host) {
    return new Builder(host);
  }

  /** The settings this database runs with. */
  public NeptuneConfig config() {
    return config;
  }

  /** A snapshot of what this database has done. */
  public NeptuneMetrics metrics() {
    return new NeptuneMetrics(config.name(), transport.requests(), transport.retries(), transport.conflicts(),
        transport.failedRequests(), written.get(), skipped.get(), rejectedCount.get(), transport.maxStepsSeen(),
        maxRecordsSeen.get(), transport.inFlight(), listenerFailures.get());
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
        .transactions(false)
        .schema(false)
        .build();
  }

  // ------------------------------------------------------------------------------------------ writes

  /** A record ready to write: its row and its cost in property records. */
  private record Prepared(GraphRecord record, Map<String, Object> row, int records) {}

  private WriteResult count(WriteResult result) {
    written.addAndGet(result.written());
    skipped.addAndGet(result.skipped());
    rejectedCount.addAndGet(result.rejected().size());
    return result;
  }

  @Override
  public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
    requireNonNull(nodes, "nodes");
    requireNonNull(mode, "mode");
    ensureOpen();
    Checked<Node> checked = RecordRules.checkNodes(nodes);
    List<Rejected> rejected = new ArrayList<>(checked.rejected());
    List<Prepared> prepared = new ArrayList<>(checked.accepted().size());
    for (Node node : checked.accepted()) {
      Object p = prepareNode(node, mode);
      if (p instanceof Rejected r) {
        rejected.add(r);
      } else {
        prepared.add((Prepared) p);
      }
    }
    WriteResult result = runInLanes(prepared, chunk -> mode == WriteMode.UPSERT ? upsertNodeChunk(chunk)
        : insertNodeChunk(chunk));
    return count(result.withRejected(rejected));
  }

  /**
   * A node's row, or why it cannot be written. The properties to merge into an existing vertex ({@code p})
   * travel only with upserts: an insert leaves existing vertices alone.
   */
  private Object prepareNode(Node node, WriteMode mode) {
    for (String label : node.labels()) {
      Optional<String> problem = NeptuneDialect.labelProblem(label);
      if (problem.isPresent()) {
        return new Rejected(node, Rules.NEPTUNE_LABEL, problem.get());
      }
    }
    String label = NeptuneDialect.vertexLabel(node.labels());
    Map<String, Object> single = new HashMap<>();
    Map<String, Object> multi = new HashMap<>();
    int values = 0;
    for (Map.Entry<String, Object> e : node.properties().entrySet()) {
      ValueCodec.Encoded encoded = codec.encode(e.getValue(), false);
      if (encoded instanceof ValueCodec.Single s) {
        single.put(e.getKey(), s.value());
        values++;
      } else if (encoded instanceof ValueCodec.Multi m) {
        if (!m.values().isEmpty()) {
          multi.put(e.getKey(), m.values());
          values += m.values().size();
        }
      } else {
        return new Rejected(node, Rules.NEPTUNE_VALUE_POLICY,
            "property '" + e.getKey() + "' " + ((ValueCodec.Refused) encoded).reason());
      }
    }
    Map<String, Object> row = new HashMap<>();
    row.put("i", node.id());
    row.put("m", Map.of(T.id, node.id()));
    if (mode == WriteMode.UPSERT) {
      row.put("p", single);
    }
    if (!multi.isEmpty()) {
      row.put("s", multi);
    }
    row.put("a", createMap(label, single));
    return new Prepared(node, row, NeptuneDialect.records(node.labels().size(), values));
  }

  private static Map<Object, Object> createMap(String label, Map<String, Object> single) {
    Map<Object, Object> create = new HashMap<>(single);
    create.put(T.label, label);
    return create;
  }

  /** A lane's outcome for some records. */
  private record Outcome(int written, int skipped, List<Rejected> rejected) {
    static final Outcome NONE = new Outcome(0, 0, List.of());

    Outcome plus(Outcome o) {
      List<Rejected> all = new ArrayList<>(rejected);
      all.addAll(o.rejected);
      return new Outcome(written + o.written, skipped + o.skipped, all);
    }
  }

  @FunctionalInterface
  private interface ChunkWriter {
    Outcome write(List<Prepared> chunk);
  }

  /** Cuts the records into lanes and each lane's records into requests by the record budget; runs them. */
  private WriteResult runInLanes(List<Prepared> prepared, ChunkWriter writer) {
    if (prepared.isEmpty()) {
      return WriteResult.empty();
    }
    Map<Integer, List<Prepared>> perLane = new TreeMap<>();
    for (Prepared p : prepared) {
      perLane.computeIfAbsent(lanes.laneOf(p.record().id()), k -> new ArrayList<>()).add(p);
    }
    Map<Integer, Callable<Outcome>> work = new LinkedHashMap<>();
    for (Map.Entry<Integer, List<Prepared>> e : perLane.entrySet()) {
      int lane = e.getKey();
      List<Prepared> records = e.getValue();
      work.put(lane, () -> {
        Outcome total = Outcome.NONE;
        for (List<Prepared> chunk : chunks(records)) {
          total = total.plus(lanes.inLane(lane, () -> writer.write(chunk)));
        }
        return total;
      });
    }
    Outcome total = Outcome.NONE;
    for (Outcome o : lanes.runAll(work)) {
      total = total.plus(o);
    }
    return new WriteResult(total.written(), total.skipped(), total.rejected());
  }

  private List<List<Prepared>> chunks(List<Prepared> records) {
    List<List<Prepared>> chunks = new ArrayList<>();
    List<Prepared> current = new ArrayList<>();
    int budget = 0;
    for (Prepared p : records) {
      if (!current.isEmpty() && budget + p.records() > config.maxRecordsPerRequest()) {
        chunks.add(current);
        current = new ArrayList<>();
        budget = 0;
      }
      current.add(p);
      budget += p.records();
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }

  private static List<Map<String, Object>> rows(List<Prepared> chunk) {
    List<Map<String, Object>> rows = new ArrayList<>(chunk.size());
    for (Prepared p : chunk) {
      rows.add(p.row());
    }
    return rows;
  }

  private static List<String> ids(List<Prepared> chunk) {
    List<String> ids = new ArrayList<>(chunk.size());
    for (Prepared p : chunk) {
      ids.add(p.record().id());
    }
    return ids;
  }

  private void noteRecords(List<Prepared> chunk) {
    int records = 0;
    for (Prepared p : chunk) {
      records += p.records();
    }
    maxRecordsSeen.accumulateAndGet(records, Math::max);
  }

  private static boolean anySetValues(List<Prepared> chunk) {
    for (Prepared p : chunk) {
      if (p.row().containsKey("s")) {
        return true;
      }
    }
    return false;
  }

  private Outcome upsertNodeChunk(List<Prepared> chunk) {
    noteRecords(chunk);
    List<Object> answers = transport.submit("upsert of " + chunk.size() + " nodes",
        Traversals.upsertVertices(rows(chunk), anySetValues(chunk)), ids(chunk));
    Map<String, String> storedLabels = new HashMap<>();
    for (Object matched : collection(answers, "matched")) {
      Map<?, ?> m = (Map<?, ?>) matched;
      storedLabels.put(String.valueOf(m.get("i")), String.valueOf(m.get("l")));
    }
    for (Prepared p : chunk) {
      String stored = storedLabels.get(p.record().id());
      if (stored != null && !NeptuneDialect.labels(stored).equals(((Node) p.record()).labels())) {
        relabel(p);
      }
    }
    return new Outcome(chunk.size(), 0, List.of());
  }

  /** One entry of the map a {@code cap(...)} of several side effects answers. */
  private static Collection<?> collection(List<Object> answers, String key) {
    if (answers.isEmpty() || !(answers.get(0) instanceof Map<?, ?> capped) || capped.get(key) == null) {
      return List.of();
    }
    return (Collection<?>) capped.get(key);
  }

  /**
   * Re-creates a vertex whose labels changed, keeping its edges, in one guarded request; tried again
   * if its edges changed between the read and the write.
   */
  private void relabel(Prepared p) {
    Node node = (Node) p.record();
    List<String> ids = List.of(node.id());
    Map<String, Object> row = p.row();
    for (int attempt = 1; attempt <= RELABEL_ATTEMPTS; attempt++) {
      List<Map<Object, Object>> expected = new ArrayList<>();
      List<Map<Object, Object>> edges = new ArrayList<>();
      for (Object o : transport.submit("read of the edges of a relabelled node", Traversals.edgesOf(node.id()), ids)) {
        @SuppressWarnings("unchecked")
        Map<Object, Object> em = (Map<Object, Object>) o;
        expected.add(em);
        Map<Object, Object> edge = new HashMap<>();
        for (Map.Entry<Object, Object> e : em.entrySet()) {
          if (e.getKey() instanceof String) {
            edge.put(e.getKey(), e.getValue());
          }
        }
        edge.put(T.id, em.get(T.id));
        edge.put(T.label, em.get(T.label));
        edge.put(Direction.OUT, ((Map<?, ?>) em.get(Direction.OUT)).get(T.id));
        edge.put(Direction.IN, ((Map<?, ?>) em.get(Direction.IN)).get(T.id));
        edges.add(edge);
      }
      List<Object> done = transport.submit("relabel of a node", Traversals.relabelVertex(node.id(), row, expected, edges), ids);
      if (!done.isEmpty()) {
        return;
      }
      if (transport.submit("existence check of a node", Traversals.existingVertices(ids), ids).isEmpty()) {
        transport.submit("upsert of 1 node", Traversals.upsertVertices(List.of(p.row()), true), ids);
        return;
      }
    }
    throw new TransientDatabaseException(name(), "the edges of the node kept changing while its labels were being "
        + "replaced (" + RELABEL_ATTEMPTS + " attempts)", ids, null);
  }

  private Outcome insertNodeChunk(List<Prepared> chunk) {
    noteRecords(chunk);
    List<Object> answers = transport.submit("insert of " + chunk.size() + " nodes",
        Traversals.insertVertices(rows(chunk), anySetValues(chunk)), ids(chunk));
    int created = idSet(capped(answers)).size();
    return new Outcome(created, chunk.size() - created, List.of());
  }

  /**
   * The collection a {@code cap(...)} of one side effect answers: the driver hands it over as one
   * collection, or (should a server unroll it) as the results themselves.
   */
  private static Collection<?> capped(List<Object> answers) {
    return answers.size() == 1 && answers.get(0) instanceof Collection<?> c ? c : answers;
  }

  private static Set<String> idSet(Collection<?> ids) {
    Set<String> set = new HashSet<>();
    for (Object id : ids) {
      set.add(String.valueOf(id));
    }
    return set;
  }

  @Override
  public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
    requireNonNull(relationships, "relationships");
    requireNonNull(mode, "mode");
    ensureOpen();
    Checked<Relationship> checked = RecordRules.checkRelationships(relationships);
    List<Rejected> rejected = new ArrayList<>(checked.rejected());
    List<Prepared> prepared = new ArrayList<>(checked.accepted().size());
    for (Relationship rel : checked.accepted()) {
      Object p = prepareRelationship(rel, mode);
      if (p instanceof Rejected r) {
        rejected.add(r);
      } else {
        prepared.add((Prepared) p);
      }
    }
    WriteResult result = runInLanes(prepared, chunk -> writeEdgeChunk(chunk, mode));
    return count(result.withRejected(rejected));
  }

  /** A relationship's row, or why it cannot be written; {@code p} only for upserts, as for nodes. */
  private Object prepareRelationship(Relationship rel, WriteMode mode) {
    Map<String, Object> single = new HashMap<>();
    for (Map.Entry<String, Object> e : rel.properties().entrySet()) {
      ValueCodec.Encoded encoded = codec.encode(e.getValue(), true);
      if (encoded instanceof ValueCodec.Single s) {
        single.put(e.getKey(), s.value());
      } else {
        String reason = encoded instanceof ValueCodec.Refused r ? r.reason() : "has several values";
        return new Rejected(rel, Rules.NEPTUNE_VALUE_POLICY, "property '" + e.getKey() + "' " + reason);
      }
    }
    Map<Object, Object> create = new HashMap<>();
    create.put(T.label, rel.type());
    create.put(Direction.OUT, rel.startId());
    create.put(Direction.IN, rel.endId());
    Map<String, Object> row = new HashMap<>();
    row.put("i", rel.id());
    row.put("m", Map.of(T.id, rel.id()));
    if (mode == WriteMode.UPSERT) {
      row.put("p", single);
    }
    row.put("o", rel.startId());
    row.put("n", rel.endId());
    Map<Object, Object> all = new HashMap<>(create);
    all.putAll(single);
    row.put("a", all);
    return new Prepared(rel, row, 1 + single.size());
  }

  private static Set<String> endpoints(List<Prepared> chunk) {
    Set<String> endpoints = new HashSet<>();
    for (Prepared p : chunk) {
      Relationship r = (Relationship) p.record();
      endpoints.add(r.startId());
      endpoints.add(r.endId());
    }
    return endpoints;
  }

  private Outcome writeEdgeChunk(List<Prepared> chunk, WriteMode mode) {
    noteRecords(chunk);
    List<String> ids = ids(chunk);
    if (mode == WriteMode.INSERT_IF_ABSENT) {
      List<Object> capped = transport.submit("insert of " + chunk.size() + " relationships",
          Traversals.insertEdges(rows(chunk), endpoints(chunk)), ids);
      Set<String> created = idSet(collection(capped, "created"));
      Set<String> merged = idSet(collection(capped, "merged"));
      int existed = 0;
      List<Prepared> dangling = new ArrayList<>();
      for (Prepared p : chunk) {
        if (!merged.contains(p.record().id())) {
          dangling.add(p);
        } else if (!created.contains(p.record().id())) {
          existed++;
        }
      }
      return new Outcome(created.size(), existed, danglingRejections(dangling));
    }
    Map<String, Object> answers = upsertEdges(chunk, null);
    List<Prepared> changed = new ArrayList<>();
    for (Prepared p : chunk) {
      Relationship r = (Relationship) p.record();
      if (answers.get(r.id()) instanceof Map<?, ?> a
          && !(r.type().equals(a.get("l")) && r.startId().equals(a.get("o")) && r.endId().equals(a.get("n")))) {
        changed.add(p);
      }
    }
    if (!changed.isEmpty()) {
      answers.putAll(upsertEdges(changed, ids(changed)));
    }
    List<Prepared> dangling = new ArrayList<>();
    for (Prepared p : chunk) {
      if (!answers.containsKey(p.record().id())) {
        dangling.add(p);
      }
    }
    return new Outcome(chunk.size() - dangling.size(), 0, danglingRejections(dangling));
  }

  /** Answers per written edge: its id (created) or its stored shape (existed); dangling rows are absent. */
  private Map<String, Object> upsertEdges(List<Prepared> chunk, @Nullable List<String> replace) {
    Map<String, Object> answers = new HashMap<>();
    String what = (replace == null ? "upsert of " : "re-creation of ") + chunk.size() + " relationships";
    List<Object> capped = transport.submit(what, Traversals.upsertEdges(rows(chunk), endpoints(chunk), replace), ids(chunk));
    for (Object id : collection(capped, "created")) {
      answers.put(String.valueOf(id), id);
    }
    for (Object matched : collection(capped, "matched")) {
      Map<?, ?> m = (Map<?, ?>) matched;
      answers.put(String.valueOf(m.get("i")), m);
    }
    return answers;
  }

  /** Names the missing endpoint of each relationship the write left out. */
  private List<Rejected> danglingRejections(List<Prepared> dangling) {
    if (dangling.isEmpty()) {
      return List.of();
    }
    Set<String> existing = new HashSet<>();
    for (Object id : transport.submit("existence check of endpoints", Traversals.existingVertices(endpoints(dangling)),
        ids(dangling))) {
      existing.add(String.valueOf(id));
    }
    List<Rejected> rejected = new ArrayList<>(dangling.size());
    for (Prepared p : dangling) {
      Relationship r = (Relationship) p.record();
      String missing = !existing.contains(r.startId()) ? r.startId() : !existing.contains(r.endId()) ? r.endId() : null;
      rejected.add(new Rejected(r, Rules.DANGLING_ENDPOINT, missing != null
          ? "endpoint node '" + missing + "' does not exist in " + name()
          : "an endpoint node did not exist in " + name() + " when the relationship was written"));
    }
    return rejected;
  }

  @Override
  public WriteResult deleteNodes(Collection<String> ids) {
    return count(delete(ids, true));
  }

  @Override
  public WriteResult deleteRelationships(Collection<String> ids) {
    return count(delete(ids, false));
  }

  private WriteResult delete(Collection<String> ids, boolean nodes) {
    requireNonNull(ids, "ids");
    ensureOpen();
    List<Prepared> prepared = new ArrayList<>(ids.size());
    for (String id : ids) {
      requireNonNull(id, "id");
      GraphRecord stub = nodes ? new Node(id, Set.of(), Map.of()) : new Relationship(id, "", "", "", Map.of());
      prepared.add(new Prepared(stub, Map.of(), 1));
    }
    return runInLanes(prepared, chunk -> {
      List<String> chunkIds = ids(chunk);
      transport.submit("delete of " + chunk.size() + (nodes ? " nodes" : " relationships"),
          nodes ? Traversals.dropVertices(chunkIds) : Traversals.dropEdges(chunkIds), chunkIds);
      return new Outcome(chunk.size(), 0, List.of());
    });
  }

  // ------------------------------------------------------------------------------------------- reads

  private List<Object> read(String what, org.apache.tinkerpop.gremlin.process.traversal.Bytecode bytecode) {
    ensureOpen();
    return transport.submit(what, bytecode, List.of());
  }

  private long single(String what, org.apache.tinkerpop.gremlin.process.traversal.Bytecode bytecode) {
    List<Object> answers = read(what, bytecode);
    return answers.isEmpty() ? 0 : ((Number) answers.get(0)).longValue();
  }

  @Override
  public Optional<Node> getNode(String id) {
    return Optional.ofNullable(getNodes(List.of(requireNonNull(id, "id"))).get(id));
  }

  @Override
  public Map<String, Node> getNodes(Collection<String> ids) {
    return readByIds(ids, "nodes", Traversals::vertices, o -> toNode((Map<?, ?>) o), Node::id);
  }

  /**
   * Reads records by id, {@value #READ_CHUNK} ids a request, and answers those found keyed by id in the
   * order of the ids given.
   */
  private <T> Map<String, T> readByIds(Collection<String> ids, String what,
      java.util.function.Function<List<String>, org.apache.tinkerpop.gremlin.process.traversal.Bytecode> request,
      java.util.function.Function<Object, @Nullable T> decode, java.util.function.Function<T, String> idOf) {
    requireNonNull(ids, "ids");
    Map<String, T> byId = new HashMap<>();
    List<String> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += READ_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + READ_CHUNK));
      for (Object o : read("get of " + chunk.size() + " " + what, request.apply(chunk))) {
        T found = decode.apply(o);
        if (found != null) {
          byId.put(idOf.apply(found), found);
        }
      }
    }
    Map<String, T> inOrder = new LinkedHashMap<>();
    for (String id : ids) {
      T found = byId.get(id);
      if (found != null) {
        inOrder.put(id, found);
      }
    }
    return inOrder;
  }

  /** A node from {@code valueMap().with(tokens)}, or null if its id is not a string. */
  private @Nullable Node toNode(Map<?, ?> valueMap) {
    if (!(valueMap.get(T.id) instanceof String id)) {
      return null;
    }
    Map<String, Object> properties = new HashMap<>();
    for (Map.Entry<?, ?> e : valueMap.entrySet()) {
      if (e.getKey() instanceof String key) {
        Object v = e.getValue();
        properties.put(key, v instanceof List<?> values ? codec.decode(values) : codec.decodeOne(v));
      }
    }
    return new Node(id, NeptuneDialect.labels(String.valueOf(valueMap.get(T.label))), properties);
  }

  /** A relationship from the edge shape of {@link Traversals}, or null if an id is not a string. */
  private @Nullable Relationship toRelationship(Map<?, ?> shape) {
    if (!(shape.get("i") instanceof String id) || !(shape.get("o") instanceof String out)
        || !(shape.get("n") instanceof String in)) {
      return null;
    }
    Map<String, Object> properties = new HashMap<>();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) shape.get("p")).entrySet()) {
      properties.put(String.valueOf(e.getKey()), codec.decodeOne(e.getValue()));
    }
    return new Relationship(id, String.valueOf(shape.get("l")), out, in, properties);
  }

  @Override
  public Optional<Relationship> getRelationship(String id) {
    return Optional.ofNullable(getRelationships(List.of(requireNonNull(id, "id"))).get(id));
  }

  @Override
  public Map<String, Relationship> getRelationships(Collection<String> ids) {
    return readByIds(ids, "relationships", Traversals::edges, o -> toRelationship((Map<?, ?>) o), Relationship::id);
  }

  @Override
  public long countNodes() {
    return single("count of nodes", Traversals.countVertices());
  }

  @Override
  public long countNodes(String label) {
    if (NeptuneDialect.labelProblem(requireNonNull(label, "label")).isPresent()) {
      return 0; // no vertex carries a label Neptune cannot store (A::B is two labels, not one)
    }
    return single("count of nodes by label", Traversals.countVertices(requireNonNull(label, "label")));
  }

  @Override
  public Map<String, Long> countNodesByLabel() {
    List<Object> answers = read("count of nodes per label", Traversals.countVerticesByLabel());
    return answers.isEmpty() ? Map.of() : Map.copyOf(NeptuneDialect.countsPerLabel((Map<?, ?>) answers.get(0)));
  }

  @Override
  public long countRelationships() {
    return single("count of relationships", Traversals.countEdges());
  }

  @Override
  public long countRelationships(String type) {
    return single("count of relationships by type", Traversals.countEdges(requireNonNull(type, "type")));
  }

  @Override
  public Map<String, Long> countRelationshipsByType() {
    List<Object> answers = read("count of relationships per type", Traversals.countEdgesByType());
    Map<String, Long> counts = new TreeMap<>();
    if (!answers.isEmpty()) {
      ((Map<?, ?>) answers.get(0)).forEach((k, v) -> counts.put(String.valueOf(k), ((Number) v).longValue()));
    }
    return Map.copyOf(counts);
  }

  @Override
  public long degree(String nodeId) {
    return degrees(List.of(requireNonNull(nodeId, "nodeId"))).getOrDefault(nodeId, 0L);
  }

  @Override
  public Map<String, Long> degrees(Collection<String> nodeIds) {
    Map<String, Map<?, ?>> found = readByIds(nodeIds, "degrees", Traversals::degrees, o -> (Map<?, ?>) o,
        m -> String.valueOf(m.get("i")));
    Map<String, Long> degrees = new LinkedHashMap<>();
    for (String id : nodeIds) {
      Map<?, ?> m = found.get(id);
      degrees.put(id, m == null ? 0L : ((Number) m.get("d")).longValue());
    }
    return degrees;
  }

  @Override
  public ScanPage<Node> scanNodes(ScanRequest request) {
    requireNonNull(request, "request");
    if (request.filter().flatMap(NeptuneDialect::labelProblem).isPresent()) {
      return ScanPage.of(List.of(), Optional.empty());
    }
    List<Object> answers = read("scan of nodes", Traversals.scanVertices(request.filter().orElse(null),
        request.after().orElse(null), request.until().orElse(null), request.limit(), false));
    List<Node> items = new ArrayList<>(answers.size());
    List<Rejected> rejected = new ArrayList<>();
    String last = null;
    for (Object o : answers) {
      Map<?, ?> vm = (Map<?, ?>) o;
      Node n = toNode(vm);
      if (n == null) {
        rejected.add(new Rejected(new Node(String.valueOf(vm.get(T.id)), Set.of(), Map.of()), Rules.IDENTITY_MISSING,
            "vertex id " + vm.get(T.id) + " is not a string; Neptune ids written by GraphShift always are"));
        continue;
      }
      items.add(n);
      last = n.id();
    }
    boolean full = answers.size() == request.limit();
    return new ScanPage<>(items, full && last != null ? Optional.of(last) : Optional.empty(), rejected);
  }

  @Override
  public ScanPage<Relationship> scanRelationships(ScanRequest request) {
    requireNonNull(request, "request");
    List<Object> answers = read("scan of relationships", Traversals.scanEdges(request.filter().orElse(null),
        request.after().orElse(null), request.until().orElse(null), request.limit()));
    List<Relationship> items = new ArrayList<>(answers.size());
    List<Rejected> rejected = new ArrayList<>();
    String last = null;
    for (Object o : answers) {
      Map<?, ?> shape = (Map<?, ?>) o;
      Relationship r = toRelationship(shape);
      if (r == null) {
        rejected.add(new Rejected(new Relationship(String.valueOf(shape.get("i")), String.valueOf(shape.get("l")), "", "",
            Map.of()), Rules.IDENTITY_MISSING, "edge id or endpoint id " + shape.get("i") + " is not a string"));
        continue;
      }
      items.add(r);
      last = r.id();
    }
    boolean full = answers.size() == request.limit();
    return new ScanPage<>(items, full && last != null ? Optional.of(last) : Optional.empty(), rejected);
  }

  @Override
  public List<ScanRequest> splitNodeScan(ScanRequest whole, int parts) {
    return split(whole, parts, true);
  }

  @Override
  public List<ScanRequest> splitRelationshipScan(ScanRequest whole, int parts) {
    return split(whole, parts, false);
  }

  /** Cuts a scan at ids the server samples: disjoint ranges that cover the whole, whatever the sample. */
  private List<ScanRequest> split(ScanRequest whole, int parts, boolean vertices) {
    requireNonNull(whole, "whole");
    if (parts < 1) {
      throw new IllegalArgumentException("parts must be at least 1: " + parts);
    }
    if (parts == 1) {
      return List.of(whole);
    }
    TreeSet<String> sample = new TreeSet<>();
    for (Object id : read("sample of ids", Traversals.sampleIds(vertices, whole.filter().orElse(null), parts * 8))) {
      if (id instanceof String s && whole.after().map(a -> s.compareTo(a) > 0).orElse(true)
          && whole.until().map(u -> s.compareTo(u) < 0).orElse(true)) {
        sample.add(s);
      }
    }
    if (sample.size() < parts) {
      return List.of(whole);
    }
    List<String> sorted = new ArrayList<>(sample);
    List<ScanRequest> ranges = new ArrayList<>(parts);
    Optional<String> from = whole.after();
    for (int p = 1; p < parts; p++) {
      Optional<String> to = Optional.of(sorted.get(sorted.size() * p / parts));
      ranges.add(whole.range(from, to));
      from = to;
    }
    ranges.add(whole.range(from, whole.until()));
    return List.copyOf(ranges);
  }

  /** A reservoir sample over a keyset scan of ids (in id order), then one read of the chosen nodes. */
  @Override
  public List<Node> sampleNodes(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    Random random = new Random(seed);
    List<String> reservoir = new ArrayList<>(Math.min(n, 1024));
    long seen = 0;
    String after = null;
    while (n > 0) {
      List<Object> page = read("id scan for a sample", Traversals.scanVertices(null, after, null, SAMPLE_PAGE, true));
      for (Object o : page) {
        String id = String.valueOf(o);
        if (reservoir.size() < n) {
          reservoir.add(id);
        } else {
          long j = (long) (random.nextDouble() * (seen + 1));
          if (j < n) {
            reservoir.set((int) j, id);
          }
        }
        seen++;
        after = id;
      }
      if (page.size() < SAMPLE_PAGE) {
        break;
      }
    }
    Map<String, Node> nodes = getNodes(reservoir);
    List<Node> sample = new ArrayList<>(reservoir.size());
    for (String id : reservoir) {
      Node node = nodes.get(id);
      if (node != null) {
        sample.add(node);
      }
    }
    return List.copyOf(sample);
  }

  @Override
  public QueryResult query(String queryName, Map<String, Object> parameters) {
    requireNonNull(queryName, "queryName");
    requireNonNull(parameters, "parameters");
    ensureOpen();
    NeptuneQuery q = queries.get(queryName);
    if (q == null) {
      throw new UnknownQueryException(name(), queryName, queries.keySet());
    }
    return q.answer(remote, parameters);
  }

  @Override
  public Set<String> queryNames() {
    return queries.keySet();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      client.close();
    } finally {
      cluster.close();
      if (ownedExecutor != null) {
        ownedExecutor.shutdown();
      }
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("Neptune database '" + name() + "' is closed");
    }
  }

  @Override
  public String toString() {
    return "NeptuneGraphDatabase[" + name() + ", " + config.endpoint() + "]";
  }

  /**
   * Builds a {@link NeptuneGraphDatabase}. Defaults: name {@link #DEFAULT_NAME}, port {@link
   * #DEFAULT_PORT}, TLS on, IAM off, {@link #DEFAULT_MAX_CONNECTIONS} connections with {@link
   * #DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION} requests in flight each, {@link #DEFAULT_REQUEST_TIMEOUT}, {@link
   * #DEFAULT_LANES} lanes, {@link #DEFAULT_MAX_RECORDS_PER_REQUEST} records and {@link
   * #DEFAULT_MAX_STEPS_PER_REQUEST} steps per request, {@link #DEFAULT_RETRY_ATTEMPTS} attempts with
   * backoff from {@link #DEFAULT_RETRY_INITIAL_BACKOFF} to {@link #DEFAULT_RETRY_MAX_BACKOFF}, the default
   * {@link NeptuneValuePolicy}, the system UTC clock, an owned lane pool, no listener, no named read.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final String host;
    private String name = DEFAULT_NAME;
    private int port = DEFAULT_PORT;
    private boolean tls = DEFAULT_TLS;
    private @Nullable String iamRegion;
    private @Nullable NeptuneCredentialsProvider credentials;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int maxInFlightPerConnection = DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int lanes = DEFAULT_LANES;
    private int maxRecordsPerRequest = DEFAULT_MAX_RECORDS_PER_REQUEST;
    private int maxStepsPerRequest = DEFAULT_MAX_STEPS_PER_REQUEST;
    private int retryAttempts = DEFAULT_RETRY_ATTEMPTS;
    private Duration retryInitialBackoff = DEFAULT_RETRY_INITIAL_BACKOFF;
    private Duration retryMaxBackoff = DEFAULT_RETRY_MAX_BACKOFF;
    private NeptuneValuePolicy valuePolicy = NeptuneValuePolicy.defaults();
    private long seed = DEFAULT_SEED;
    private @Nullable ExecutorService executor;
    private Clock clock = Clock.systemUTC();
    private final List<NeptuneListener> listeners = new ArrayList<>();
    private final Map<String, NeptuneQuery> queries = new HashMap<>();
    private Retrier.Sleeper sleeper = Retrier.Sleeper.PARK;

    private Builder(String host) {
      requireNonNull(host, "host");
      if (host.isBlank() || host.contains("://") || host.contains("/")) {
        throw new IllegalArgumentException("host must be a host name without scheme or path: '" + host + "'");
      }
      this.host = host;
    }

    /** The name in events, logs, metrics and exceptions; {@value #DEFAULT_NAME} by default. */
    public Builder name(String name) {
      requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = name;
      return this;
    }

    /**
     * The port; {@value #DEFAULT_PORT} by default.
     *
     * @throws IllegalArgumentException if port is outside [1, 65535]
     */
    public Builder port(int port) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port must be in [1, 65535]: " + port);
      }
      this.port = port;
      return this;
    }

    /** Whether to use TLS ({@code wss}); on by default, as Neptune requires. Off only for local stand-ins. */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Turns IAM authentication on: the WebSocket handshake is signed with SigV4 for this region, with the
     * credentials of {@link #credentialsProvider} or, by default, the AWS default credentials chain
     * (which needs {@code software.amazon.awssdk:auth} on the classpath).
     */
    public Builder iam(String region) {
      requireNonNull(region, "region");
      if (region.isBlank()) {
        throw new IllegalArgumentException("region must not be blank");
      }
      this.iamRegion = region;
      return this;
    }

    /** The credentials IAM authentication signs with, instead of the AWS default chain. */
    public Builder credentialsProvider(NeptuneCredentialsProvider provider) {
      this.credentials = requireNonNull(provider, "provider");
      return this;
    }

    /**
     * The most connections in the pool; {@value #DEFAULT_MAX_CONNECTIONS} by default.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = atLeast(1, maxConnections, "maxConnections");
      return this;
    }

    /**
     * The most requests in flight on one connection; {@value #DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION} by default.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxInFlightPerConnection(int maxInFlight) {
      this.maxInFlightPerConnection = atLeast(1, maxInFlight, "maxInFlightPerConnection");
      return this;
    }

    /**
     * How long one request may take; 30 s by default.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * The number of writer lanes; two per available processor by default.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder lanes(int lanes) {
      this.lanes = atLeast(1, lanes, "lanes");
      return this;
    }

    /**
     * The property-record budget of one write request; {@value #DEFAULT_MAX_RECORDS_PER_REQUEST} by default.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxRecordsPerRequest(int records) {
      this.maxRecordsPerRequest = atLeast(1, records, "maxRecordsPerRequest");
      return this;
    }

    /**
     * The Gremlin-step budget of one request; {@value #DEFAULT_MAX_STEPS_PER_REQUEST} by default.
     *
     * @throws IllegalArgumentException if outside [1, 1500]
     */
    public Builder maxStepsPerRequest(int steps) {
      if (steps < 1 || steps > NeptuneDialect.MAX_STEPS_PER_REQUEST) {
        throw new IllegalArgumentException("maxStepsPerRequest must be in [1, " + NeptuneDialect.MAX_STEPS_PER_REQUEST
            + "]: " + steps);
      }
      this.maxStepsPerRequest = steps;
      return this;
    }

    /**
     * The most attempts of one request (1: no retry); {@value #DEFAULT_RETRY_ATTEMPTS} by default.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder retryAttempts(int attempts) {
      this.retryAttempts = atLeast(1, attempts, "retryAttempts");
      return this;
    }

    /**
     * The delay before the first retry, before jitter; 50 ms by default.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder retryInitialBackoff(Duration backoff) {
      requireNonNull(backoff, "backoff");
      if (backoff.isNegative()) {
        throw new IllegalArgumentException("retryInitialBackoff must not be negative: " + backoff);
      }
      this.retryInitialBackoff = backoff;
      return this;
    }

    /**
     * The longest delay between two attempts; 5 s by default.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder retryMaxBackoff(Duration backoff) {
      requireNonNull(backoff, "backoff");
      if (backoff.isNegative()) {
        throw new IllegalArgumentException("retryMaxBackoff must not be negative: " + backoff);
      }
      this.retryMaxBackoff = backoff;
      return this;
    }

    /** What values Neptune has no type for become; {@link NeptuneValuePolicy#defaults()} by default. */
    public Builder valuePolicy(NeptuneValuePolicy policy) {
      this.valuePolicy = requireNonNull(policy, "policy");
      return this;
    }

    /** The seed of the retry jitter. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The executor lane work runs on; the database owns a bounded pool of {@code lanes} threads when none
     * is given. An executor given here is not shut down by {@link #close()}.
     */
    public Builder executor(ExecutorService executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /** The clock of events and of SigV4 signatures; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Adds a listener. */
    public Builder listener(NeptuneListener listener) {
      this.listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Registers how a named read is answered.
     *
     * @throws IllegalStateException if a read of that name was registered already
     */
    public Builder query(String queryName, NeptuneQuery query) {
      requireNonNull(queryName, "queryName");
      requireNonNull(query, "query");
      if (queries.putIfAbsent(queryName, query) != null) {
        throw new IllegalStateException("a query named '" + queryName + "' is registered already");
      }
      return this;
    }

    /**
     * Builds the database. Connections open lazily, on the first request.
     *
     * @throws IllegalStateException if retryInitialBackoff is longer than retryMaxBackoff, or a credentials
     *     provider was given without {@link #iam(String)}
     * @throws dev.graphshift.ConfigurationException if IAM needs the AWS SDK and it is not on the classpath
     */
    public NeptuneGraphDatabase build() {
      if (retryInitialBackoff.compareTo(retryMaxBackoff) > 0) {
        throw new IllegalStateException("retryInitialBackoff " + retryInitialBackoff + " is longer than retryMaxBackoff "
            + retryMaxBackoff);
      }
      if (credentials != null && iamRegion == null) {
        throw new IllegalStateException("a credentialsProvider was given but IAM is off; call iam(region) too");
      }
      NeptuneConfig config = new NeptuneConfig(name, host, port, tls, Optional.ofNullable(iamRegion), maxConnections,
          maxInFlightPerConnection, requestTimeout, lanes, maxRecordsPerRequest, maxStepsPerRequest, retryAttempts,
          retryInitialBackoff, retryMaxBackoff, valuePolicy, seed);
      return new NeptuneGraphDatabase(this, config);
    }

    private static int atLeast(int min, int value, String what) {
      if (value < min) {
        throw new IllegalArgumentException(what + " must be at least " + min + ": " + value);
      }
      return value;
    }

    private static Duration positive(Duration d, String what) {
      requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }
  }
}
