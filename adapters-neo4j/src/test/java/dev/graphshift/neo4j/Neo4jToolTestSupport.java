package dev.graphshift.neo4j;

import dev.graphshift.backfill.Graphs;
import dev.graphshift.memory.InMemoryGraphDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the integration tests of core's tools (backfill, copy, validation) on the adapter: an
 * adapter with the key label {@code Entity} on the shared, emptied Neo4j for each test, and an in-memory
 * graph of {@value #NODES} nodes ({@link Graphs#sourceGraph}: several labels, unlabeled nodes, parallel
 * relationships, self-loops, 4-d embeddings) to copy from or into it.
 */
abstract class Neo4jToolTestSupport extends Neo4jTestSupport {

  static final int NODES = 300;

  final InMemoryGraphDatabase memory = Graphs.sourceGraph("in-memory", NODES);
  Neo4jGraphDatabase neo4j;

  @BeforeEach
  void openAdapter() {
    neo4j = adapter().build();
  }

  @AfterEach
  void closeAdapter() {
    neo4j.close();
  }
}
