package dev.graphshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The graph the backfill and cutover scenarios start from, written through an adapter: {@code nodes}
 * nodes {@code n00000…} (one or two labels, strings, longs, doubles, booleans, lists), and about twice as
 * many relationships {@code r00000…} of two types, among them parallel relationships (same start, end and
 * type, different ids, written on purpose every tenth relationship) and self-loops. Seeded: the same
 * seed gives the same graph.
 *
 * <p>Immutable.
 */
final class SourceGraph {
  private SourceGraph() {}

  private static final int BATCH = 500;

  /** The id of node {@code i}. */
  static String nodeId(int i) {
    return String.format("n%05d", i);
  }

  /** Node {@code i} as the seeded plan makes it. */
  static Node node(int i, Random random) {
    Set<String> labels = i % 5 == 0 ? Set.of("Person", "Employee") : i % 2 == 0 ? Set.of("Person") : Set.of("Company");
    return new Node(nodeId(i), labels, Map.of("name", "node " + i, "rank", (long) random.nextInt(1_000),
        "score", random.nextInt(10_000) / 100.0, "active", random.nextBoolean(),
        "tags", List.of("t" + random.nextInt(5), "u" + random.nextInt(5))));
  }

  /**
   * Writes the graph; returns the number of relationships written. Fails if the database rejects
   * anything: the graph is valid everywhere.
   */
  static int write(GraphDatabase db, int nodes, long seed) {
    Random random = new Random(seed);
    List<Node> batch = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      batch.add(node(i, random));
      if (batch.size() == BATCH || i == nodes - 1) {
        assertClean(db.upsertNodes(batch), "nodes");
        batch.clear();
      }
    }
    List<Relationship> rels = new ArrayList<>();
    int count = 0;
    Relationship previous = null;
    for (int i = 0; i < nodes * 2; i++) {
      String id = String.format("r%05d", i);
      Relationship r;
      if (previous != null && i % 10 == 0) {
        // parallel to the previous one: same endpoints and type, another id and properties
        r = Relationship.of(id, previous.type(), previous.startId(), previous.endId(), Map.of("since", (long) i));
      } else if (i % 17 == 0) {
        String self = nodeId(random.nextInt(nodes));
        r = Relationship.of(id, "KNOWS", self, self, Map.of("since", (long) i));
      } else {
        r = Relationship.of(id, random.nextBoolean() ? "KNOWS" : "WORKS_WITH", nodeId(random.nextInt(nodes)),
            nodeId(random.nextInt(nodes)), Map.of("since", (long) i, "weight", random.nextInt(100) / 10.0));
      }
      rels.add(r);
      previous = r;
      count++;
      if (rels.size() == BATCH) {
        assertClean(db.upsertRelationships(rels), "relationships");
        rels.clear();
      }
    }
    if (!rels.isEmpty()) {
      assertClean(db.upsertRelationships(rels), "relationships");
    }
    return count;
  }

  private static void assertClean(WriteResult result, String what) {
    assertThat(result.rejected()).as("%s of the source graph rejected", what).isEmpty();
  }
}
