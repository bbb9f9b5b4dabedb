package dev.graphshift.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.neo4j.internal.Cypher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;
import org.neo4j.driver.summary.QueryProfile;

/** Keyset scans over internal-id windows: label filters, sparse labels, splits, and cost per page. */
class Neo4jScanIT extends Neo4jTestSupport {

  private static List<Node> scanAll(Neo4jGraphDatabase db, ScanRequest first, List<Integer> pageSizes) {
    List<Node> all = new ArrayList<>();
    ScanRequest request = first;
    while (true) {
      ScanPage<Node> page = db.scanNodes(request);
      all.addAll(page.items());
      pageSizes.add(page.items().size());
      if (page.next().isEmpty()) {
        return all;
      }
      request = request.after(page.next().get());
    }
  }

  @Test
  void shouldFindEveryNodeOfASparseLabelInFewPagesWhenScanningALabel() {
    try (Neo4jGraphDatabase db = adapter().build()) {
      // given: 3 000 nodes of which 30 are Rare, spread out
      List<Node> nodes = new ArrayList<>();
      for (int i = 0; i < 3_000; i++) {
        nodes.add(Node.of("n" + i, i % 100 == 0 ? "Rare" : "Common", Map.of("i", i)));
      }
      db.upsertNodes(nodes);

      // when
      List<Integer> pages = new ArrayList<>();
      List<Node> rare = scanAll(db, ScanRequest.of("Rare", 10), pages);

      // then: the windows grew past the gaps instead of taking 300 pages of 10 ids
      assertThat(rare).hasSize(30).allSatisfy(n -> assertThat(n.labels()).containsExactly("Rare"));
      assertThat(pages.size()).isLessThan(30);
      assertThat(pages).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(10));
    }
  }

  @Test
  void shouldCoverALabelExactlyOnceWithDisjointPartsWhenSplit() {
    try (Neo4jGraphDatabase db = adapter().build()) {
      // given
      List<Node> nodes = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        nodes.add(Node.of("n" + i, i % 2 == 0 ? "Even" : "Odd", Map.of()));
      }
      db.upsertNodes(nodes);

      // when
      List<ScanRequest> parts = db.splitNodeScan(ScanRequest.of("Even", 13), 4);

      // then
      List<String> seen = new ArrayList<>();
      for (ScanRequest part : parts) {
        scanAll(db, part, new ArrayList<>()).forEach(n -> seen.add(n.id()));
      }
      assertThat(parts).hasSize(4);
      assertThat(seen).doesNotHaveDuplicates().hasSize(250).allSatisfy(id -> assertThat(Integer.parseInt(id.substring(1)) % 2).isZero());
    }
  }

  @Test
  void shouldScanOneRelationshipTypeAcrossSplitParts() {
    try (Neo4jGraphDatabase db = adapter().build()) {
      // given
      List<Node> nodes = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        nodes.add(Node.of("n" + i, "P", Map.of()));
      }
      db.upsertNodes(nodes);
      List<Relationship> rels = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        rels.add(Relationship.of("r" + i, i % 4 == 0 ? "RARE" : "COMMON", "n" + (i % 50), "n" + ((i * 7) % 50), Map.of()));
      }
      db.upsertRelationships(rels);

      // when
      Set<String> seen = new HashSet<>();
      int count = 0;
      for (ScanRequest part : db.splitRelationshipScan(ScanRequest.of("RARE", 7), 3)) {
        ScanRequest request = part;
        while (true) {
          ScanPage<Relationship> page = db.scanRelationships(request);
          for (Relationship r : page.items()) {
            assertThat(r.type()).isEqualTo("RARE");
            seen.add(r.id());
            count++;
          }
          if (page.next().isEmpty()) {
            break;
          }
          request = request.after(page.next().get());
        }
      }

      // then
      assertThat(count).isEqualTo(50);
      assertThat(seen).hasSize(50);
    }
  }

  @Test
  void shouldSampleTheRequestedNumberTheSameWayWhenMostIdsAreDeleted() {
    try (Neo4jGraphDatabase db = adapter().build()) {
      // given: 4 000 nodes of which every 20th survives
      List<Node> nodes = new ArrayList<>();
      List<String> deleted = new ArrayList<>();
      for (int i = 0; i < 4_000; i++) {
        nodes.add(Node.of("n" + i, "P", Map.of()));
        if (i % 20 != 0) {
          deleted.add("n" + i);
        }
      }
      db.upsertNodes(nodes);
      db.deleteNodes(deleted);

      // when
      List<Node> a = db.sampleNodes(50, 1L);
      List<Node> b = db.sampleNodes(50, 1L);
      List<Node> other = db.sampleNodes(50, 2L);

      // then
      assertThat(a).hasSize(50).doesNotHaveDuplicates().isEqualTo(b).isNotEqualTo(other);
      assertThat(a).allSatisfy(n -> assertThat(Integer.parseInt(n.id().substring(1)) % 20).isZero());
    }
  }

  @Test
  void shouldRejectACursorFromAnotherKindOfScan() {
    try (Neo4jGraphDatabase db = adapter().build()) {
      assertThatThrownBy(() -> db.scanNodes(ScanRequest.all(10).after("r1:5:10:10")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r1:5:10:10");
    }
  }

  @Test
  void shouldTouchAsManyRecordsForTheLastPageAsForTheFirstWhenScanning() {
    // given: 20 000 nodes, so a cost that grew with the position would show clearly
    cypher("UNWIND range(0, 19999) AS i CREATE (:Entity:Person {id: 'p' + i, name: 'n' + i})");
    long bound = cypher("MATCH (n) RETURN max(id(n)) AS m").get(0).get("m").asLong();
    long low = cypher("MATCH (n) RETURN min(id(n)) AS m").get(0).get("m").asLong();
    String statement = new Cypher(Optional.of("id"), Optional.of("Entity"), Optional.of("id")).scanNodes(Optional.empty());

    // when: the database hits of the first and the last 500-id window, from the profiler (not a timer)
    long first = dbHits(statement, low, low + 499);
    long last = dbHits(statement, bound - 499, bound);

    // then
    assertThat(first).isPositive();
    assertThat((double) last / first).isBetween(0.67, 1.5);
  }

  private static long dbHits(String statement, long from, long to) {
    try (Session session = driver.session()) {
      var result = session.run("PROFILE " + statement, Map.of("from", from, "to", to, "limit", 500));
      result.list();
      return total(result.consume().queryProfile().orElseThrow());
    }
  }

  private static long total(QueryProfile plan) {
    long hits = plan.dbHits().orElse(0);
    for (QueryProfile child : plan.children()) {
      hits += total(child);
    }
    return hits;
  }
}
