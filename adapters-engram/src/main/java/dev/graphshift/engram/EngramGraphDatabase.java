package dev.graphshift.engram;

import static java.util.Objects.requireNonNull;

import dev.graphshift.AuthenticationException;
import dev.graphshift.Capabilities;
import dev.graphshift.Checked;
import dev.graphshift.DatabaseException;
import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphShiftException;
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
import dev.graphshift.engram.internal.ContentCodec;
import dev.graphshift.engram.internal.EngramApi;
import dev.graphshift.engram.internal.EngramApi.Listing;
import dev.graphshift.engram.internal.EngramApi.Lookup;
import dev.graphshift.engram.internal.EngramApi.Memory;
import dev.graphshift.engram.internal.EngramApi.MemoryWrite;
import dev.graphshift.engram.internal.EngramApi.RecallHit;
import dev.graphshift.engram.internal.EngramHttp;
import dev.graphshift.engram.internal.EngramHttp.Outcome;
import dev.graphshift.engram.internal.IdCodec;
import dev.graphshift.engram.internal.Vectors;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engram (orchard9/engram) as a {@link GraphDatabase}, over its HTTP API (port 7432) with the JDK
 * {@link HttpClient}: nodes become memories as {@link EngramModel} describes, in the memory spaces a
 * {@link SpacePartition} chooses.
 *
 * <pre>{@code
 * EngramGraphDatabase engram = EngramGraphDatabase.builder("engram", URI.create("http://localhost:7432"))
 *     .partition(SpacePartition.perLabel("neo4j"))
 *     .verification(Verification.full())
 *     .read("similar", EngramRead.embedding("vector"))
 *     .build();
 * WriteResult result = engram.upsertNodes(nodes);   // written + skipped + rejected == nodes.size()
 * }</pre>
 *
 * <p><b>What Engram cannot do, said plainly.</b> Engram's API has no relationship endpoint (gRPC {@code
 * Associate} is a stub that stores nothing), no update semantics and no delete ({@code DELETE
 * /api/v1/memories/{id}} answers 200 {@code "not_supported"}; gRPC {@code Forget} reaches the hot tier
 * only). {@link #capabilities()} says so; {@link #upsertRelationships}, {@link #deleteNodes} and {@link
 * #deleteRelationships} reject every record with {@link Rules#UNSUPPORTED_CAPABILITY} and a message
 * naming the missing API; relationship reads answer that there are none. {@link
 * WriteMode#INSERT_IF_ABSENT} is a check (GET) then a write, not atomic: a concurrent writer of the same
 * id can slip between the two.
 *
 * <p><b>Writes.</b> Engram has no batch endpoint, so a batch is sent as one {@code POST
 * /api/v1/memories/remember} per node, concurrently, never more than {@link Builder#inFlight(int)} at a
 * time. Before anything is sent, each node runs through {@link RecordRules}, then the Engram rules, each
 * failure a {@link Rejected} value: an embedding of 768 finite values, neither all zero nor constant
 * (supplied by the embedder when the node has none: {@link Rules#ENGRAM_EMBEDDING}, {@link
 * Rules#EMBEDDING_FAILED}); content of at most 100 000 bytes ({@link Rules#ENGRAM_CONTENT_TOO_LARGE}); no
 * embedding within cosine 0.95 of an earlier node of the same window of the batch ({@link
 * Rules#ENGRAM_NEAR_DUPLICATE}: Engram would answer 201 and keep one); no space pushed past the capacity
 * ({@link Rules#ENGRAM_SPACE_FULL}: Engram would evict silently; the counter of each space is read once
 * per batch). Transient failures are retried with exponential backoff and {@code Retry-After}; when a
 * request still fails, the others of the batch are written and the call throws, naming the records that
 * failed. Read-after-write {@link Verification} rejects, with {@link Rules#ENGRAM_NOT_STORED}, memories
 * Engram answered 201 for but does not hold as written.
 *
 * <p><b>Reads.</b> Get by id ({@code GET /api/v1/memories/{id}}; with per-label spaces every space is
 * asked); {@link #countNodes()} from {@code tier_counts.hot}, Engram's counter, which over-counts after a
 * node is rewritten with a different embedding (Engram increments it again); {@link #countNodes(String)}
 * and {@link #countNodesByLabel()} exactly, by listing every memory; {@link #scanNodes(ScanRequest)} over
 * Engram's offset listing (see there for what it guarantees); {@link #sampleNodes(int, long)} by listing
 * every memory; {@link #query(String, Map)} as a recall ({@link EngramRead}). Reads never return the
 * {@value EngramModel#EMBEDDING_PROPERTY} property: Engram's GET does not return vectors.
 *
 * <p><b>Design.</b> The adapter holds no state of its own besides counters: every read and write goes
 * to Engram. Requests of one call run concurrently on the {@link HttpClient}'s executor (the one given
 * to {@link Builder#executor(Executor)}, or the client's default, which starts its threads lazily); the
 * in-flight window bounds them, so a call holds at most {@code inFlight} requests and their bodies.
 * Records of one batch are not ordered with respect to each other; a batch's call returns only when all
 * its requests are answered (or timed out). Concurrent calls share the window. Writes are eventually
 * visible in listings and counts exactly as Engram makes them visible.
 *
 * <p>Thread-safe.
 */
public final class EngramGraphDatabase implements GraphDatabase {
  private static final Logger log = LoggerFactory.getLogger(EngramGraphDatabase.class);

  /** The default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** The default timeout of each request. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** The default number of requests in flight at once. */
  public static final int DEFAULT_IN_FLIGHT = 32;
  /** The default confidence of a memory whose node has none: Engram's own default. */
  public static final double DEFAULT_CONFIDENCE = 0.7;
  /** The default verification: 1 % of the written memories, deterministically chosen. */
  public static final Verification DEFAULT_VERIFICATION = Verification.sampled(0.01);
  /** The default number of consecutive nodes compared pairwise for near-duplicates. */
  public static final int DEFAULT_NEAR_DUPLICATE_WINDOW = 1_000;
  /** The default capacity per space: Engram's hot-tier cap. */
  public static final int DEFAULT_SPACE_CAPACITY = EngramModel.SPACE_CAPACITY;
  /** The default number of attempts per request, the first included. */
  public static final int DEFAULT_MAX_ATTEMPTS = 4;
  /** The default delay before the first retry. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
  /** The default longest delay between attempts. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
  /** The default partition: everything in Engram's {@code default} space. */
  public static final SpacePartition DEFAULT_PARTITION = SpacePartition.fixed(SpacePartition.DEFAULT_SPACE);

  private static final String NO_RELATIONSHIPS = "Engram cannot store relationships: its HTTP API has no edge "
      + "or association endpoint, and the gRPC Associate call is a stub that stores nothing (orchard9/engram "
      + "5d54816)";
  private static final String NO_NODE_DELETES = "Engram cannot delete memories: DELETE /api/v1/memories/{id} is a "
      + "no-op answering 200 \"not_supported\", and the gRPC Forget call reaches the hot tier only (the memory can "
      + "return after a restart)";
  private static final String NO_RELATIONSHIP_DELETES = NO_RELATIONSHIPS + ", so there are none to delete";
  private static final float NEAR_DUPLICATE = (float) EngramModel.NEAR_DUPLICATE_COSINE;

  private final EngramConfig config;
  private final SpacePartition partition;
  private final EngramApi api;
  private final @Nullable Function<List<String>, List<float[]>> embedder;
  private final Map<String, EngramRead> reads;
  private final List<EngramListener> listeners;
  private final Clock clock;
  private final Counters counters = new Counters();
  private volatile boolean closed;

  private EngramGraphDatabase(Builder b) {
    this.partition = b.partition;
    this.embedder = b.embedder;
    this.reads = Map.copyOf(b.reads);
    this.listeners = List.copyOf(b.listeners);
    this.clock = b.clock;
    this.config = new EngramConfig(b.name, b.baseUri, b.partition, b.apiKey != null, b.sslContext != null,
        b.connectTimeout, b.requestTimeout, b.inFlight, b.confidence, b.verification, b.nearDuplicateWindow,
        b.spaceCapacity, b.embedder != null, b.maxAttempts, b.initialBackoff, b.maxBackoff, reads.keySet());
    HttpClient.Builder client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(b.connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER);
    if (b.sslContext != null) {
      client.sslContext(b.sslContext);
    }
    if (b.executor != null) {
      client.executor(b.executor);
    }
    EngramHttp http = new EngramHttp(b.name, b.baseUri, client.build(), b.apiKey, b.requestTimeout, b.inFlight,
        b.maxAttempts, b.initialBackoff, b.maxBackoff, this::retried, b.sleeper);
    this.api = new EngramApi(http);
  }

  /**
   * A builder for an adapter with this name talking to Engram at this base URI (for example {@code
   * http://localhost:7432}).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name is blank or the URI is not an absolute http(s) URI with a host
   */
  public static Builder builder(String name, URI baseUri) {
    return new Builder(name, baseUri);
  }

  /** The settings, as built (without the API key). */
  public EngramConfig config() {
    return config;
  }

  /** A snapshot of the counters. */
  public EngramMetrics metrics() {
    EngramHttp http = api.http();
    return new EngramMetrics(http.requests(), http.failedRequests(), counters.retries.sum(),
        counters.remembered.sum(), counters.rejected.sum(), counters.nearDuplicates.sum(), counters.spaceFull.sum(),
        counters.verified.sum(), counters.notStored.sum(), counters.embedderFailures.sum(),
        counters.unstableScanPages.sum(), counters.listenerFailures.sum());
  }

  @Override
  public String name() {
    return config.name();
  }

  /**
   * No relationships, no deletes, no conditional writes ({@link WriteMode#INSERT_IF_ABSENT} is a check
   * then a write), no transactions, no schema; vectors are native (every memory has its embedding).
   */
  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().nativeVectors(true).build();
  }

  // ------------------------------------------------------------------------------------------ writes

  /** A node on its way to becoming a memory. */
  private static final class Pending {
    final Node node;
    final String space;
    final String memoryId;
    final String content;
    final double confidence;
    float @Nullable [] embedding;

    Pending(Node node, String space, String content, double confidence, float @Nullable [] embedding) {
      this.node = node;
      this.space = space;
      this.memoryId = IdCodec.encode(node.id());
      this.content = content;
      this.confidence = confidence;
      this.embedding = embedding;
    }
  }

  @Override
  public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
    requireNonNull(nodes, "nodes");
    requireNonNull(mode, "mode");
    ensureOpen();
    Checked<Node> checked = RecordRules.checkNodes(nodes);
    List<Rejected> rejected = new ArrayList<>(checked.rejected());
    List<Pending> pending = prepare(checked.accepted(), rejected);
    pending = supplyEmbeddings(pending, rejected);
    pending = holdBackNearDuplicates(pending, rejected);
    int skipped = 0;
    if (mode == WriteMode.INSERT_IF_ABSENT && !pending.isEmpty()) {
      int before = pending.size();
      pending = absentOnly(pending);
      skipped = before - pending.size();
    }
    pending = enforceCapacity(pending, rejected);
    List<Pending> written = remember(pending);
    int notStored = verify(written, rejected);
    counters.rejected.add(rejected.size());
    return new WriteResult(written.size() - notStored, skipped, rejected);
  }

  private List<Pending> prepare(List<Node> nodes, List<Rejected> rejected) {
    List<Pending> pending = new ArrayList<>(nodes.size());
    for (Node node : nodes) {
      float[] embedding = null;
      Object vector = node.properties().get(EngramModel.EMBEDDING_PROPERTY);
      if (vector != null) {
        Optional<float[]> floats = Vectors.asFloats(vector);
        if (floats.isEmpty()) {
          rejected.add(new Rejected(node, Rules.ENGRAM_EMBEDDING, "property '" + EngramModel.EMBEDDING_PROPERTY
              + "' must be a float[] (or double[]) of " + EngramModel.DIMENSIONS + " values, not "
              + vector.getClass().getSimpleName()));
          continue;
        }
        Optional<String> problem = Vectors.problem(floats.get(), EngramModel.DIMENSIONS);
        if (problem.isPresent()) {
          rejected.add(new Rejected(node, Rules.ENGRAM_EMBEDDING, "the embedding (property '"
              + EngramModel.EMBEDDING_PROPERTY + "') " + problem.get()));
          continue;
        }
        embedding = floats.get();
      } else if (embedder == null) {
        rejected.add(new Rejected(node, Rules.ENGRAM_EMBEDDING, "the node has no '" + EngramModel.EMBEDDING_PROPERTY
            + "' property (" + EngramModel.DIMENSIONS + " floats) and no embedder is configured; Engram would "
            + "store its default embedding [0.5]*768 and collapse such memories into one"));
        continue;
      }
      String content = EngramModel.content(node);
      int bytes = ContentCodec.utf8Length(content);
      if (bytes > EngramModel.MAX_CONTENT_BYTES) {
        rejected.add(new Rejected(node, Rules.ENGRAM_CONTENT_TOO_LARGE, "the memory content (labels and property "
            + "values as JSON) is " + bytes + " bytes; Engram accepts at most " + EngramModel.MAX_CONTENT_BYTES));
        continue;
      }
      Object c = node.properties().get(EngramModel.CONFIDENCE_PROPERTY);
      double confidence = c instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1
          ? n.doubleValue() : config.confidence();
      pending.add(new Pending(node, partition.spaceFor(node.labels()), content, confidence, embedding));
    }
    return pending;
  }

  private List<Pending> supplyEmbeddings(List<Pending> pending, List<Rejected> rejected) {
    List<Pending> missing = new ArrayList<>();
    for (Pending p : pending) {
      if (p.embedding == null) {
        missing.add(p);
      }
    }
    if (missing.isEmpty()) {
      return pending;
    }
    List<String> texts = new ArrayList<>(missing.size());
    for (Pending p : missing) {
      texts.add(p.content);
    }
    List<float[]> vectors;
    try {
      vectors = requireNonNull(embedder, "embedder").apply(texts);
      if (vectors == null || vectors.size() != texts.size()) {
        throw new IllegalStateException("the embedder returned " + (vectors == null ? "null" : vectors.size()
            + " vectors") + " for " + texts.size() + " texts");
      }
    } catch (RuntimeException e) {
      counters.embedderFailures.increment();
      log.warn("graphshift.engram.embedder_failed name={} nodes={}", name(), missing.size(), e);
      for (Pending p : missing) {
        rejected.add(new Rejected(p.node, Rules.EMBEDDING_FAILED, "the embedder failed: " + e.getMessage()));
      }
      List<Pending> kept = new ArrayList<>(pending);
      kept.removeAll(missing);
      return kept;
    }
    List<Pending> kept = new ArrayList<>(pending.size());
    int i = 0;
    for (Pending p : pending) {
      if (p.embedding != null) {
        kept.add(p);
        continue;
      }
      float[] v = vectors.get(i++);
      Optional<String> problem = v == null ? Optional.of("is missing") : Vectors.problem(v, EngramModel.DIMENSIONS);
      if (problem.isPresent()) {
        rejected.add(new Rejected(p.node, Rules.ENGRAM_EMBEDDING, "the embedding the embedder returned "
            + problem.get()));
      } else {
        p.embedding = v;
        kept.add(p);
      }
    }
    return kept;
  }

  private List<Pending> holdBackNearDuplicates(List<Pending> pending, List<Rejected> rejected) {
    List<float[]> vectors = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      vectors.add(p.embedding);
    }
    int[] duplicateOf = Vectors.nearDuplicates(vectors, NEAR_DUPLICATE, config.nearDuplicateWindow());
    List<Pending> kept = new ArrayList<>(pending.size());
    for (int j = 0; j < duplicateOf.length; j++) {
      Pending p = pending.get(j);
      if (duplicateOf[j] < 0) {
        kept.add(p);
        continue;
      }
      Pending other = pending.get(duplicateOf[j]);
      float similarity = Vectors.cosine(p.embedding, Vectors.norm(p.embedding), other.embedding,
          Vectors.norm(other.embedding));
      counters.nearDuplicates.increment();
      rejected.add(new Rejected(p.node, Rules.ENGRAM_NEAR_DUPLICATE, "its embedding has cosine similarity "
          + similarity + " with that of node '" + other.node.id() + "' of the same batch (Engram keeps only one "
          + "of two memories at " + EngramModel.NEAR_DUPLICATE_COSINE + " or more, answering 201 for both); node '"
          + other.node.id() + "' is written"));
      if (!listeners.isEmpty()) {
        NearDuplicateRejectedEvent event = new NearDuplicateRejectedEvent(name(), clock.instant(), p.node.id(),
            other.node.id(), similarity);
        emit(l -> l.onNearDuplicateRejected(event));
      }
    }
    return kept;
  }

  private List<Pending> absentOnly(List<Pending> pending) {
    List<Lookup> lookups = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      lookups.add(new Lookup(p.space, p.memoryId, p.node.id()));
    }
    List<Outcome<Optional<Memory>>> found = api.get(lookups);
    throwIfFailed(found, "checking which nodes exist before an insert-if-absent");
    List<Pending> absent = new ArrayList<>(pending.size());
    for (int i = 0; i < pending.size(); i++) {
      if (found.get(i).value().isEmpty()) {
        absent.add(pending.get(i));
      }
    }
    return absent;
  }

  private List<Pending> enforceCapacity(List<Pending> pending, List<Rejected> rejected) {
    Map<String, Integer> perSpace = new LinkedHashMap<>();
    for (Pending p : pending) {
      perSpace.merge(p.space, 1, Integer::sum);
    }
    if (perSpace.isEmpty()) {
      return pending;
    }
    List<String> spaces = new ArrayList<>(perSpace.keySet());
    List<Outcome<Long>> counts = api.hotCounts(spaces);
    throwIfFailed(counts, "reading the memory counts of " + spaces.size() + " spaces");
    Map<String, Long> room = new HashMap<>();
    Map<String, Long> held = new HashMap<>();
    for (int i = 0; i < spaces.size(); i++) {
      held.put(spaces.get(i), counts.get(i).value());
      room.put(spaces.get(i), Math.max(0, config.spaceCapacity() - counts.get(i).value()));
    }
    List<Pending> kept = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      long left = room.get(p.space);
      if (left > 0) {
        room.put(p.space, left - 1);
        kept.add(p);
      } else {
        counters.spaceFull.increment();
        rejected.add(new Rejected(p.node, Rules.ENGRAM_SPACE_FULL, "memory space '" + p.space + "' holds "
            + held.get(p.space) + " memories (Engram's counter) and this batch fills it to "
            + config.spaceCapacity() + "; Engram would evict another memory silently to store this one. Spread the "
            + "graph over more spaces (SpacePartition.perLabel) or write to another space"));
      }
    }
    return kept;
  }

  private List<Pending> remember(List<Pending> pending) {
    if (pending.isEmpty()) {
      return pending;
    }
    Instant now = clock.instant();
    List<MemoryWrite> writes = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      writes.add(new MemoryWrite(p.space, p.memoryId, p.node.id(), p.content, p.embedding, p.confidence, now));
    }
    List<Outcome<String>> outcomes = api.remember(writes);
    List<Pending> written = new ArrayList<>(pending.size());
    for (int i = 0; i < outcomes.size(); i++) {
      if (outcomes.get(i).succeeded()) {
        written.add(pending.get(i));
      }
    }
    counters.remembered.add(written.size());
    throwIfFailed(outcomes, "remembering " + pending.size() + " nodes (" + written.size() + " were written)");
    return written;
  }

  private int verify(List<Pending> written, List<Rejected> rejected) {
    List<Pending> selected = new ArrayList<>();
    for (Pending p : written) {
      if (config.verification().selects(p.node.id())) {
        selected.add(p);
      }
    }
    if (selected.isEmpty()) {
      return 0;
    }
    List<Lookup> lookups = new ArrayList<>(selected.size());
    for (Pending p : selected) {
      lookups.add(new Lookup(p.space, p.memoryId, p.node.id()));
    }
    List<Outcome<Optional<Memory>>> found = api.get(lookups);
    throwIfFailed(found, "verifying " + selected.size() + " written memories");
    counters.verified.add(selected.size());
    int notStored = 0;
    for (int i = 0; i < selected.size(); i++) {
      Pending p = selected.get(i);
      Optional<Memory> memory = found.get(i).value();
      String problem;
      if (memory.isEmpty()) {
        problem = "404";
        rejected.add(new Rejected(p.node, Rules.ENGRAM_NOT_STORED, "Engram answered 201 but GET by id answers 404 "
            + "in space '" + p.space + "': the write was skipped as a near-duplicate of a memory it holds, or "
            + "that memory replaced it, or it was evicted"));
      } else if (!memory.get().content().equals(p.content)) {
        problem = "different content";
        rejected.add(new Rejected(p.node, Rules.ENGRAM_NOT_STORED, "Engram answered 201 but holds different "
            + "content under this id in space '" + p.space + "': a memory within cosine "
            + EngramModel.NEAR_DUPLICATE_COSINE + " (often this id's earlier version) made it skip the write; "
            + "Engram has no update semantics"));
      } else {
        continue;
      }
      notStored++;
      counters.notStored.increment();
      log.warn("graphshift.engram.not_stored name={} id={} space={} found={}", name(), p.node.id(), p.space,
          problem);
      if (!listeners.isEmpty()) {
        MemoryNotStoredEvent event = new MemoryNotStoredEvent(name(), clock.instant(), p.node.id(), p.space,
            problem);
        emit(l -> l.onMemoryNotStored(event));
      }
    }
    return notStored;
  }

  /** Rejects every relationship: Engram has no relationship API. */
  @Override
  public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
    requireNonNull(relationships, "relationships");
    requireNonNull(mode, "mode");
    ensureOpen();
    return rejected(GraphDatabase.rejectAll(relationships, NO_RELATIONSHIPS));
  }

  /** Rejects every id: Engram cannot delete memories over HTTP. */
  @Override
  public WriteResult deleteNodes(Collection<String> ids) {
    requireNonNull(ids, "ids");
    ensureOpen();
    return rejected(GraphDatabase.rejectDeletes(ids, true, NO_NODE_DELETES));
  }

  /** Rejects every id: Engram holds no relationships. */
  @Override
  public WriteResult deleteRelationships(Collection<String> ids) {
    requireNonNull(ids, "ids");
    ensureOpen();
    return rejected(GraphDatabase.rejectDeletes(ids, false, NO_RELATIONSHIP_DELETES));
  }

  private WriteResult rejected(WriteResult result) {
    counters.rejected.add(result.rejected().size());
    return result;
  }

  // ------------------------------------------------------------------------------------------- reads

  @Override
  public Optional<Node> getNode(String id) {
    requireNonNull(id, "id");
    return Optional.ofNullable(getNodes(List.of(id)).get(id));
  }

  /** Reads the nodes concurrently within the in-flight window (one GET per id and space). */
  @Override
  public Map<String, Node> getNodes(Collection<String> ids) {
    requireNonNull(ids, "ids");
    ensureOpen();
    List<String> spaces = readSpaces();
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
    List<Lookup> lookups = new ArrayList<>(distinct.size() * spaces.size());
    for (String id : distinct) {
      String memoryId = IdCodec.encode(requireNonNull(id, "id"));
      for (String space : spaces) {
        lookups.add(new Lookup(space, memoryId, id));
      }
    }
    List<Outcome<Optional<Memory>>> found = api.get(lookups);
    throwIfFailed(found, "reading " + distinct.size() + " nodes");
    Map<String, Memory> latest = new LinkedHashMap<>();
    for (int i = 0; i < lookups.size(); i++) {
      Optional<Memory> m = found.get(i).value();
      if (m.isPresent()) {
        latest.merge(lookups.get(i).nodeId(), m.get(), (a, b) -> instant(b).isAfter(instant(a)) ? b : a);
      }
    }
    Map<String, Node> nodes = new LinkedHashMap<>();
    for (String id : distinct) {
      Memory m = latest.get(id);
      if (m != null) {
        nodes.put(id, ContentCodec.decode(id, m.content(), EngramModel.CONTENT_PROPERTY));
      }
    }
    return nodes;
  }

  private static Instant instant(Memory m) {
    try {
      return OffsetDateTime.parse(m.timestamp()).toInstant();
    } catch (DateTimeParseException e) {
      log.debug("graphshift.engram.timestamp_unparsed id={} timestamp={}", m.memoryId(), m.timestamp());
      return Instant.MIN;
    }
  }

  @Override
  public Optional<Relationship> getRelationship(String id) {
    requireNonNull(id, "id");
    ensureOpen();
    return Optional.empty();
  }

  /** The sum of Engram's counters ({@code tier_counts.hot}) of the partition's spaces; see the class doc. */
  @Override
  public long countNodes() {
    ensureOpen();
    List<String> spaces = readSpaces();
    List<Outcome<Long>> counts = api.hotCounts(spaces);
    throwIfFailed(counts, "counting memories");
    long total = 0;
    for (Outcome<Long> c : counts) {
      total += c.value();
    }
    return total;
  }

  /** The number of memories whose node carries the label, counted exactly by listing every memory. */
  @Override
  public long countNodes(String label) {
    requireNonNull(label, "label");
    return countNodesByLabel().getOrDefault(label, 0L);
  }

  /** The number of memories per label, counted exactly by listing every memory. */
  @Override
  public Map<String, Long> countNodesByLabel() {
    ensureOpen();
    Map<String, Long> counts = new TreeMap<>();
    forEachMemory(m -> {
      for (String label : ContentCodec.labels(m.content())) {
        counts.merge(label, 1L, Long::sum);
      }
    });
    return counts;
  }

  /** Zero: Engram holds no relationships. */
  @Override
  public long countRelationships() {
    ensureOpen();
    return 0;
  }

  /** Zero: Engram holds no relationships. */
  @Override
  public long countRelationships(String type) {
    requireNonNull(type, "type");
    ensureOpen();
    return 0;
  }

  /** Empty: Engram holds no relationships. */
  @Override
  public Map<String, Long> countRelationshipsByType() {
    ensureOpen();
    return Map.of();
  }

  /** Zero: Engram holds no relationships. */
  @Override
  public long degree(String nodeId) {
    requireNonNull(nodeId, "nodeId");
    ensureOpen();
    return 0;
  }

  /**
   * One page of a scan over Engram's listing ({@code GET /api/v1/memories?offset=&limit=}), space by
   * space in id order. Engram has no keyset cursor, so this one is an offset: the cursor names a space,
   * the offset to continue at and the space's counter when the page was read. <b>What holds:</b> when
   * no space of the partition is written during the scan, every memory is returned exactly once, and a
   * scan resumed from a saved cursor continues without gap or repeat. <b>What does not:</b> the cost of
   * a page grows with its offset (Engram skips from the start), and Engram's listing order is not stable
   * while the space is written: new memories can shift it (records repeated or missed) and evictions
   * close gaps (records missed). When the counter changed between two pages, the page is counted in
   * {@link EngramMetrics#unstableScanPages()}: rescan if it is not zero. A page holds at most {@code
   * min(limit, 1000)} memories before the label filter and may be empty without being the last. The
   * scan is not split ({@link #splitNodeScan} keeps the default).
   */
  @Override
  public ScanPage<Node> scanNodes(ScanRequest request) {
    requireNonNull(request, "request");
    ensureOpen();
    List<String> spaces = readSpaces();
    Optional<Cursor> after = request.after().map(Cursor::parse);
    Optional<Cursor> until = request.until().map(Cursor::parse);
    int index = 0;
    long offset = 0;
    if (after.isPresent()) {
      index = Collections.binarySearch(spaces, after.get().space());
      if (index < 0) {
        index = -index - 1;
      } else {
        offset = after.get().offset();
      }
    }
    if (index >= spaces.size()) {
      return ScanPage.of(List.of(), Optional.empty());
    }
    String space = spaces.get(index);
    int limit = Math.min(request.limit(), EngramApi.MAX_PAGE);
    Listing page = api.list(space, offset, limit, false);
    if (after.isPresent() && after.get().space().equals(space) && after.get().hot() != page.hot()) {
      counters.unstableScanPages.increment();
      log.debug("graphshift.engram.scan_unstable name={} space={} offset={} before={} now={}", name(), space,
          offset, after.get().hot(), page.hot());
    }
    List<Node> items = new ArrayList<>(page.memories().size());
    for (Memory m : page.memories()) {
      Node node = EngramModel.node(m.memoryId(), m.content());
      if (request.filter().isEmpty() || node.labels().contains(request.filter().get())) {
        items.add(node);
      }
    }
    Optional<Cursor> next;
    if (page.memories().size() < limit) {
      next = index + 1 < spaces.size() ? Optional.of(new Cursor(spaces.get(index + 1), 0, -1)) : Optional.empty();
    } else {
      next = Optional.of(new Cursor(space, offset + page.memories().size(), page.hot()));
    }
    if (next.isPresent() && until.isPresent() && next.get().compareTo(until.get()) > 0) {
      next = Optional.empty();
    }
    return ScanPage.of(items, next.map(Cursor::toString));
  }

  /** A scan position: a space, the offset to continue at, and the space's counter then (-1 unknown). */
  private record Cursor(String space, long offset, long hot) implements Comparable<Cursor> {
    static Cursor parse(String text) {
      String[] parts = text.split(":", -1);
      try {
        if (parts.length == 3 && SpacePartition.isValidSpaceId(parts[0])) {
          return new Cursor(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a scan cursor of the Engram adapter: '" + text + "'", e);
      }
      throw new IllegalArgumentException("not a scan cursor of the Engram adapter: '" + text + "'");
    }

    @Override
    public int compareTo(Cursor o) {
      int c = space.compareTo(o.space);
      return c != 0 ? c : Long.compare(offset, o.offset);
    }

    @Override
    public String toString() {
      return space + ":" + offset + ":" + hot;
    }
  }

  /** Empty: Engram holds no relationships. */
  @Override
  public ScanPage<Relationship> scanRelationships(ScanRequest request) {
    requireNonNull(request, "request");
    ensureOpen();
    return ScanPage.of(List.of(), Optional.empty());
  }

  /**
   * About {@code n} nodes chosen by the seed: every memory is listed, sorted by node id and shuffled
   * with the seed, so the same seed over the same data gives the same nodes. Costs a full listing.
   */
  @Override
  public List<Node> sampleNodes(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    ensureOpen();
    Map<String, Node> all = new TreeMap<>();
    forEachMemory(m -> {
      Node node = EngramModel.node(m.memoryId(), m.content());
      all.putIfAbsent(node.id(), node);
    });
    List<Node> nodes = new ArrayList<>(all.values());
    Collections.shuffle(nodes, new Random(seed));
    return List.copyOf(nodes.subList(0, Math.min(n, nodes.size())));
  }

  private void forEachMemory(Consumer<Memory> action) {
    for (String space : readSpaces()) {
      for (long offset = 0; ; ) {
        Listing page = api.list(space, offset, EngramApi.MAX_PAGE, false);
        page.memories().forEach(action);
        if (page.memories().size() < EngramApi.MAX_PAGE) {
          break;
        }
        offset += page.memories().size();
      }
    }
  }

  /** The spaces reads visit: the fixed one, or every space the server lists that the partition owns. */
  private List<String> readSpaces() {
    if (partition.fixedSpace().isPresent()) {
      return List.of(partition.fixedSpace().get());
    }
    List<String> owned = new ArrayList<>();
    for (String space : api.spaces()) {
      if (partition.owns(space)) {
        owned.add(space);
      }
    }
    Collections.sort(owned);
    return owned;
  }

  // ----------------------------------------------------------------------------------- named reads

  /**
   * Answers a registered read with a recall in each space it covers, the hits merged best first.
   *
   * @throws UnknownQueryException if no read of that name is registered
   * @throws IllegalArgumentException if the cue parameter is missing or of the wrong kind
   */
  @Override
  public QueryResult query(String queryName, Map<String, Object> parameters) {
    requireNonNull(queryName, "queryName");
    requireNonNull(parameters, "parameters");
    ensureOpen();
    EngramRead read = reads.get(queryName);
    if (read == null) {
      throw new UnknownQueryException(name(), queryName, reads.keySet());
    }
    Object cue = parameters.get(read.parameter());
    Optional<String> text = Optional.empty();
    Optional<float[]> vector = Optional.empty();
    if (read.cue() == EngramRead.Cue.TEXT) {
      if (!(cue instanceof String s) || s.isEmpty()) {
        throw new IllegalArgumentException("query '" + queryName + "' needs a non-empty string parameter '"
            + read.parameter() + "'");
      }
      text = Optional.of(s);
    } else {
      float[] v = cueVector(cue).orElseThrow(() -> new IllegalArgumentException("query '" + queryName
          + "' needs parameter '" + read.parameter() + "' as a float[], double[] or list of numbers"));
      Vectors.problem(v, EngramModel.DIMENSIONS).ifPresent(p -> {
        throw new IllegalArgumentException("the embedding of query '" + queryName + "' " + p);
      });
      vector = Optional.of(v);
    }
    int maxResults = parameters.get(EngramRead.MAX_RESULTS_PARAMETER) instanceof Number m ? m.intValue()
        : read.maxResults();
    double threshold = parameters.get(EngramRead.THRESHOLD_PARAMETER) instanceof Number t ? t.doubleValue()
        : read.threshold();
    List<String> spaces = read.space().map(List::of).orElseGet(this::readSpaces);
    List<RecallHit> hits = new ArrayList<>();
    for (String space : spaces) {
      hits.addAll(api.recall(space, text, vector, maxResults, threshold));
    }
    hits.sort(Comparator.comparingDouble(RecallHit::score).reversed());
    List<QueryResult.Hit> result = new ArrayList<>(Math.min(maxResults, hits.size()));
    for (RecallHit h : hits.subList(0, Math.min(maxResults, hits.size()))) {
      Node node = EngramModel.node(h.memoryId(), h.content());
      result.add(new QueryResult.Hit(node.id(), h.score(), node.properties()));
    }
    return new QueryResult(result);
  }

  private static Optional<float[]> cueVector(@Nullable Object cue) {
    if (cue instanceof List<?> list) {
      float[] v = new float[list.size()];
      for (int i = 0; i < v.length; i++) {
        if (!(list.get(i) instanceof Number n)) {
          return Optional.empty();
        }
        v[i] = n.floatValue();
      }
      return Optional.of(v);
    }
    return cue == null ? Optional.empty() : Vectors.asFloats(cue);
  }

  @Override
  public Set<String> queryNames() {
    return reads.keySet();
  }

  /** Marks the adapter closed; the HTTP client's connections close as it is collected. Idempotent. */
  @Override
  public void close() {
    closed = true;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("Engram adapter '" + name() + "' is closed");
    }
  }

  // --------------------------------------------------------------------------------------- failures

  /**
   * Throws when any outcome failed: the one failure itself, or one exception naming every failed record
   * whose kind is the common kind of the failures (unavailable, transient, or permanent; an
   * authentication failure wins), with each failure attached as suppressed (at most 20).
   */
  private void throwIfFailed(List<? extends Outcome<?>> outcomes, String what) {
    List<GraphShiftException> failures = new ArrayList<>();
    for (Outcome<?> o : outcomes) {
      if (!o.succeeded()) {
        failures.add(o.failure());
      }
    }
    if (failures.isEmpty()) {
      return;
    }
    if (failures.size() == 1) {
      throw failures.get(0);
    }
    for (GraphShiftException f : failures) {
      if (f instanceof AuthenticationException auth) {
        throw auth;
      }
    }
    List<String> ids = new ArrayList<>();
    boolean retryable = true;
    boolean unavailable = true;
    for (GraphShiftException f : failures) {
      if (f instanceof DatabaseException d) {
        ids.addAll(d.recordIds());
      }
      retryable &= Retryable.isRetryable(f);
      unavailable &= f instanceof DatabaseUnavailableException;
    }
    GraphShiftException first = failures.get(0);
    String message = failures.size() + " of " + outcomes.size() + " requests failed while " + what + "; first: "
        + first.getMessage();
    DatabaseException ex = unavailable ? new DatabaseUnavailableException(name(), message, ids, first)
        : retryable ? new TransientDatabaseException(name(), message, ids, first)
        : new DatabaseException(name(), message, ids, first);
    for (GraphShiftException f : failures.subList(1, Math.min(failures.size(), 21))) {
      ex.addSuppressed(f);
    }
    throw ex;
  }

  private void retried(EngramHttp.Request request, int failedAttempt, Duration delay, GraphShiftException failure) {
    counters.retries.increment();
    if (!listeners.isEmpty()) {
      RequestRetriedEvent event = new RequestRetriedEvent(name(), clock.instant(), request.recordIds(),
          failedAttempt, delay, failure.getMessage());
      emit(l -> l.onRequestRetried(event));
    }
  }

  private void emit(Consumer<EngramListener> call) {
    for (EngramListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        counters.listenerFailures.increment();
        log.warn("graphshift.engram.listener_failed name={} listener={}", name(), listener.getClass().getName(), e);
      }
    }
  }

  @Override
  public String toString() {
    return "EngramGraphDatabase[" + name() + ", " + config.baseUri() + ", " + partition + "]";
  }

  private static final class Counters {
    final LongAdder retries = new LongAdder();
    final LongAdder remembered = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder nearDuplicates = new LongAdder();
    final LongAdder spaceFull = new LongAdder();
    final LongAdder verified = new LongAdder();
    final LongAdder notStored = new LongAdder();
    final LongAdder embedderFailures = new LongAdder();
    final LongAdder unstableScanPages = new LongAdder();
    final LongAdder listenerFailures = new LongAdder();
  }

  // ---------------------------------------------------------------------------------------- builder

  /**
   * Builds an {@link EngramGraphDatabase}. Defaults: the {@code default} space, no API key, the JVM's
   * default TLS, the {@code DEFAULT_*} constants of {@link EngramGraphDatabase}, no embedder, no named
   * reads, no listener, the system UTC clock.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final String name;
    private final URI baseUri;
    private SpacePartition partition = DEFAULT_PARTITION;
    private @Nullable String partitionSetBy;
    private @Nullable String apiKey;
    private @Nullable SSLContext sslContext;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int inFlight = DEFAULT_IN_FLIGHT;
    private @Nullable Executor executor;
    private double confidence = DEFAULT_CONFIDENCE;
    private Verification verification = DEFAULT_VERIFICATION;
    private int nearDuplicateWindow = DEFAULT_NEAR_DUPLICATE_WINDOW;
    private int spaceCapacity = DEFAULT_SPACE_CAPACITY;
    private @Nullable Function<List<String>, List<float[]>> embedder;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private EngramHttp.Sleeper sleeper = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
    private final Map<String, EngramRead> reads = new LinkedHashMap<>();
    private final List<EngramListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder(String name, URI baseUri) {
      requireNonNull(name, "name");
      requireNonNull(baseUri, "baseUri");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      String scheme = baseUri.getScheme();
      if (!baseUri.isAbsolute() || baseUri.getHost() == null
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || baseUri.getQuery() != null) {
        throw new IllegalArgumentException("baseUri must be an absolute http or https URI with a host and no query: "
            + baseUri);
      }
      this.name = name;
      this.baseUri = baseUri;
    }

    /**
     * Writes every memory to this one space (sent as the {@code X-Memory-Space} header); shorthand for
     * {@code partition(SpacePartition.fixed(space))}. Default {@code default}.
     *
     * @throws IllegalArgumentException if the id breaks Engram's rule (3 to 64 characters of {@code [a-z0-9_-]})
     * @throws IllegalStateException if a space or partition was set already
     */
    public Builder space(String space) {
      return setPartition(SpacePartition.fixed(space), "space(" + space + ")");
    }

    /**
     * Chooses the space of each memory; default {@link #DEFAULT_PARTITION}.
     *
     * @throws IllegalStateException if a space or partition was set already
     */
    public Builder partition(SpacePartition partition) {
      requireNonNull(partition, "partition");
      return setPartition(partition, "partition(" + partition + ")");
    }

    private Builder setPartition(SpacePartition p, String setting) {
      if (partitionSetBy != null) {
        throw new IllegalStateException(setting + " conflicts with the earlier " + partitionSetBy);
      }
      partitionSetBy = setting;
      this.partition = p;
      return this;
    }

    /**
     * Sends {@code Authorization: Bearer <apiKey>} with every request. Engram keys look like {@code
     * engram_key_<id>_<secret>}. The key is never logged nor part of {@link #build()}'s config.
     *
     * @throws IllegalArgumentException if the key is blank or holds a line break (the message does not
     *     contain the key)
     */
    public Builder apiKey(String apiKey) {
      requireNonNull(apiKey, "apiKey");
      if (apiKey.isBlank() || apiKey.indexOf('\r') >= 0 || apiKey.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("apiKey must not be blank nor hold a line break");
      }
      this.apiKey = apiKey;
      return this;
    }

    /** The TLS context for an {@code https} base URI (for example one trusting a private CA); default the JVM's. */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * The connect timeout; default 5 s.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * The timeout of each request, from sending to the whole answer; default 30 s.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * The largest number of requests outstanding at once, across all calls; default {@value
     * #DEFAULT_IN_FLIGHT}. 1 sends requests one after another.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder inFlight(int inFlight) {
      if (inFlight < 1) {
        throw new IllegalArgumentException("inFlight must be at least 1: " + inFlight);
      }
      this.inFlight = inFlight;
      return this;
    }

    /** The executor the HTTP client completes responses on; default the client's own. Not shut down by the adapter. */
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The confidence of memories whose node has no {@code confidence} property in [0, 1]; default {@value
     * #DEFAULT_CONFIDENCE}.
     *
     * @throws IllegalArgumentException if outside [0, 1]
     */
    public Builder confidence(double confidence) {
      if (!(confidence >= 0 && confidence <= 1)) {
        throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
      }
      this.confidence = confidence;
      return this;
    }

    /** Read-after-write verification; default {@link #DEFAULT_VERIFICATION} (1 %). */
    public Builder verification(Verification verification) {
      this.verification = requireNonNull(verification, "verification");
      return this;
    }

    /**
     * How many consecutive nodes of a batch are compared pairwise for near-duplicates; default {@value
     * #DEFAULT_NEAR_DUPLICATE_WINDOW}. The check costs about {@code window x 768} multiply-adds per node;
     * near-duplicates in different windows or different calls are not caught before sending (use {@link
     * Verification#full()} to catch them after).
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder nearDuplicateWindow(int window) {
      if (window < 1) {
        throw new IllegalArgumentException("nearDuplicateWindow must be at least 1: " + window);
      }
      this.nearDuplicateWindow = window;
      return this;
    }

    /**
     * The number of memories per space the adapter fills a space to; default {@value #DEFAULT_SPACE_CAPACITY},
     * Engram's hot-tier cap. Lower it to keep headroom.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder spaceCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("spaceCapacity must be at least 1: " + capacity);
      }
      this.spaceCapacity = capacity;
      return this;
    }

    /**
     * Supplies the embeddings of nodes without an {@code embedding} property: called once per batch with
     * the contents of those nodes' memories, it must return one vector of 768 floats per content, in
     * order. A failure rejects those nodes with {@link Rules#EMBEDDING_FAILED}. Default none (such nodes
     * are rejected).
     */
    public Builder embedder(Function<List<String>, List<float[]>> embedder) {
      this.embedder = requireNonNull(embedder, "embedder");
      return this;
    }

    /**
     * How transient failures are retried: {@code maxAttempts} attempts in all (default {@value
     * #DEFAULT_MAX_ATTEMPTS}; 1 disables retries), waiting {@code initialBackoff} (default 100 ms) doubled
     * per attempt, at most {@code maxBackoff} (default 10 s), or the server's {@code Retry-After} when
     * longer, still at most {@code maxBackoff}.
     *
     * @throws IllegalArgumentException if maxAttempts is less than 1, a duration is negative, or
     *     initialBackoff exceeds maxBackoff
     */
    public Builder retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
      requireNonNull(initialBackoff, "initialBackoff");
      requireNonNull(maxBackoff, "maxBackoff");
      if (maxAttempts < 1 || initialBackoff.isNegative() || maxBackoff.isNegative()
          || initialBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalArgumentException("need maxAttempts >= 1 and 0 <= initialBackoff <= maxBackoff: "
            + maxAttempts + ", " + initialBackoff + ", " + maxBackoff);
      }
      this.maxAttempts = maxAttempts;
      this.initialBackoff = initialBackoff;
      this.maxBackoff = maxBackoff;
      return this;
    }

    /**
     * Registers how a named read is answered.
     *
     * @throws IllegalStateException if a read of that name was registered already
     */
    public Builder read(String queryName, EngramRead read) {
      requireNonNull(queryName, "queryName");
      requireNonNull(read, "read");
      if (reads.putIfAbsent(queryName, read) != null) {
        throw new IllegalStateException("a read named '" + queryName + "' was registered already: "
            + reads.get(queryName));
      }
      return this;
    }

    /** Adds a listener. */
    public Builder listener(EngramListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /** The clock for memory timestamps and event times; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Replaces the wait between retries (tests record delays instead of waiting). */
    Builder sleeper(EngramHttp.Sleeper sleeper) {
      this.sleeper = requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Builds the adapter. It connects lazily: nothing is sent until the first call.
     *
     * @throws IllegalStateException if an SSL context is set for an {@code http} base URI
     */
    public EngramGraphDatabase build() {
      if (sslContext != null && !"https".equalsIgnoreCase(baseUri.getScheme())) {
        throw new IllegalStateException("sslContext(...) is set but the base URI " + baseUri + " is not https");
      }
      return new EngramGraphDatabase(this);
    }

    private static Duration positive(Duration d, String what) {
      requireNonNull(d, what);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }
  }
}
