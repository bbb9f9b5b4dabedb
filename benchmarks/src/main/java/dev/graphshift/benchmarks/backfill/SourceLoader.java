package dev.graphshift.benchmarks.backfill;

import dev.graphshift.Node;
import dev.graphshift.Relationship;
import java.util.Arrays;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;

/**
 * Loads the workload into the embedded Neo4j through its in-process API: setup, not measured, so it takes
 * the fastest path there is (no Cypher, no Bolt), in transactions of {@link #TRANSACTION_SIZE} records.
 * Nodes carry the key label {@code Entity} and the identity property {@code id} under a uniqueness
 * constraint, as the Neo4j adapter expects of a source keyed by {@code id}; relationships carry {@code id}
 * too. The internal id of every node is kept, so relationships find their endpoints without an index.
 *
 * <p>Not thread-safe; confine to one thread.
 */
final class SourceLoader {
  /** Records per load transaction. */
  static final int TRANSACTION_SIZE = 50_000;

  private static final Label ENTITY = Label.label("Entity");
  private static final Label PERSON = Label.label("Person");
  private static final RelationshipType KNOWS = RelationshipType.withName("KNOWS");

  private final GraphDatabaseService db;
  private final Workload workload;
  private long[] internalIds = new long[0];
  private int nodes;
  private int relationships;

  SourceLoader(GraphDatabaseService db, Workload workload) {
    this.db = db;
    this.workload = workload;
    db.executeTransactionally("CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE");
    // the identity index the adapter keeps per relationship type: reads by id (the spot checks) seek it
    db.executeTransactionally("CREATE INDEX knows_id IF NOT EXISTS FOR ()-[r:KNOWS]-() ON (r.id)");
    db.executeTransactionally("CALL db.awaitIndexes(300)");
  }

  /** Adds what this size holds beyond what was loaded before. */
  void growTo(Workload.Size size) {
    internalIds = Arrays.copyOf(internalIds, Math.max(internalIds.length, size.nodes()));
    while (nodes < size.nodes()) {
      int to = Math.min(size.nodes(), nodes + TRANSACTION_SIZE);
      loadNodes(nodes, to);
      nodes = to;
    }
    while (relationships < size.relationships()) {
      int to = Math.min(size.relationships(), relationships + TRANSACTION_SIZE);
      loadRelationships(relationships, to);
      relationships = to;
    }
  }

  @SuppressWarnings("deprecation") // Node.getId(): the fastest handle to find the node again in a later transaction
  private void loadNodes(int from, int to) {
    try (Transaction tx = db.beginTx()) {
      for (int i = from; i < to; i++) {
        Node model = workload.node(i);
        org.neo4j.graphdb.Node node = tx.createNode(ENTITY, PERSON);
        node.setProperty("id", model.id());
        for (Map.Entry<String, Object> e : model.properties().entrySet()) {
          node.setProperty(e.getKey(), e.getValue());
        }
        internalIds[i] = node.getId();
      }
      tx.commit();
    }
  }

  @SuppressWarnings("deprecation") // Transaction.getNodeById(long): see loadNodes
  private void loadRelationships(int from, int to) {
    try (Transaction tx = db.beginTx()) {
      for (int i = from; i < to; i++) {
        Relationship model = workload.relationship(i);
        org.neo4j.graphdb.Node start = tx.getNodeById(internalIds[index(model.startId())]);
        org.neo4j.graphdb.Node end = tx.getNodeById(internalIds[index(model.endId())]);
        org.neo4j.graphdb.Relationship rel = start.createRelationshipTo(end, KNOWS);
        rel.setProperty("id", model.id());
        for (Map.Entry<String, Object> e : model.properties().entrySet()) {
          rel.setProperty(e.getKey(), e.getValue());
        }
      }
      tx.commit();
    }
  }

  /** The index of a node id {@code n<i>}. */
  private static int index(String nodeId) {
    return Integer.parseInt(nodeId, 1, nodeId.length(), 10);
  }
}
