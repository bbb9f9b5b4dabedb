package dev.graphshift.neptune.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.process.traversal.Bytecode;
import org.apache.tinkerpop.gremlin.process.traversal.Merge;
import org.apache.tinkerpop.gremlin.process.traversal.Order;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.Scope;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.process.traversal.step.util.WithOptions;
import org.apache.tinkerpop.gremlin.structure.Column;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.VertexProperty;
import org.apache.tinkerpop.gremlin.structure.util.empty.EmptyGraph;
import org.jspecify.annotations.Nullable;

/**
 * The traversals the adapter sends, as bytecode. Every write is of constant size: the rows travel as
 * one {@code inject} argument of plain maps, and the traversal reads them with {@code select}, so a
 * request has the same few dozen steps whatever the batch (see {@link NeptuneDialect}). No lambda
 * anywhere, and no value of the data is ever part of a script.
 *
 * <p>Row keys: {@code i} the id, {@code m} the match map {@code {T.id: id}}, {@code a} the create map
 * (label, or type and endpoints, with the single-valued properties), {@code p} the single-valued
 * properties (upserts only: inserts never change an existing record), {@code s} the set-valued ones (key to list of values; absent when none), and for edges
 * {@code o} and {@code n}, the out and in vertex ids.
 *
 * <p>Thread-safe.
 */
public final class Traversals {
  private Traversals() {}

  private static GraphTraversalSource g() {
    return EmptyGraph.instance().traversal();
  }

  /** The rows' set-valued properties, added after the single-valued ones, each value on its own. */
  private static GraphTraversal<Object, Object> setValues() {
    return __.select("r").select("s").unfold().as("e").select(Column.values).unfold().as("x")
        .select("v").property(VertexProperty.Cardinality.set, __.select("e").select(Column.keys), __.select("x"));
  }

  /**
   * Upserts vertices, in two passes over the rows (kept as the side effect {@code rows}) within one
   * traversal, so one Neptune transaction. Pass one: {@code mergeV} by {@code {T.id: id}}; a vertex that
   * does not exist is created with its label and single values (the create option records its id in
   * {@code created}); one that exists has every property dropped and its id and stored label recorded in
   * {@code matched}. Pass two: the existing vertices get the new single values merged in. Set values are
   * added after (only when {@code withSetValues}). Every step reads the row it works on as the current
   * object ({@code select} of a map key), so no path is tracked. Answers one map: {@code {created: ids,
   * matched: [{i: id, l: stored label}]}}; the caller compares labels and re-creates the vertices whose
   * labels changed.
   */
  public static Bytecode upsertVertices(List<Map<String, Object>> rows, boolean withSetValues) {
    GraphTraversal<?, ?> t = g().withSideEffect("rows", rows).inject(0).select("rows").unfold()
        .mergeV(__.select("m"))
        .option(Merge.onCreate, __.sideEffect(__.select("i").aggregate(Scope.local, "created")).select("a"))
        .filter(__.id().where(P.without("created")))
        .sideEffect(__.properties().drop())
        .project("i", "l").by(T.id).by(T.label).aggregate(Scope.local, "matched")
        .fold()
        .select("rows").unfold()
        .filter(__.select("i").where(P.without("created")))
        .mergeV(__.select("m")).option(Merge.onMatch, __.select("p"))
        .fold();
    if (withSetValues) {
      t = t.select("rows").unfold().as("r").mergeV(__.select("m")).as("v").sideEffect(setValues()).fold();
    }
    return t.cap("created", "matched").asAdmin().getBytecode();
  }

  /**
   * Creates the vertices that do not exist and leaves the others alone, in one traversal (one Neptune
   * transaction). The create option of {@code mergeV} records the id of each row it creates in {@code
   * created}, so the outcome is exact: the answer is the ids created, and every other row's vertex
   * existed. Every step reads the row it works on as the current object (no path is tracked, no row is
   * looked up in a list), so the server's work per row is constant. Set values are added to the created
   * vertices only, in a second pass (only when {@code withSetValues}).
   */
  public static Bytecode insertVertices(List<Map<String, Object>> rows, boolean withSetValues) {
    GraphTraversal<?, ?> t = g().withSideEffect("rows", rows).inject(0).select("rows").unfold()
        .mergeV(__.select("m"))
        .option(Merge.onCreate, __.sideEffect(__.select("i").aggregate(Scope.local, "created")).select("a"))
        .fold();
    if (withSetValues) {
      t = t.select("rows").unfold().filter(__.select("s")).filter(__.select("i").where(P.within("created")))
          .as("r").mergeV(__.select("m")).as("v").sideEffect(setValues()).fold();
    }
    return t.cap("created").asAdmin().getBytecode();
  }

  /** The ids among these that exist as vertices. */
  public static Bytecode existingVertices(Collection<String> ids) {
    return g().V(ids.toArray()).id().asAdmin().getBytecode();
  }

  /** The edges of a vertex as element maps, for a relabel (drop and re-create). */
  public static Bytecode edgesOf(String id) {
    return g().V(id).bothE().dedup().elementMap().asAdmin().getBytecode();
  }

  /**
   * Re-creates a vertex under new labels, in one request (one transaction): only if its edges are
   * exactly the ones read before ({@code expected}, element maps), drop it, create it with the row, set
   * its set values, and re-create its edges from {@code edges} (maps for {@code mergeE}). Answers the id
   * when it did, nothing when the edges had changed meanwhile.
   */
  public static Bytecode relabelVertex(String id, Map<String, Object> row, List<Map<Object, Object>> expected,
      List<Map<Object, Object>> edges) {
    GraphTraversal<?, ?> t = g().V(id)
        .where(__.bothE().dedup().count().is(expected.size()));
    if (!expected.isEmpty()) {
      t = t.where(__.bothE().dedup().elementMap().is(P.within(expected)).count().is(expected.size()));
    }
    t = t.sideEffect(__.drop())
        .constant(row).as("r")
        .mergeV(__.select("r").select("m")).option(Merge.onCreate, __.select("r").select("a")).as("v")
        .sideEffect(setValues());
    if (!edges.isEmpty()) {
      t = t.sideEffect(__.constant(edges).unfold().mergeE());
    }
    return t.id().asAdmin().getBytecode();
  }

  /**
   * Upserts edges whose endpoints exist, in two passes as {@link #upsertVertices}: pass one collects the
   * existing endpoints ({@code ex}), skips rows whose endpoints are missing, creates the edges that do
   * not exist with type, endpoints and properties (recording them in {@code created}) and, for the
   * others, drops every property and records {@code {i, l, o, n}} (id, type, out and in vertex ids) in
   * {@code matched}; pass two merges the new properties into the existing edges. Answers {@code
   * {created: ids, matched: [...]}}; rows in neither are dangling. With {@code replace}, those edges are
   * dropped first, in the same request.
   */
  public static Bytecode upsertEdges(List<Map<String, Object>> rows, Collection<String> endpoints,
      @Nullable Collection<String> replace) {
    GraphTraversal<?, ?> t = g().withSideEffect("rows", rows).inject(0);
    if (replace != null && !replace.isEmpty()) {
      t = t.sideEffect(__.E(replace.toArray()).drop());
    }
    return t.sideEffect(__.V(endpoints.toArray()).id().aggregate(Scope.local, "ex"))
        .select("rows").unfold()
        .filter(__.select("o").where(P.within("ex")))
        .filter(__.select("n").where(P.within("ex")))
        .mergeE(__.select("m"))
        .option(Merge.onCreate, __.sideEffect(__.select("i").aggregate(Scope.local, "created")).select("a"))
        .filter(__.id().where(P.without("created")))
        .sideEffect(__.properties().drop())
        .project("i", "l", "o", "n").by(T.id).by(T.label).by(__.outV().id()).by(__.inV().id())
        .aggregate(Scope.local, "matched")
        .fold()
        .select("rows").unfold()
        .filter(__.select("i").where(P.without("created")))
        .filter(__.select("o").where(P.within("ex")))
        .filter(__.select("n").where(P.within("ex")))
        .mergeE(__.select("m")).option(Merge.onMatch, __.select("p"))
        .fold()
        .cap("created", "matched")
        .asAdmin().getBytecode();
  }

  /**
   * Creates the edges that do not exist and whose endpoints do, path-free as {@link #insertVertices}:
   * collects the existing endpoints ({@code ex}), skips rows whose endpoints are missing, merges the
   * others by id, recording the ids it creates in {@code created} and the ids of every edge merged
   * (created or found) in {@code merged}. Answers {@code {created: ids, merged: ids}}; a row in neither
   * is dangling, a row merged but not created existed.
   */
  public static Bytecode insertEdges(List<Map<String, Object>> rows, Collection<String> endpoints) {
    return g().withSideEffect("rows", rows).inject(0)
        .sideEffect(__.V(endpoints.toArray()).id().aggregate(Scope.local, "ex"))
        .select("rows").unfold()
        .filter(__.select("o").where(P.within("ex")))
        .filter(__.select("n").where(P.within("ex")))
        .mergeE(__.select("m"))
        .option(Merge.onCreate, __.sideEffect(__.select("i").aggregate(Scope.local, "created")).select("a"))
        .id().aggregate(Scope.local, "merged")
        .fold()
        .cap("created", "merged")
        .asAdmin().getBytecode();
  }

  public static Bytecode dropVertices(Collection<String> ids) {
    return g().V(ids.toArray()).drop().asAdmin().getBytecode();
  }

  public static Bytecode dropEdges(Collection<String> ids) {
    return g().E(ids.toArray()).drop().asAdmin().getBytecode();
  }

  /** Vertices with their id, label and every value of every property. */
  public static Bytecode vertices(Collection<String> ids) {
    return g().V(ids.toArray()).valueMap().with(WithOptions.tokens).asAdmin().getBytecode();
  }

  private static GraphTraversal<Object, Map<String, Object>> edgeShape(GraphTraversal<?, ?> edges) {
    @SuppressWarnings("unchecked")
    GraphTraversal<Object, Map<String, Object>> shaped = (GraphTraversal<Object, Map<String, Object>>) (Object)
        edges.project("i", "l", "o", "n", "p").by(T.id).by(T.label).by(__.outV().id()).by(__.inV().id())
            .by(__.valueMap());
    return shaped;
  }

  /** Edges with their id, type, endpoints and properties. */
  public static Bytecode edges(Collection<String> ids) {
    return edgeShape(g().E(ids.toArray())).asAdmin().getBytecode();
  }

  public static Bytecode countVertices() {
    return g().V().count().asAdmin().getBytecode();
  }

  public static Bytecode countVertices(String label) {
    return NeptuneDialect.withLabel(g().V(), label).count().asAdmin().getBytecode();
  }

  public static Bytecode countVerticesByLabel() {
    return g().V().groupCount().by(T.label).asAdmin().getBytecode();
  }

  public static Bytecode countEdges() {
    return g().E().count().asAdmin().getBytecode();
  }

  public static Bytecode countEdges(String type) {
    return g().E().hasLabel(type).count().asAdmin().getBytecode();
  }

  public static Bytecode countEdgesByType() {
    return g().E().groupCount().by(T.label).asAdmin().getBytecode();
  }

  /** {@code {i: id, d: degree}} for each existing vertex; a self-loop counts once. */
  public static Bytecode degrees(Collection<String> ids) {
    return g().V(ids.toArray()).project("i", "d").by(T.id).by(__.bothE().dedup().count()).asAdmin().getBytecode();
  }

  private static GraphTraversal<?, ?> keyset(GraphTraversal<?, ?> t, @Nullable String after, @Nullable String until,
      int limit) {
    if (after != null) {
      t = t.hasId(P.gt(after));
    }
    if (until != null) {
      t = t.hasId(P.lte(until));
    }
    return t.order().by(T.id, Order.asc).limit(limit);
  }

  /**
   * One page of a keyset scan of vertices: ids greater than the cursor (and at most {@code until}), in
   * id order, {@code limit} of them.
   */
  public static Bytecode scanVertices(@Nullable String label, @Nullable String after, @Nullable String until,
      int limit, boolean idsOnly) {
    GraphTraversal<?, ?> t = g().V();
    if (label != null) {
      t = NeptuneDialect.withLabel(t, label);
    }
    t = keyset(t, after, until, limit);
    return (idsOnly ? t.id() : t.valueMap().with(WithOptions.tokens)).asAdmin().getBytecode();
  }

  /** One page of a keyset scan of edges. */
  public static Bytecode scanEdges(@Nullable String type, @Nullable String after, @Nullable String until, int limit) {
    GraphTraversal<?, ?> t = g().E();
    if (type != null) {
      t = t.hasLabel(type);
    }
    return edgeShape(keyset(t, after, until, limit)).asAdmin().getBytecode();
  }

  /** About {@code n} ids picked by the server, to cut a scan into ranges. */
  public static Bytecode sampleIds(boolean vertices, @Nullable String filter, int n) {
    GraphTraversal<?, ?> t = vertices ? g().V() : g().E();
    if (filter != null) {
      t = vertices ? NeptuneDialect.withLabel(t, filter) : t.hasLabel(filter);
    }
    return t.id().sample(n).asAdmin().getBytecode();
  }
}
