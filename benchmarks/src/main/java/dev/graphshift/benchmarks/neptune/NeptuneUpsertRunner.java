package dev.graphshift.benchmarks.neptune;

import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteResult;
import dev.graphshift.neptune.NeptuneGraphDatabase;
import dev.graphshift.testing.EmbeddedGremlinServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.process.traversal.Bytecode;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.util.empty.EmptyGraph;
import org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1;

/**
 * Upsert throughput of {@link NeptuneGraphDatabase} against the in-process Gremlin Server, next to
 * hand-written {@code gremlin-driver} upserts of the same data in the same run.
 *
 * <p><b>Workload.</b> {@code nodes} vertices (label {@code Person}, four properties: a string, two
 * longs, a double) then {@code edges} edges ({@code KNOWS}, one long property) between them, written
 * into an empty graph; each variant runs {@code rounds} times after one warm-up round, the graph cleared
 * before each, and the median round counts. Throughput is records (vertices + edges) per second.
 *
 * <p><b>Variants.</b>
 * <ul>
 *   <li>{@code adapter}: {@code upsertNodes} then {@code upsertRelationships}, calls of 5 000 records,
 *       default settings (lanes = 2 x cores, 200 property records per request). Its writes replace all
 *       properties (drop, then set) and report per-record outcomes.
 *   <li>{@code hand-written-upsert}: Neptune's documented batched upsert, one {@code mergeV}/{@code mergeE}
 *       per row chained in one traversal, matching on the id, creating with label and properties, and
 *       setting the properties with {@code single} cardinality when the element exists; requests of the
 *       same 200-record budget, as many threads as the adapter has lanes. A true upsert (it does not
 *       remove properties absent from the new record, which the adapter does). The ratio's baseline.
 *   <li>{@code hand-written}: the build notes' fastest shape, {@code g.inject(maps).unfold().mergeV()}
 *       and {@code ...mergeE()} with maps holding {@code T.id}, {@code T.label} (and {@code
 *       Direction.OUT}/{@code IN}) and the properties, sent as bytecode over one GraphBinary client by
 *       as many threads as the adapter has lanes, in requests cut to the same 200-record budget (what a
 *       Neptune writer must respect). Its merges match on every property, so it is only an insert into
 *       an empty graph (an existing id with other values fails): a faster, weaker write than an upsert,
 *       reported next to it.
 *   <li>{@code hand-written-unbounded}: the same with 1 000 rows per request, beyond Neptune's advice;
 *       reported for information, not used for the ratio.
 * </ul>
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am package -DskipTests -DskipITs -Pbench
 * -Dbench.class=dev.graphshift.benchmarks.neptune.NeptuneUpsertRunner} (arguments through {@code
 * -Dbench.args="20000 20000 3"}: vertices, edges, rounds).
 *
 * <p>Not thread-safe; confine to one thread.
 */
public final class NeptuneUpsertRunner {
  /** Records per adapter call, as a backfill batch would offer them. */
  private static final int CALL_SIZE = 5_000;
  /** Rows per request of the unbounded hand-written variant. */
  private static final int UNBOUNDED_ROWS = 1_000;
  private static final int RECORD_BUDGET = NeptuneGraphDatabase.DEFAULT_MAX_RECORDS_PER_REQUEST;

  private final int nodes;
  private final int edges;
  private final List<Node> nodeData;
  private final List<Relationship> edgeData;

  private NeptuneUpsertRunner(int nodes, int edges) {
    this.nodes = nodes;
    this.edges = edges;
    this.nodeData = new ArrayList<>(nodes);
    for (int i = 0; i < nodes; i++) {
      nodeData.add(Node.of(String.format("person-%07d", i), "Person",
          Map.of("name", "person " + i, "born", 1900L + i % 120, "rank", (long) i, "score", i * 0.5)));
    }
    this.edgeData = new ArrayList<>(edges);
    for (int i = 0; i < edges; i++) {
      edgeData.add(Relationship.of(String.format("knows-%07d", i), "KNOWS", nodeData.get(i % nodes).id(),
          nodeData.get((int) ((i * 7919L + 13) % nodes)).id(), Map.of("since", 2000L + i % 25)));
    }
  }

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int edges = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    NeptuneUpsertRunner runner = new NeptuneUpsertRunner(nodes, edges);
    try (EmbeddedGremlinServer server = EmbeddedGremlinServer.start()) {
      runner.run(server, rounds);
    }
  }

  @FunctionalInterface
  private interface Variant {
    void write() throws Exception;
  }

  private void run(EmbeddedGremlinServer server, int rounds) throws Exception {
    int lanes = NeptuneGraphDatabase.DEFAULT_LANES;
    System.out.printf(Locale.ROOT, "neptune upsert runner: %d vertices + %d edges, %d rounds, %d lanes/threads, "
        + "JDK %s, %d cores%n", nodes, edges, rounds, lanes, System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    Cluster cluster = Cluster.build(server.host()).port(server.port())
        .serializer(new GraphBinaryMessageSerializerV1()).maxContentLength(64 * 1024 * 1024)
        .maxConnectionPoolSize(8).create();
    Client client = cluster.connect().alias("g");
    ExecutorService threads = Executors.newFixedThreadPool(lanes);
    try (NeptuneGraphDatabase adapter = NeptuneGraphDatabase.builder(server.host()).port(server.port()).tls(false)
        .build()) {
      int bounded = Math.max(1, RECORD_BUDGET / 5);
      Map<String, Variant> variants = new java.util.LinkedHashMap<>();
      variants.put("adapter", () -> adapterWrite(adapter));
      variants.put("hand-written-upsert", () -> handWrittenUpsert(client, threads, lanes, bounded, RECORD_BUDGET / 2));
      variants.put("hand-written", () -> handWritten(client, threads, lanes, bounded, RECORD_BUDGET / 2));
      variants.put("hand-written-unbounded", () -> handWritten(client, threads, lanes, UNBOUNDED_ROWS, UNBOUNDED_ROWS));
      Map<String, Double> medians = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, Variant> v : variants.entrySet()) {
        measure(server, v.getValue());
      }
      Map<String, double[]> results = new HashMap<>();
      for (int r = 0; r < rounds; r++) {
        for (Map.Entry<String, Variant> v : variants.entrySet()) {
          results.computeIfAbsent(v.getKey(), k -> new double[rounds])[r] = measure(server, v.getValue());
        }
      }
      for (Map.Entry<String, double[]> e : results.entrySet()) {
        double[] sorted = e.getValue().clone();
        Arrays.sort(sorted);
        medians.put(e.getKey(), sorted[rounds / 2]);
      }
      for (String name : variants.keySet()) {
        System.out.printf(Locale.ROOT, "%-24s median %,10.0f records/s   rounds %s%n", name, medians.get(name),
            Arrays.toString(Arrays.stream(results.get(name)).mapToLong(Math::round).toArray()));
      }
      System.out.printf(Locale.ROOT, "ratio adapter / hand-written-upsert (same 200-record requests): %.2f%n",
          medians.get("adapter") / medians.get("hand-written-upsert"));
      System.out.printf(Locale.ROOT, "ratio adapter / hand-written insert (same 200-record requests): %.2f%n",
          medians.get("adapter") / medians.get("hand-written"));
      System.out.printf(Locale.ROOT, "ratio adapter / hand-written-unbounded: %.2f%n",
          medians.get("adapter") / medians.get("hand-written-unbounded"));
      System.out.println("adapter metrics: " + adapter.metrics());
    } finally {
      threads.shutdownNow();
      client.close();
      cluster.close();
    }
  }

  /** Clears the graph, runs the variant, checks the counts, answers records per second. */
  private double measure(EmbeddedGremlinServer server, Variant variant) throws Exception {
    server.clear();
    long start = System.nanoTime();
    variant.write();
    long nanos = System.nanoTime() - start;
    long v = server.graph().traversal().V().count().next();
    long e = server.graph().traversal().E().count().next();
    if (v != nodes || e != edges) {
      throw new IllegalStateException("expected " + nodes + " vertices and " + edges + " edges, found " + v + " and " + e);
    }
    return (nodes + edges) / (nanos / 1e9);
  }

  private void adapterWrite(NeptuneGraphDatabase adapter) {
    for (int from = 0; from < nodes; from += CALL_SIZE) {
      WriteResult r = adapter.upsertNodes(nodeData.subList(from, Math.min(nodes, from + CALL_SIZE)));
      check(r);
    }
    for (int from = 0; from < edges; from += CALL_SIZE) {
      WriteResult r = adapter.upsertRelationships(edgeData.subList(from, Math.min(edges, from + CALL_SIZE)));
      check(r);
    }
  }

  private static void check(WriteResult r) {
    // a benchmark that silently wrote less would flatter the adapter
    if (!r.isClean()) {
      throw new IllegalStateException("rejected: " + r.rejected());
    }
  }

  /** Vertices then edges, in requests of {@code vertexRows}/{@code edgeRows} rows, on {@code parallel} threads. */
  private void handWritten(Client client, ExecutorService threads, int parallel, int vertexRows, int edgeRows)
      throws Exception {
    List<List<Map<Object, Object>>> vertexBatches = new ArrayList<>();
    for (int from = 0; from < nodes; from += vertexRows) {
      List<Map<Object, Object>> batch = new ArrayList<>();
      for (Node n : nodeData.subList(from, Math.min(nodes, from + vertexRows))) {
        Map<Object, Object> m = new HashMap<>(n.properties());
        m.put(T.id, n.id());
        m.put(T.label, "Person");
        batch.add(m);
      }
      vertexBatches.add(batch);
    }
    List<List<Map<Object, Object>>> edgeBatches = new ArrayList<>();
    for (int from = 0; from < edges; from += edgeRows) {
      List<Map<Object, Object>> batch = new ArrayList<>();
      for (Relationship r : edgeData.subList(from, Math.min(edges, from + edgeRows))) {
        Map<Object, Object> m = new HashMap<>(r.properties());
        m.put(T.id, r.id());
        m.put(T.label, r.type());
        m.put(Direction.OUT, r.startId());
        m.put(Direction.IN, r.endId());
        batch.add(m);
      }
      edgeBatches.add(batch);
    }
    submitAll(client, threads, parallel, vertexBatches, true);
    submitAll(client, threads, parallel, edgeBatches, false);
  }

  /**
   * Neptune's documented batched upsert: one {@code mergeV}/{@code mergeE} per row chained in a traversal,
   * matching on the id, creating with label and properties, and setting the properties with single
   * cardinality when the element exists; requests of {@code vertexRows}/{@code edgeRows} rows.
   */
  private void handWrittenUpsert(Client client, ExecutorService threads, int parallel, int vertexRows, int edgeRows)
      throws Exception {
    List<Bytecode> vertexRequests = new ArrayList<>();
    for (int from = 0; from < nodes; from += vertexRows) {
      org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal<?, ?> t = null;
      for (Node n : nodeData.subList(from, Math.min(nodes, from + vertexRows))) {
        Map<Object, Object> create = new HashMap<>(n.properties());
        create.put(T.label, "Person");
        Map<Object, Object> match = Map.of(T.id, n.id());
        Map<Object, Object> update = new HashMap<>(n.properties());
        t = t == null ? EmptyGraph.instance().traversal().mergeV(match) : t.mergeV(match);
        t = t.option(org.apache.tinkerpop.gremlin.process.traversal.Merge.onCreate, create)
            .option(org.apache.tinkerpop.gremlin.process.traversal.Merge.onMatch, update,
                org.apache.tinkerpop.gremlin.structure.VertexProperty.Cardinality.single);
      }
      vertexRequests.add(t.id().asAdmin().getBytecode());
    }
    List<Bytecode> edgeRequests = new ArrayList<>();
    for (int from = 0; from < edges; from += edgeRows) {
      org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal<?, ?> t = null;
      for (Relationship r : edgeData.subList(from, Math.min(edges, from + edgeRows))) {
        Map<Object, Object> create = new HashMap<>(r.properties());
        create.put(T.label, r.type());
        create.put(Direction.OUT, r.startId());
        create.put(Direction.IN, r.endId());
        Map<Object, Object> match = Map.of(T.id, r.id());
        Map<Object, Object> update = new HashMap<>(r.properties());
        t = t == null ? EmptyGraph.instance().traversal().mergeE(match) : t.mergeE(match);
        t = t.option(org.apache.tinkerpop.gremlin.process.traversal.Merge.onCreate, create)
            .option(org.apache.tinkerpop.gremlin.process.traversal.Merge.onMatch, update);
      }
      edgeRequests.add(t.id().asAdmin().getBytecode());
    }
    submitRequests(client, threads, parallel, vertexRequests);
    submitRequests(client, threads, parallel, edgeRequests);
  }

  private static void submitRequests(Client client, ExecutorService threads, int parallel, List<Bytecode> requests)
      throws Exception {
    List<Future<?>> workers = new ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    for (int t = 0; t < parallel; t++) {
      workers.add(threads.submit(() -> {
        for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
          client.submitAsync(requests.get(i)).get(60, TimeUnit.SECONDS).all().get(60, TimeUnit.SECONDS);
        }
        return null;
      }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
  }

  private static void submitAll(Client client, ExecutorService threads, int parallel,
      List<List<Map<Object, Object>>> batches, boolean vertices) throws Exception {
    List<Bytecode> requests = new ArrayList<>(batches.size());
    for (List<Map<Object, Object>> batch : batches) {
      requests.add(vertices
          ? EmptyGraph.instance().traversal().inject(batch).unfold().mergeV().id().asAdmin().getBytecode()
          : EmptyGraph.instance().traversal().inject(batch).unfold().mergeE().id().asAdmin().getBytecode());
    }
    submitRequests(client, threads, parallel, requests);
  }
}
