package dev.graphshift.memory;

import static java.util.Objects.requireNonNull;

import dev.graphshift.Capabilities;
import dev.graphshift.Checked;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.QueryResult;
import dev.graphshift.RecordRules;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.UnknownQueryException;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A complete {@link GraphDatabase} held in memory: every capability, keyset scans in id order, named
 * reads answered by Java functions. It is the embedded default, the database of the JShell notebook,
 * and the reference implementation the conformance kit is checked against first.
 *
 * <pre>{@code
 * InMemoryGraphDatabase db = InMemoryGraphDatabase.builder("scratch")
 *     .query("byName", (d, p) -> QueryResult.ofIds(...))
 *     .build();
 * db.upsertNode(Node.of("p1", "Person", Map.of("name", "Ada")));
 * }</pre>
 *
 * <p><b>Design.</b> Records live in concurrent skip lists ordered by id, which makes a scan cursor
 * simply the last id returned: a scan walks the map after that id, so each page costs the same
 * wherever it lies, and a record present for the whole scan is seen exactly once even while writes
 * happen. Writers take one lock per batch, which makes every batch, and in particular {@link
 * WriteMode#INSERT_IF_ABSENT}, atomic with respect to other writers; readers take no lock and may see a
 * batch half applied (reads are weakly consistent, like the databases this one stands in for). Counts
 * per label and type and the adjacency used for degrees and detach deletes are maintained under the
 * same lock. Memory grows with the data held; nothing else is buffered.
 *
 * <p>Thread-safe.
 */
public final class InMemoryGraphDatabase implements GraphDatabase {

  /** How many non-matching records a filtered scan page may step over before it returns early. */
  private static final int FILTER_STEP_FACTOR = 16;

  private final String name;
  private final Map<String, InMemoryQuery> queries;
  private final ConcurrentSkipListMap<String, Node> nodes = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<String, Relationship> relationships = new ConcurrentSkipListMap<>();
  private final ConcurrentHashMap<String, Set<String>> adjacency = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> labelCounts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> typeCounts = new ConcurrentHashMap<>();
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile boolean closed;

  private InMemoryGraphDatabase(Builder builder) {
    this.name = builder.name;
    this.queries = Map.copyOf(builder.queries);
  }

  /** An empty database named {@code in-memory} with no named reads. */
  public static InMemoryGraphDatabase create() {
    return builder("in-memory").build();
  }

  /** An empty database with a name and no named reads. */
  public static InMemoryGraphDatabase named(String name) {
    return builder(name).build();
  }

  /**
   * A builder for a database with this name.
   *
   * @throws NullPointerException if name is null
   * @throws IllegalArgumentException if name is blank
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder()
        .relationships(true)
        .nodeDeletes(true)
        .relationshipDeletes(true)
        .conditionalWrites(true)
        .nativeVectors(true)
        .transactions(false)
        .schema(false)
        .build();
  }

  // ------------------------------------------------------------------------------------------ writes

  @Override
  public WriteResult upsertNodes(List<Node> batch, WriteMode mode) {
    requireNonNull(mode, "mode");
    ensureOpen();
    Checked<Node> checked = RecordRules.checkNodes(batch);
    int written = 0;
    int skipped = 0;
    writeLock.lock();
    try {
      for (Node node : checked.accepted()) {
        if (mode == WriteMode.INSERT_IF_ABSENT && nodes.containsKey(node.id())) {
          skipped++;
          continue;
        }
        Node old = nodes.put(node.id(), node);
        if (old != null) {
          for (String label : old.labels()) {
            decrement(labelCounts, label);
          }
        }
        for (String label : node.labels()) {
          labelCounts.merge(label, 1L, Long::sum);
        }
        written++;
      }
    } finally {
      writeLock.unlock();
    }
    return new WriteResult(written, skipped, checked.rejected());
  }

  @Override
  public WriteResult upsertRelationships(List<Relationship> batch, WriteMode mode) {
    requireNonNull(mode, "mode");
    ensureOpen();
    Checked<Relationship> checked = RecordRules.checkRelationships(batch);
    List<Rejected> rejected = new ArrayList<>(checked.rejected());
    int written = 0;
    int skipped = 0;
    writeLock.lock();
    try {
      for (Relationship rel : checked.accepted()) {
        if (mode == WriteMode.INSERT_IF_ABSENT && relationships.containsKey(rel.id())) {
          skipped++;
          continue;
        }
        String missing = !nodes.containsKey(rel.startId()) ? rel.startId()
            : !nodes.containsKey(rel.endId()) ? rel.endId() : null;
        if (missing != null) {
          rejected.add(new Rejected(rel, Rules.DANGLING_ENDPOINT,
              "endpoint node '" + missing + "' does not exist in " + name));
          continue;
        }
        Relationship old = relationships.put(rel.id(), rel);
        if (old != null) {
          detach(old);
        }
        typeCounts.merge(rel.type(), 1L, Long::sum);
        adjacency.computeIfAbsent(rel.startId(), k -> ConcurrentHashMap.newKeySet()).add(rel.id());
        adjacency.computeIfAbsent(rel.endId(), k -> ConcurrentHashMap.newKeySet()).add(rel.id());
        written++;
      }
    } finally {
      writeLock.unlock();
    }
    return new WriteResult(written, skipped, rejected);
  }

  @Override
  public WriteResult deleteNodes(Collection<String> ids) {
    ensureOpen();
    writeLock.lock();
    try {
      for (String id : ids) {
        Node old = nodes.remove(requireNonNull(id, "id"));
        if (old == null) {
          continue;
        }
        for (String label : old.labels()) {
          decrement(labelCounts, label);
        }
        Set<String> attached = adjacency.remove(id);
        if (attached != null) {
          for (String relId : List.copyOf(attached)) {
            Relationship rel = relationships.remove(relId);
            if (rel != null) {
              detach(rel);
            }
          }
        }
      }
    } finally {
      writeLock.unlock();
    }
    return WriteResult.written(ids.size());
  }

  @Override
  public WriteResult deleteRelationships(Collection<String> ids) {
    ensureOpen();
    writeLock.lock();
    try {
      for (String id : ids) {
        Relationship old = relationships.remove(requireNonNull(id, "id"));
        if (old != null) {
          detach(old);
        }
      }
    } finally {
      writeLock.unlock();
    }
    return WriteResult.written(ids.size());
  }

  /** Removes a relationship that has left the map from the counts and the adjacency; under the lock. */
  private void detach(Relationship rel) {
    decrement(typeCounts, rel.type());
    unlink(rel.startId(), rel.id());
    unlink(rel.endId(), rel.id());
  }

  private void unlink(String nodeId, String relId) {
    Set<String> attached = adjacency.get(nodeId);
    if (attached != null) {
      attached.remove(relId);
      if (attached.isEmpty()) {
        adjacency.remove(nodeId);
      }
    }
  }

  private static void decrement(ConcurrentHashMap<String, Long> counts, String key) {
    counts.computeIfPresent(key, (k, v) -> v <= 1 ? null : v - 1);
  }

  /** Removes every record; for tests and notebooks. */
  public void clear() {
    writeLock.lock();
    try {
      nodes.clear();
      relationships.clear();
      adjacency.clear();
      labelCounts.clear();
      typeCounts.clear();
    } finally {
      writeLock.unlock();
    }
  }

  // ------------------------------------------------------------------------------------------- reads

  @Override
  public Optional<Node> getNode(String id) {
    ensureOpen();
    return Optional.ofNullable(nodes.get(id));
  }

  @Override
  public Map<String, Node> getNodes(Collection<String> ids) {
    ensureOpen();
    Map<String, Node> found = new LinkedHashMap<>();
    for (String id : ids) {
      Node n = nodes.get(id);
      if (n != null) {
        found.put(id, n);
      }
    }
    return found;
  }

  @Override
  public Optional<Relationship> getRelationship(String id) {
    ensureOpen();
    return Optional.ofNullable(relationships.get(id));
  }

  @Override
  public long countNodes() {
    ensureOpen();
    return nodes.size();
  }

  @Override
  public long countNodes(String label) {
    ensureOpen();
    return labelCounts.getOrDefault(label, 0L);
  }

  @Override
  public Map<String, Long> countNodesByLabel() {
    ensureOpen();
    return Map.copyOf(new TreeMap<>(labelCounts));
  }

  @Override
  public long countRelationships() {
    ensureOpen();
    return relationships.size();
  }

  @Override
  public long countRelationships(String type) {
    ensureOpen();
    return typeCounts.getOrDefault(type, 0L);
  }

  @Override
  public Map<String, Long> countRelationshipsByType() {
    ensureOpen();
    return Map.copyOf(typeCounts);
  }

  @Override
  public long degree(String nodeId) {
    ensureOpen();
    Set<String> attached = adjacency.get(nodeId);
    return attached == null ? 0 : attached.size();
  }

  /** The relationships attached to a node, in either direction; for named reads. */
  public List<Relationship> relationshipsOf(String nodeId) {
    ensureOpen();
    Set<String> attached = adjacency.get(nodeId);
    if (attached == null) {
      return List.of();
    }
    List<Relationship> result = new ArrayList<>(attached.size());
    for (String relId : attached) {
      Relationship r = relationships.get(relId);
      if (r != null) {
        result.add(r);
      }
    }
    return result;
  }

  @Override
  public ScanPage<Node> scanNodes(ScanRequest request) {
    ensureOpen();
    return scan(nodes, request, request.filter().map(l -> (Predicate<Node>) n -> n.labels().contains(l)));
  }

  @Override
  public ScanPage<Relationship> scanRelationships(ScanRequest request) {
    ensureOpen();
    return scan(relationships, request,
        request.filter().map(t -> (Predicate<Relationship>) r -> r.type().equals(t)));
  }

  private static <T extends dev.graphshift.GraphRecord> ScanPage<T> scan(
      ConcurrentSkipListMap<String, T> map, ScanRequest request, Optional<Predicate<T>> filter) {
    NavigableMap<String, T> range = range(map, request.after(), request.until());
    int limit = request.limit();
    long maxSteps = filter.isPresent() ? (long) limit * FILTER_STEP_FACTOR : Long.MAX_VALUE;
    List<T> items = new ArrayList<>(Math.min(limit, 1024));
    String last = null;
    long steps = 0;
    for (Map.Entry<String, T> e : range.entrySet()) {
      if (items.size() == limit || steps == maxSteps) {
        return ScanPage.of(items, Optional.of(last));
      }
      steps++;
      last = e.getKey();
      T value = e.getValue();
      if (filter.isEmpty() || filter.get().test(value)) {
        items.add(value);
      }
    }
    return ScanPage.of(items, Optional.empty());
  }

  private static <T> NavigableMap<String, T> range(
      ConcurrentSkipListMap<String, T> map, Optional<String> after, Optional<String> until) {
    NavigableMap<String, T> range = map;
    if (after.isPresent()) {
      range = range.tailMap(after.get(), false);
    }
    if (until.isPresent()) {
      range = range.headMap(until.get(), true);
    }
    return range;
  }

  @Override
  public List<ScanRequest> splitNodeScan(ScanRequest whole, int parts) {
    return split(nodes, whole, parts);
  }

  @Override
  public List<ScanRequest> splitRelationshipScan(ScanRequest whole, int parts) {
    return split(relationships, whole, parts);
  }

  /** Cuts the id range at quantiles of the ids it holds now: one pass over the keys. */
  private <T> List<ScanRequest> split(ConcurrentSkipListMap<String, T> map, ScanRequest whole, int parts) {
    ensureOpen();
    if (parts < 1) {
      throw new IllegalArgumentException("parts must be at least 1: " + parts);
    }
    NavigableMap<String, T> range = range(map, whole.after(), whole.until());
    List<String> keys = new ArrayList<>(range.keySet());
    if (parts == 1 || keys.size() < parts * 2) {
      return List.of(whole);
    }
    List<ScanRequest> ranges = new ArrayList<>(parts);
    Optional<String> from = whole.after();
    for (int p = 1; p < parts; p++) {
      Optional<String> to = Optional.of(keys.get((int) ((long) keys.size() * p / parts) - 1));
      ranges.add(whole.range(from, to));
      from = to;
    }
    ranges.add(whole.range(from, whole.until()));
    return List.copyOf(ranges);
  }

  /** Reservoir sampling over all nodes in id order: deterministic for a seed and the same data. */
  @Override
  public List<Node> sampleNodes(int n, long seed) {
    ensureOpen();
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    Random random = new Random(seed);
    List<Node> reservoir = new ArrayList<>(Math.min(n, 1024));
    long seen = 0;
    for (Node node : nodes.values()) {
      if (reservoir.size() < n) {
        reservoir.add(node);
      } else if (n > 0) {
        long j = (long) (random.nextDouble() * (seen + 1));
        if (j < n) {
          reservoir.set((int) j, node);
        }
      }
      seen++;
    }
    return List.copyOf(reservoir);
  }

  @Override
  public QueryResult query(String queryName, Map<String, Object> parameters) {
    ensureOpen();
    InMemoryQuery q = queries.get(queryName);
    if (q == null) {
      throw new UnknownQueryException(name, queryName, queries.keySet());
    }
    return q.answer(this, parameters);
  }

  @Override
  public Set<String> queryNames() {
    return queries.keySet();
  }

  @Override
  public void close() {
    closed = true;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("in-memory database '" + name + "' is closed");
    }
  }

  @Override
  public String toString() {
    return "InMemoryGraphDatabase[" + name + ", " + nodes.size() + " nodes, " + relationships.size()
        + " relationships]";
  }

  /**
   * Builds an {@link InMemoryGraphDatabase}. Defaults: no named reads.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final String name;
    private final Map<String, InMemoryQuery> queries = new HashMap<>();

    private Builder(String name) {
      requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = name;
    }

    /**
     * Registers how a named read is answered.
     *
     * @throws IllegalStateException if a read of that name was registered already
     */
    public Builder query(String queryName, InMemoryQuery query) {
      requireNonNull(queryName, "queryName");
      requireNonNull(query, "query");
      if (queries.putIfAbsent(queryName, query) != null) {
        throw new IllegalStateException("a query named '" + queryName + "' is registered already");
      }
      return this;
    }

    /** Builds the database, empty. */
    public InMemoryGraphDatabase build() {
      return new InMemoryGraphDatabase(this);
    }
  }
}
