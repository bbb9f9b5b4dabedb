package dev.graphshift.neo4j.internal;

import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.neo4j.Neo4jRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * Keyset scans, splits and samples over Neo4j's internal ids.
 *
 * <p><b>Cost per page independent of position.</b> A page seeks the ids of one window {@code [after+1,
 * after+window]} directly ({@code WHERE id(n) IN range($from, $to)}, planned as a {@code NodeByIdSeek} or
 * {@code DirectedRelationshipByIdSeek}), filters by label or type, and returns at most {@code limit}
 * records in id order. No page scans what earlier pages covered, so the last page costs what the first does.
 * A page that comes back less than half full doubles the next window (up to {@link Cursor#MAX_WINDOW}),
 * so sparse labels and id gaps left by deletes are crossed in few pages; a page may even be empty without
 * being the last.
 *
 * <p><b>Bounds.</b> The first page of a scan reads the lowest and highest internal ids of the label or type
 * ({@code min(id(n)), max(id(n))}, one pass over ids only, no properties, about 0.5 µs a record), starts at
 * the lowest and fixes the highest in the cursor: the scan covers every record that existed when it started,
 * exactly once, and ends; records created later may or may not be seen.
 *
 * <p><b>Sampling</b> seeks seeded random ids below a range that starts at the node count (from the count
 * store) and doubles while too few nodes are found, about twice as many ids as nodes still wanted at the
 * density the count suggests. Its cost follows the sample size (divided by how densely the ids are used:
 * 1 in a graph without deletes), not the size of the graph; the same seed on the same data gives the same
 * sample.
 *
 * <p>Thread-safe.
 */
public final class Scanner {

  /** The most rounds of random seeks a sample makes before it settles for what it found. */
  private static final int MAX_SAMPLE_ROUNDS = 40;
  /** The most random ids one round of a sample seeks. */
  private static final long MAX_SAMPLE_SEEKS = 100_000;

  private final Context ctx;

  public Scanner(Context ctx) {
    this.ctx = ctx;
  }

  /** One page of a node scan. */
  public ScanPage<Node> nodes(ScanRequest request) {
    return page(request, 'n', (iid, row) -> ctx.records().node(row.get("node").asNode()));
  }

  /** One page of a relationship scan. */
  public ScanPage<Relationship> relationships(ScanRequest request) {
    return page(request, 'r', (iid, row) -> ctx.records().relationship(
        row.get("rel").asRelationship(), row.get("start"), row.get("end")));
  }

  /** Reads one row of a page into the model. */
  private interface RowReader<T extends GraphRecord> {
    Neo4jRecords.Read<T> read(long iid, Record row);
  }

  private <T extends GraphRecord> ScanPage<T> page(ScanRequest request, char kind, RowReader<T> reader) {
    Cursor cursor;
    if (request.after().isPresent()) {
      cursor = Cursor.parse(request.after().get(), kind);
    } else {
      Optional<long[]> bounds = bounds(kind, request.filter());
      if (bounds.isEmpty()) {
        return ScanPage.of(List.of(), Optional.empty());
      }
      cursor = new Cursor(kind, bounds.get()[0] - 1, bounds.get()[1], Math.min(request.limit(), Cursor.MAX_WINDOW));
    }
    long end = cursor.bound();
    if (request.until().isPresent()) {
      end = Math.min(end, Cursor.parse(request.until().get(), kind).after());
    }
    long from = cursor.after() + 1;
    if (from > end) {
      return ScanPage.of(List.of(), Optional.empty());
    }
    long to = Math.min(end, from + cursor.window() - 1);
    String statement = kind == 'n'
        ? ctx.cypher().scanNodes(request.filter())
        : ctx.cypher().scanRelationships(request.filter());
    Map<String, Object> params = Map.of("from", from, "to", to, "limit", request.limit());
    List<Record> rows = ctx.bolt().read("scan page " + from + ".." + to, List.of(), tx -> tx.run(statement, params).list());
    List<T> items = new ArrayList<>(rows.size());
    List<Rejected> rejected = new ArrayList<>();
    long last = from - 1;
    for (Record row : rows) {
      last = row.get("iid").asLong();
      Neo4jRecords.Read<T> read = reader.read(last, row);
      read.record().ifPresent(items::add);
      read.rejected().ifPresent(rejected::add);
    }
    long covered;
    int window = cursor.window();
    if (rows.size() >= request.limit()) {
      covered = last;
    } else {
      covered = to;
      if (rows.size() < request.limit() / 2) {
        window = (int) Math.min(Cursor.MAX_WINDOW, Math.max((long) request.limit(), 2L * window));
      }
    }
    Optional<String> next = covered >= end
        ? Optional.empty()
        : Optional.of(new Cursor(kind, covered, cursor.bound(), window).encode());
    return new ScanPage<>(items, next, rejected);
  }

  /** The lowest and highest internal id of the scan's records, or empty when there are none. */
  private Optional<long[]> bounds(char kind, Optional<String> filter) {
    String statement = kind == 'n' ? ctx.cypher().nodeBounds(filter) : ctx.cypher().relationshipBounds(filter);
    Record row = ctx.bolt().read("scan bounds", List.of(), tx -> tx.run(statement).single());
    Value bound = row.get("bound");
    return bound.isNull() ? Optional.empty() : Optional.of(new long[] {row.get("low").asLong(), bound.asLong()});
  }

  /** Disjoint id ranges that together cover the scan, each a request with its own start and end cursor. */
  public List<ScanRequest> split(ScanRequest whole, int parts, char kind) {
    if (parts < 1) {
      throw new IllegalArgumentException("parts must be at least 1: " + parts);
    }
    if (whole.after().isPresent() || whole.until().isPresent()) {
      return List.of(whole);
    }
    Optional<long[]> bounds = bounds(kind, whole.filter());
    if (bounds.isEmpty()) {
      return List.of(whole);
    }
    long low = bounds.get()[0];
    long bound = bounds.get()[1];
    long total = bound - low + 1;
    int n = (int) Math.min(parts, total);
    long size = (total + n - 1) / n;
    int window = Math.min(whole.limit(), Cursor.MAX_WINDOW);
    List<ScanRequest> requests = new ArrayList<>(n);
    for (long start = low; start <= bound; start += size) {
      long last = Math.min(bound, start + size - 1);
      requests.add(whole.range(
          Optional.of(new Cursor(kind, start - 1, bound, window).encode()),
          Optional.of(new Cursor(kind, last, bound, window).encode())));
    }
    return requests;
  }

  /** About {@code n} nodes, the same for the same seed and data. */
  public List<Node> sample(int n, long seed, long nodeCount) {
    if (n <= 0 || nodeCount == 0) {
      return List.of();
    }
    if (n >= nodeCount) {
      return all();
    }
    SplittableRandom random = new SplittableRandom(seed);
    Map<Long, Node> found = new LinkedHashMap<>();
    LinkedHashSet<Long> tried = new LinkedHashSet<>();
    long range = Math.max(nodeCount, 1);
    for (int round = 0; round < MAX_SAMPLE_ROUNDS && found.size() < n; round++) {
      int need = n - found.size();
      // enough candidates to find about twice what is needed at the density the count suggests
      long wanted = Math.min(MAX_SAMPLE_SEEKS, 16 + 2L * need * Math.max(1, range / nodeCount));
      List<Long> candidates = new ArrayList<>((int) wanted);
      for (long i = 0; i < wanted; i++) {
        long candidate = random.nextLong(range);
        if (tried.add(candidate)) {
          candidates.add(candidate);
        }
      }
      Map<Long, Node> hits = byInternalIds(candidates);
      for (Long candidate : candidates) {
        Node node = hits.get(candidate);
        if (node != null && found.size() < n) {
          found.put(candidate, node);
        }
      }
      if (hits.size() < need && range <= Long.MAX_VALUE / 2) {
        range = 2 * range;
      }
    }
    return List.copyOf(found.values());
  }

  private Map<Long, Node> byInternalIds(List<Long> iids) {
    Map<Long, Node> nodes = new HashMap<>();
    if (iids.isEmpty()) {
      return nodes;
    }
    List<Record> rows = ctx.bolt().read("sample of " + iids.size() + " ids", List.of(),
        tx -> tx.run(ctx.cypher().nodesByInternalIds(), Map.of("iids", iids)).list());
    for (Record row : rows) {
      ctx.records().node(row.get("node").asNode()).record().ifPresent(node -> nodes.put(row.get("iid").asLong(), node));
    }
    return nodes;
  }

  private List<Node> all() {
    List<Node> all = new ArrayList<>();
    ScanRequest request = ScanRequest.all(ScanRequest.DEFAULT_LIMIT);
    while (true) {
      ScanPage<Node> page = nodes(request);
      all.addAll(page.items());
      if (page.next().isEmpty()) {
        return all;
      }
      request = request.after(page.next().get());
    }
  }
}
