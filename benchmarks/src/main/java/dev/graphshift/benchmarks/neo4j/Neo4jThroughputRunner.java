package dev.graphshift.benchmarks.neo4j;

import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.WriteResult;
import dev.graphshift.neo4j.Neo4jGraphDatabase;
import dev.graphshift.testing.EmbeddedNeo4j;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;

/**
 * End-to-end throughput of the Neo4j adapter on the embedded Neo4j, against a hand-written driver baseline
 * measured in the same run.
 *
 * <p>Workload: {@code N} {@code :Person} nodes (id, name, rank, score) and {@code R} {@code :KNOWS}
 * relationships between seeded random nodes (id, since, weight), written in batches of {@code B}; then a
 * full keyset scan of the nodes and of the relationships in pages of {@code P}, each page timed.
 *
 * <ul>
 *   <li>Adapter: {@code upsertNodes}/{@code upsertRelationships} (key label {@code Entity}, UPSERT, which
 *       MERGEs on the identity and replaces labels and properties), then {@code scanNodes}/{@code
 *       scanRelationships} following the cursors.
 *   <li>Baseline, the best plain driver code for the same data: {@code UNWIND $rows CREATE} under the same
 *       uniqueness constraint (no MERGE, no label replacement, no existence checks), relationships by {@code
 *       MATCH} of both endpoints and {@code CREATE}; reads as one streaming query each.
 * </ul>
 *
 * <p>A warm-up of 10% of the sizes runs both paths first, so neither pays the server's JIT alone. Reports
 * throughput of each, the ratio adapter/baseline, and the time of the last scan page against the first
 * (the first includes the scan's one-off bound query) and against the second.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am package -DskipTests -DskipITs -Pbench
 * -Dbench.class=dev.graphshift.benchmarks.neo4j.Neo4jThroughputRunner} (sizes through {@code
 * -Dbench.args="200000 400000 5000 5000"}: nodes, relationships, batch size, page size); the JSON goes to
 * {@code benchmarks/target/neo4j-throughput.json}.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public final class Neo4jThroughputRunner {

  /** Generous, so that a busy shared machine slows the run down instead of failing it. */
  private static final java.time.Duration TRANSACTION_TIMEOUT = java.time.Duration.ofMinutes(10);

  private final int nodes;
  private final int relationships;
  private final int batch;
  private final int page;
  private final Map<String, Object> results = new LinkedHashMap<>();

  private Neo4jThroughputRunner(int nodes, int relationships, int batch, int page) {
    this.nodes = nodes;
    this.relationships = relationships;
    this.batch = batch;
    this.page = page;
  }

  /**
   * Runs the benchmark.
   *
   * @param args nodes, relationships, batch size, page size, JSON output file (all optional)
   */
  public static void main(String[] args) throws IOException {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int relationships = args.length > 1 ? Integer.parseInt(args[1]) : 400_000;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    int page = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
    Path json = Path.of(args.length > 4 ? args[4] : "target/neo4j-throughput.json");
    Neo4jThroughputRunner runner = new Neo4jThroughputRunner(nodes, relationships, batch, page);
    try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.builder().pageCacheBytes(512L * 1024 * 1024).start();
         Driver driver = org.neo4j.driver.GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
      runner.run(neo4j, driver);
    }
    Files.createDirectories(json.toAbsolutePath().getParent());
    Files.writeString(json, runner.json());
    System.out.println("written " + json.toAbsolutePath());
  }

  private void run(EmbeddedNeo4j neo4j, Driver driver) {
    results.put("nodes", nodes);
    results.put("relationships", relationships);
    results.put("batch", batch);
    results.put("page", page);
    results.put("jdk", System.getProperty("java.version"));
    results.put("cores", Runtime.getRuntime().availableProcessors());
    List<Node> warmNodes = nodes(nodes / 10);
    List<Relationship> warmRels = relationships(relationships / 10, nodes / 10, 7L);
    System.out.println("warm-up ...");
    adapterRun(neo4j, warmNodes, warmRels, null);
    baselineRun(neo4j, driver, warmNodes, warmRels, null);

    List<Node> allNodes = nodes(nodes);
    List<Relationship> allRels = relationships(relationships, nodes, 42L);
    Map<String, Object> adapter = new LinkedHashMap<>();
    adapterRun(neo4j, allNodes, allRels, adapter);
    Map<String, Object> baseline = new LinkedHashMap<>();
    baselineRun(neo4j, driver, allNodes, allRels, baseline);
    results.put("adapter", adapter);
    results.put("baseline", baseline);
    for (String k : List.of("nodeWritesPerSecond", "relationshipWritesPerSecond", "nodeScanPerSecond",
        "relationshipScanPerSecond")) {
      results.put("ratio." + k, round((double) adapter.get(k) / (double) baseline.get(k)));
    }
    System.out.println(table(adapter, baseline));
  }

  // ------------------------------------------------------------------------------------------ adapter

  private void adapterRun(EmbeddedNeo4j neo4j, List<Node> ns, List<Relationship> rs,
      @Nullable Map<String, Object> out) {
    neo4j.clear();
    try (Neo4jGraphDatabase db = Neo4jGraphDatabase.builder("bench", neo4j.boltUri())
        .keyLabel("Entity").batchSize(batch).transactionTimeout(TRANSACTION_TIMEOUT).build()) {
      long t0 = System.nanoTime();
      long written = 0;
      for (int i = 0; i < ns.size(); i += batch) {
        written += check(db.upsertNodes(ns.subList(i, Math.min(ns.size(), i + batch))));
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < rs.size(); i += batch) {
        written += check(db.upsertRelationships(rs.subList(i, Math.min(rs.size(), i + batch))));
      }
      long t2 = System.nanoTime();
      List<Long> nodePages = new ArrayList<>();
      long scannedNodes = scan(db::scanNodes, nodePages);
      long t3 = System.nanoTime();
      List<Long> relPages = new ArrayList<>();
      long scannedRels = scan(db::scanRelationships, relPages);
      long t4 = System.nanoTime();
      if (written != ns.size() + rs.size() || scannedNodes != ns.size() || scannedRels != rs.size()) {
        throw new IllegalStateException("counts do not reconcile: written " + written + ", scanned nodes "
            + scannedNodes + ", scanned relationships " + scannedRels);
      }
      progress("adapter", ns.size(), rs.size(), t0, t1, t2, t3, t4);
      if (out != null) {
        out.put("nodeWritesPerSecond", perSecond(ns.size(), t1 - t0));
        out.put("relationshipWritesPerSecond", perSecond(rs.size(), t2 - t1));
        out.put("nodeScanPerSecond", perSecond(scannedNodes, t3 - t2));
        out.put("relationshipScanPerSecond", perSecond(scannedRels, t4 - t3));
        pages(out, "nodeScan", nodePages);
        pages(out, "relationshipScan", relPages);
      }
    }
  }

  private static void progress(String path, int ns, int rs, long t0, long t1, long t2, long t3, long t4) {
    System.out.printf(Locale.ROOT, "%s: %d nodes written in %.1f s, %d relationships in %.1f s, scans %.1f s + %.1f s%n",
        path, ns, (t1 - t0) / 1e9, rs, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
  }

  private static long check(WriteResult result) {
    if (!result.rejected().isEmpty() || result.skipped() != 0) {
      throw new IllegalStateException("unexpected rejections: " + result.rejected());
    }
    return result.written();
  }

  private <T extends dev.graphshift.GraphRecord> long scan(Function<ScanRequest, ScanPage<T>> scanner, List<Long> pageNanos) {
    long count = 0;
    ScanRequest request = ScanRequest.all(page);
    while (true) {
      long start = System.nanoTime();
      ScanPage<T> p = scanner.apply(request);
      pageNanos.add(System.nanoTime() - start);
      count += p.items().size();
      if (p.next().isEmpty()) {
        return count;
      }
      request = request.after(p.next().get());
    }
  }

  private static void pages(Map<String, Object> out, String name, List<Long> nanos) {
    int n = nanos.size();
    double first = nanos.get(0) / 1e6;
    double second = n > 1 ? nanos.get(1) / 1e6 : first;
    double last = nanos.get(n - 1) / 1e6;
    double lastFull = n > 1 ? nanos.get(n - 2) / 1e6 : last;
    out.put(name + ".pages", n);
    out.put(name + ".firstPageMillis", round(first));
    out.put(name + ".secondPageMillis", round(second));
    out.put(name + ".lastFullPageMillis", round(lastFull));
    out.put(name + ".lastPageMillis", round(last));
    out.put(name + ".lastToFirst", round(last / first));
    out.put(name + ".lastToSecond", round(last / second));
    out.put(name + ".lastFullToSecond", round(lastFull / second));
    out.put(name + ".medianFirstTenthMillis", round(median(nanos.subList(0, Math.max(1, n / 10))) / 1e6));
    out.put(name + ".medianLastTenthMillis", round(median(nanos.subList(n - Math.max(1, n / 10), n)) / 1e6));
  }

  // ----------------------------------------------------------------------------------------- baseline

  private void baselineRun(EmbeddedNeo4j neo4j, Driver driver, List<Node> ns, List<Relationship> rs,
      @Nullable Map<String, Object> out) {
    neo4j.clear();
    try (Session session = driver.session()) {
      session.run("CREATE CONSTRAINT IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE").consume();
      long t0 = System.nanoTime();
      for (int i = 0; i < ns.size(); i += batch) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Node n : ns.subList(i, Math.min(ns.size(), i + batch))) {
          rows.add(Map.of("id", n.id(), "props", n.properties()));
        }
        session.executeWriteWithoutResult(tx -> tx.run(
            "UNWIND $rows AS row CREATE (n:Entity:Person) SET n = row.props, n.id = row.id", Map.of("rows", rows)).consume());
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < rs.size(); i += batch) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Relationship r : rs.subList(i, Math.min(rs.size(), i + batch))) {
          rows.add(Map.of("id", r.id(), "s", r.startId(), "e", r.endId(), "props", r.properties()));
        }
        session.executeWriteWithoutResult(tx -> tx.run("UNWIND $rows AS row MATCH (a:Entity {id: row.s}) "
            + "MATCH (b:Entity {id: row.e}) CREATE (a)-[r:KNOWS]->(b) SET r = row.props, r.id = row.id",
            Map.of("rows", rows)).consume());
      }
      long t2 = System.nanoTime();
      long scannedNodes = stream(session, "MATCH (n:Person) RETURN n");
      long t3 = System.nanoTime();
      long scannedRels = stream(session, "MATCH (a)-[r:KNOWS]->(b) RETURN r, a.id AS start, b.id AS end");
      long t4 = System.nanoTime();
      if (scannedNodes != ns.size() || scannedRels != rs.size()) {
        throw new IllegalStateException("baseline counts do not reconcile: " + scannedNodes + ", " + scannedRels);
      }
      progress("baseline", ns.size(), rs.size(), t0, t1, t2, t3, t4);
      if (out != null) {
        out.put("nodeWritesPerSecond", perSecond(ns.size(), t1 - t0));
        out.put("relationshipWritesPerSecond", perSecond(rs.size(), t2 - t1));
        out.put("nodeScanPerSecond", perSecond(scannedNodes, t3 - t2));
        out.put("relationshipScanPerSecond", perSecond(scannedRels, t4 - t3));
      }
    }
  }

  private static long stream(Session session, String statement) {
    return session.executeRead(tx -> {
      Result result = tx.run(statement);
      long n = 0;
      while (result.hasNext()) {
        Record r = result.next();
        n += r.size() > 0 ? 1 : 0;
      }
      return n;
    });
  }

  // ---------------------------------------------------------------------------------------- data, report

  private static List<Node> nodes(int n) {
    List<Node> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(Node.of("n" + i, "Person", Map.of("name", "person " + i, "rank", i, "score", i * 0.5)));
    }
    return list;
  }

  private static List<Relationship> relationships(int r, int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Relationship> list = new ArrayList<>(r);
    for (int i = 0; i < r; i++) {
      list.add(Relationship.of("r" + i, "KNOWS", "n" + random.nextInt(n), "n" + random.nextInt(n),
          Map.of("since", 2000 + random.nextInt(25), "weight", random.nextDouble())));
    }
    return list;
  }

  private static double perSecond(long records, long nanos) {
    return round(records / (nanos / 1e9));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  private String table(Map<String, Object> adapter, Map<String, Object> baseline) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%n| measure | adapter | baseline | adapter/baseline |%n|---|---:|---:|---:|%n"));
    for (String k : List.of("nodeWritesPerSecond", "relationshipWritesPerSecond", "nodeScanPerSecond",
        "relationshipScanPerSecond")) {
      s.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f |%n", k, adapter.get(k), baseline.get(k),
          results.get("ratio." + k)));
    }
    Map<String, Object> pageFigures = new HashMap<>(adapter);
    pageFigures.keySet().removeIf(k -> !k.contains("Scan."));
    s.append(String.format(Locale.ROOT, "%nscan pages: %s%n", new java.util.TreeMap<>(pageFigures)));
    return s.toString();
  }

  private String json() {
    return toJson(results) + "\n";
  }

  private static String toJson(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringJoiner j = new StringJoiner(", ", "{", "}");
      map.forEach((k, v) -> j.add("\"" + k + "\": " + toJson(v)));
      return j.toString();
    } else if (value instanceof String s) {
      return "\"" + s + "\"";
    }
    return String.valueOf(value);
  }
}
