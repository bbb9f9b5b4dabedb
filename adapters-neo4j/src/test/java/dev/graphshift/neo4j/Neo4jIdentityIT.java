package dev.graphshift.neo4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.WriteResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The identity settings: key label, unlabelled property identity, element id, a custom key. */
class Neo4jIdentityIT extends Neo4jTestSupport {

  @Test
  void shouldCreateTheKeyConstraintAndHideTheKeyLabelWhenAKeyLabelIsSet() {
    try (Neo4jGraphDatabase db = adapter().build()) {
      // when
      db.upsertNode(Node.of("a", "Person", Map.of("name", "Ada")));

      // then
      assertThat(cypher("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN *"))
          .anySatisfy(r -> {
            assertThat(r.get("labelsOrTypes").asList()).containsExactly("Entity");
            assertThat(r.get("properties").asList()).containsExactly("id");
            assertThat(r.get("type").asString()).isEqualTo("UNIQUENESS");
          });
      assertThat(cypher("MATCH (n:Entity:Person {id: 'a'}) RETURN n")).hasSize(1);
      assertThat(db.getNode("a")).contains(Node.of("a", "Person", Map.of("name", "Ada")));
      assertThat(db.countNodesByLabel()).containsOnlyKeys("Person");
    }
  }

  @Test
  void shouldRejectRecordsThatCollideWithTheIdentitySettings() {
    try (Neo4jGraphDatabase db = adapter().build()) {
      // when
      WriteResult result = db.upsertNodes(List.of(
          Node.of("ok", "Person", Map.of()),
          Node.of("has-id", "Person", Map.of("id", "other")),
          new Node("has-key-label", Set.of("Entity", "Person"), Map.of())));
      db.upsertNode(Node.of("ok2", "Person", Map.of()));
      WriteResult rels = db.upsertRelationships(List.of(
          Relationship.of("r1", "KNOWS", "ok", "ok2", Map.of("id", "x")),
          Relationship.of("r2", "KNOWS", "ok", "ok2", Map.of())));

      // then
      assertThat(result.written()).isEqualTo(1);
      assertThat(result.rejected()).extracting(Rejected::recordId, Rejected::rule).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple("has-id", Rules.NEO4J_IDENTITY_CONFLICT),
          org.assertj.core.groups.Tuple.tuple("has-key-label", Rules.NEO4J_IDENTITY_CONFLICT));
      assertThat(rels.written()).isEqualTo(1);
      assertThat(rels.rejected()).singleElement().satisfies(r -> {
        assertThat(r.recordId()).isEqualTo("r1");
        assertThat(r.message()).contains("'id'");
      });
    }
  }

  @Test
  void shouldReadAndWriteWithoutAKeyLabel() {
    try (Neo4jGraphDatabase db = Neo4jGraphDatabase.builder("plain", driver).build()) {
      // when
      db.upsertNodes(List.of(Node.of("a", "Person", Map.of()), Node.of("b", "Person", Map.of())));
      WriteResult rel = db.upsertRelationship(Relationship.of("r", "KNOWS", "a", "b", Map.of("w", 1)));

      // then
      assertThat(rel.written()).isEqualTo(1);
      assertThat(db.getNode("a")).contains(Node.of("a", "Person", Map.of()));
      assertThat(db.getRelationship("r")).contains(Relationship.of("r", "KNOWS", "a", "b", Map.of("w", 1)));
      assertThat(cypher("MATCH (n:Person) RETURN labels(n) AS l").get(0).get("l").asList()).containsExactly("Person");
    }
  }

  @Test
  void shouldReadByElementIdAndRejectWritesWhenTheIdentityIsTheElementId() {
    // given
    String a = cypher("CREATE (n:Person {name: 'Ada', id: 'kept'}) RETURN elementId(n) AS e").get(0).get("e").asString();
    String b = cypher("CREATE (n:Person {name: 'Bob'}) RETURN elementId(n) AS e").get(0).get("e").asString();
    String r = cypher("MATCH (a), (b) WHERE elementId(a) = $a AND elementId(b) = $b CREATE (a)-[r:KNOWS]->(b) "
        + "RETURN elementId(r) AS e", Map.of("a", a, "b", b)).get(0).get("e").asString();
    try (Neo4jGraphDatabase db = Neo4jGraphDatabase.builder("source", driver)
        .nodeIdentity(Neo4jIdentity.elementId())
        .relationshipIdentity(Neo4jIdentity.elementId())
        .build()) {

      // when
      WriteResult write = db.upsertNode(Node.of("x", "Person", Map.of()));
      WriteResult relWrite = db.upsertRelationship(Relationship.of("y", "KNOWS", a, b, Map.of()));

      // then
      assertThat(db.getNode(a)).contains(Node.of(a, "Person", Map.of("name", "Ada", "id", "kept")));
      assertThat(db.getRelationship(r)).contains(Relationship.of(r, "KNOWS", a, b, Map.of()));
      assertThat(db.degree(b)).isEqualTo(1);
      assertThat(write.rejected()).extracting(Rejected::rule).containsExactly(Rules.IDENTITY_NOT_WRITABLE);
      assertThat(relWrite.rejected()).extracting(Rejected::rule).containsExactly(Rules.IDENTITY_NOT_WRITABLE);
      assertThat(items(pages(db::scanRelationships, ScanRequest.all(10)))).extracting(Relationship::id).containsExactly(r);
      assertThat(db.deleteNode(a).written()).isEqualTo(1);
      assertThat(db.countNodes()).isEqualTo(1);
    }
  }

  @Test
  void shouldUseACustomIdentityPropertyAndReadIntegerKeysAsDecimalStrings() {
    // given: a source whose key is a number
    cypher("CREATE (:Item {sku: 42, name: 'bolt'}), (:Item {sku: 'A-7', name: 'nut'})");
    try (Neo4jGraphDatabase db = Neo4jGraphDatabase.builder("skus", driver)
        .nodeIdentity(Neo4jIdentity.property("sku")).build()) {

      // when
      List<Node> scanned = items(pages(db::scanNodes, ScanRequest.all(10)));

      // then
      assertThat(scanned).containsExactlyInAnyOrder(
          Node.of("42", "Item", Map.of("name", "bolt")), Node.of("A-7", "Item", Map.of("name", "nut")));
    }
  }

  @Test
  void shouldReportNodesAndRelationshipsWithoutTheirIdentityAsRejectedWhenScanning() {
    // given
    try (Neo4jGraphDatabase db = adapter().build()) {
      db.upsertNodes(List.of(Node.of("a", "Person", Map.of()), Node.of("b", "Person", Map.of())));
      cypher("CREATE (:Person {name: 'no id'})");
      cypher("MATCH (a:Entity {id: 'a'}), (b:Entity {id: 'b'}) CREATE (a)-[:KNOWS {since: 1}]->(b)");

      // when
      List<ScanPage<Node>> nodes = pages(db::scanNodes, ScanRequest.all(2));
      List<ScanPage<Relationship>> rels = pages(db::scanRelationships, ScanRequest.all(2));

      // then
      assertThat(items(nodes)).extracting(Node::id).containsExactlyInAnyOrder("a", "b");
      assertThat(rejected(nodes)).singleElement().satisfies(r -> {
        assertThat(r.rule()).isEqualTo(Rules.IDENTITY_MISSING);
        assertThat(r.recordId()).startsWith("elementId:");
        assertThat(r.record().properties()).containsEntry("name", "no id");
      });
      assertThat(items(nodes).size() + rejected(nodes).size()).isEqualTo(db.countNodes());
      assertThat(items(rels)).isEmpty();
      assertThat(rejected(rels)).singleElement().satisfies(r -> assertThat(r.rule()).isEqualTo(Rules.IDENTITY_MISSING));
    }
  }

  @Test
  void shouldMoveARelationshipWhenItsIdIsUpsertedWithOtherEndpointsOrType() {
    try (Neo4jGraphDatabase db = adapter().build()) {
      // given
      db.upsertNodes(List.of(Node.of("a", "P", Map.of()), Node.of("b", "P", Map.of()), Node.of("c", "P", Map.of())));
      db.upsertRelationship(Relationship.of("r", "KNOWS", "a", "b", Map.of("v", 1)));

      // when
      db.upsertRelationship(Relationship.of("r", "KNOWS", "a", "c", Map.of("v", 2)));
      db.upsertRelationship(Relationship.of("r", "LIKES", "a", "c", Map.of("v", 3)));

      // then
      assertThat(db.countRelationships()).isEqualTo(1);
      assertThat(db.getRelationship("r")).contains(Relationship.of("r", "LIKES", "a", "c", Map.of("v", 3)));
      assertThat(db.degree("b")).isZero();
    }
  }

  @Test
  void shouldNameTheMissingEndpointWhenARelationshipDangles() {
    try (Neo4jGraphDatabase db = adapter().build()) {
      // given
      db.upsertNode(Node.of("a", "P", Map.of()));

      // when
      WriteResult result = db.upsertRelationships(List.of(
          Relationship.of("r1", "KNOWS", "a", "ghost", Map.of()),
          Relationship.of("r2", "KNOWS", "nobody", "a", Map.of())));

      // then
      assertThat(result.total()).isEqualTo(2);
      assertThat(result.rejected()).extracting(Rejected::message).containsExactly(
          "relationship 'r1' (KNOWS): end node 'ghost' does not exist",
          "relationship 'r2' (KNOWS): start node 'nobody' does not exist");
    }
  }
}
