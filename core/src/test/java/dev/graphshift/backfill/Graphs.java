package dev.graphshift.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/** Test support: deterministic graphs and whole-graph comparisons. */
public final class Graphs {
  private Graphs() {}

  /** A node id that sorts in creation order. */
  public static String nodeId(int i) {
    return String.format("n%05d", i);
  }

  /**
   * A source graph of {@code nodes} nodes: Person and Company nodes, every 10th also a Customer, every
   * 50th unlabeled; each with a name, an age and a 4-d embedding. About three relationships per node:
   * KNOWS between people (with parallel KNOWS between the same pair), WORKS_AT to companies, and a
   * self-loop LIKES every 25th node.
   */
  public static InMemoryGraphDatabase sourceGraph(String name, int nodes) {
    InMemoryGraphDatabase db = InMemoryGraphDatabase.named(name);
    Random random = new Random(7);
    List<Node> batch = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      Set<String> labels;
      if (i % 50 == 49) {
        labels = Set.of();
      } else if (i % 3 == 0) {
        labels = Set.of("Company");
      } else if (i % 10 == 1) {
        labels = Set.of("Person", "Customer");
      } else {
        labels = Set.of("Person");
      }
      float[] embedding = {random.nextFloat(), random.nextFloat(), random.nextFloat(), random.nextFloat()};
      batch.add(new Node(nodeId(i), labels, Map.of("name", "node " + i, "age", (long) (i % 90),
          "embedding", embedding)));
    }
    db.upsertNodes(batch);
    List<Relationship> rels = new ArrayList<>();
    int r = 0;
    for (int i = 0; i < nodes; i++) {
      int j = (i + 1 + random.nextInt(nodes - 1)) % nodes;
      rels.add(Relationship.of("r" + (r++), "KNOWS", nodeId(i), nodeId(j), Map.of("since", (long) (2000 + i % 20))));
      if (i % 7 == 0) {
        rels.add(Relationship.of("r" + (r++), "KNOWS", nodeId(i), nodeId(j), Map.of("since", 1999L)));
      }
      int company = (random.nextInt(Math.max(1, nodes / 3))) * 3;
      rels.add(Relationship.of("r" + (r++), "WORKS_AT", nodeId(i), nodeId(company), Map.of()));
      if (i % 25 == 0) {
        rels.add(Relationship.of("r" + (r++), "LIKES", nodeId(i), nodeId(i), Map.of()));
      }
    }
    db.upsertRelationships(rels);
    return db;
  }

  /** Writes every record of one database into another, as a finished migration would have. */
  public static void copy(GraphDatabase from, GraphDatabase to) {
    to.upsertNodes(List.copyOf(nodes(from).values()));
    to.upsertRelationships(List.copyOf(relationships(from).values()));
  }

  /** Every node of a database, by id. */
  public static Map<String, Node> nodes(GraphDatabase db) {
    return all(db::scanNodes);
  }

  /** Every relationship of a database, by id. */
  public static Map<String, Relationship> relationships(GraphDatabase db) {
    return all(db::scanRelationships);
  }

  private static <T extends GraphRecord> Map<String, T> all(Function<ScanRequest, ScanPage<T>> scan) {
    Map<String, T> all = new LinkedHashMap<>();
    ScanRequest request = ScanRequest.all(500);
    while (true) {
      ScanPage<T> page = scan.apply(request);
      for (T t : page.items()) {
        assertThat(all.put(t.id(), t)).as("scan returned %s twice", t.id()).isNull();
      }
      Optional<String> next = page.next();
      if (next.isEmpty()) {
        return all;
      }
      request = request.after(next.get());
    }
  }

  /** Asserts that two databases hold the same nodes and relationships. */
  public static void assertSameGraph(GraphDatabase expected, GraphDatabase actual) {
    assertThat(nodes(actual)).isEqualTo(nodes(expected));
    assertThat(relationships(actual)).isEqualTo(relationships(expected));
    assertThat(actual.countNodes()).isEqualTo(expected.countNodes());
    assertThat(actual.countRelationships()).isEqualTo(expected.countRelationships());
  }
}
