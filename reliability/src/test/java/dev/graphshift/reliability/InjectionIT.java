package dev.graphshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.WriteResult;
import dev.graphshift.backfill.BackfillReport;
import dev.graphshift.backfill.Backfiller;
import dev.graphshift.backfill.InMemoryCheckpointStore;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.testing.EmbeddedGremlinServer;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.testing.EmbeddedNeo4jExtension;
import dev.graphshift.testing.SharedGremlinServerExtension;
import dev.graphshift.testing.engram.EngramStandIn;
import dev.graphshift.validation.Validator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 7, injection: strings that would do harm if any adapter built a query from them (Cypher
 * backticks, quotes and {@code }) DETACH DELETE n //}, Gremlin steps, script and template syntax) and
 * awkward unicode are used as node ids, labels, property keys, property values, relationship ids and
 * relationship types. They are written directly to every adapter (the in-memory reference, the embedded
 * Neo4j, which is also the source, the Neptune adapter on the Gremlin Server, the Engram adapter on the
 * stand-in), then backfilled from Neo4j to fresh Neptune and Engram targets, and validated. (Lists are
 * left out: Neptune's default list policy stores them as sets, a documented loss of order.)
 *
 * <p>Asserted, on every adapter: each hostile record is either stored literally (read back equal to what
 * was written) or rejected with a rule; nothing was executed (the canary nodes and relationship written
 * first are still there, unchanged, and the counts are exactly what was written); the source is unchanged
 * by the backfills and the validation (a scan of Neo4j before equals a scan after).
 */
@ExtendWith({EmbeddedNeo4jExtension.class, SharedGremlinServerExtension.class})
class InjectionIT {

  /** The hostile strings. */
  static final List<String> HOSTILE = List.of(
      "`",
      "a`b",
      "x` DETACH DELETE n //",
      "}) DETACH DELETE n //",
      "'}) MATCH (m) DETACH DELETE m //",
      "\"); MATCH (m) DETACH DELETE m; //",
      "') RETURN 1 UNION MATCH (m) DETACH DELETE m //",
      "it's",
      "\"double\"",
      "g.V().drop().iterate()",
      "').drop().V('",
      "\").drop();g.V(\"",
      "${jndi:ldap://example.invalid/a}",
      "$param",
      "{x}",
      ":Label",
      "back\\slash\\",
      "new\nline\ttab",
      "名前",
      "emoji \uD83D\uDE00",
      "e\u0301 combining",
      "\u202Eright-to-left",
      "zero\u200Bwidth",
      "nul\u0000char");

  static final List<Node> CANARIES = List.of(
      Node.of("canary-1", "Canary", Map.of("alive", true)),
      Node.of("canary-2", "Canary", Map.of("alive", true)));
  static final Relationship CANARY_LINK = Relationship.of("canary-link", "SINGS", "canary-1", "canary-2", Map.of());

  @Test
  void shouldStoreHostileStringsLiterallyOrRejectThemAndExecuteNothing(EmbeddedNeo4j neo4j,
      EmbeddedGremlinServer gremlin) {
    // given
    neo4j.clear();
    gremlin.clear();
    List<Node> nodes = new ArrayList<>();
    List<Relationship> relationships = new ArrayList<>();
    for (int i = 0; i < HOSTILE.size(); i++) {
      String s = HOSTILE.get(i);
      nodes.add(Node.of(s, "Thing", Map.of("v", "as id " + i)));
      nodes.add(new Node("label-" + i, Set.of(s), Map.of("v", "as label")));
      nodes.add(Node.of("key-" + i, "Thing", Map.of(s, "as key")));
      nodes.add(Node.of("value-" + i, "Thing", Map.of("v", s)));
      relationships.add(Relationship.of("type-" + i, s, "canary-1", "canary-2", Map.of("v", "as type")));
      relationships.add(Relationship.of("rel " + s, "LINKS", "canary-2", "canary-1", Map.of("v", s)));
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    try (EngramStandIn standIn = EngramStandIn.builder().build().start();
        GraphDatabase memory = InMemoryGraphDatabase.named("memory");
        GraphDatabase source = Servers.neo4j("neo4j-source", neo4j.boltUri()).build();
        GraphDatabase neptune = Servers.neptune("neptune-target", gremlin).build();
        GraphDatabase engram = Servers.engram("engram-target", standIn).build();
        GraphDatabase neptuneDirect = Servers.neptune("neptune-direct", gremlin).build();
        GraphDatabase engramDirect = Servers.engram("engram-direct", standIn).space("direct").build()) {

      // when: written directly to every adapter (the source among them)
      for (GraphDatabase db : List.of(memory, source, neptuneDirect, engramDirect)) {
        boolean relationshipsStored = db.capabilities().relationships();
        assertThat(db.upsertNodes(CANARIES).isClean()).isTrue();
        assertThat(db.upsertRelationships(List.of(CANARY_LINK)).isClean()).isEqualTo(relationshipsStored);
        WriteResult n = db.upsertNodes(nodes);
        WriteResult r = db.upsertRelationships(relationships);

        // then
        List<Rejected> rejected = concat(n.rejected(), r.rejected());
        assertThat(n.total()).isEqualTo(nodes.size());
        assertThat(r.total()).isEqualTo(relationships.size());
        figures.put(db.name(), check(db, nodes, relationships, rejected));
      }
      gremlin.clear();
      Snapshot before = Snapshot.of(source);

      // when: backfilled from the source to Neptune and Engram, and validated
      for (GraphDatabase target : List.of(neptune, engram)) {
        BackfillReport report = Backfiller.builder(source, target)
            .name("injection-" + target.name())
            .batchSize(20)
            .maxRejectedExamples(1_000)
            .checkpoints(new InMemoryCheckpointStore())
            .build()
            .run();
        assertThat(report.reconciles()).as(report.summary()).isTrue();
        Validator.builder(source, target).name("injection-" + target.name()).build().full();

        // then
        List<Rejected> rejected = concat(report.nodes().rejectedExamples(), report.relationships().rejectedExamples());
        assertThat((long) rejected.size()).as("every rejection kept as an example").isEqualTo(report.rejected());
        List<Node> copiedNodes = new ArrayList<>(before.nodes().values());
        copiedNodes.removeAll(CANARIES);
        List<Relationship> copiedRels = new ArrayList<>(before.relationships().values());
        copiedRels.remove(CANARY_LINK);
        figures.put(target.name(), check(target, copiedNodes, copiedRels, rejected));
      }

      // then: the source is unchanged
      Snapshot after = Snapshot.of(source);
      Snapshot.assertSame(before, after, "the source after the backfills and the validation");

      new Figures("injection")
          .put("hostileStrings", HOSTILE.size())
          .put("hostileNodes", nodes.size())
          .put("hostileRelationships", relationships.size())
          .put("perAdapter", figures)
          .put("executed", 0)
          .put("sourceChanged", false)
          .write();
    }
  }

  /**
   * Checks one database: every record stored literally or rejected with a rule; the canaries intact; the
   * counts exactly the canaries plus what was stored. Returns the figures: stored, rejected by rule.
   */
  private static Map<String, Object> check(GraphDatabase db, List<Node> nodes, List<Relationship> relationships,
      List<Rejected> rejected) {
    String what = db.name();
    Map<String, Rejected> rejectedById = new HashMap<>();
    for (Rejected r : rejected) {
      assertThat(r.rule()).as("%s: %s", what, r).isNotBlank();
      assertThat(r.message()).as("%s: %s", what, r).isNotBlank();
      rejectedById.put(r.record().kind() + ":" + r.recordId(), r);
    }
    int storedNodes = 0;
    int storedRelationships = 0;
    Map<String, Long> byRule = new TreeMap<>();
    rejected.forEach(r -> byRule.merge(r.rule(), 1L, Long::sum));
    boolean relationshipsStored = db.capabilities().relationships();
    for (GraphRecord record : concat(nodes, relationships)) {
      boolean isNode = record instanceof Node;
      if (!isNode && !relationshipsStored) {
        continue;
      }
      if (rejectedById.containsKey(record.kind() + ":" + record.id())) {
        continue;
      }
      Optional<GraphRecord> got = isNode ? db.getNode(record.id()).map(GraphRecord.class::cast)
          : db.getRelationship(record.id()).map(GraphRecord.class::cast);
      assertThat(got).as("%s: %s is stored literally", what, record.describe()).contains(record);
      if (isNode) {
        storedNodes++;
      } else {
        storedRelationships++;
      }
    }
    for (Node canary : CANARIES) {
      assertThat(db.getNode(canary.id())).as("%s: canary", what).contains(canary);
    }
    if (relationshipsStored) {
      assertThat(db.getRelationship(CANARY_LINK.id())).as("%s: canary link", what).contains(CANARY_LINK);
      assertThat(db.countRelationships()).as("%s: relationship count", what).isEqualTo(storedRelationships + 1);
      assertThat(db.countNodes()).as("%s: node count", what).isEqualTo(storedNodes + CANARIES.size());
    } else {
      assertThat(Snapshot.of(db).nodes()).as("%s: nodes", what).hasSize(storedNodes + CANARIES.size());
    }
    assertThat(storedNodes).as("%s: most hostile nodes are stored", what).isPositive();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("storedNodes", storedNodes);
    out.put("storedRelationships", storedRelationships);
    out.put("rejected", rejected.size());
    out.put("rejectedByRule", byRule);
    return out;
  }

  @SafeVarargs
  private static <T> List<T> concat(List<? extends T>... lists) {
    return Stream.of(lists).flatMap(List::stream).map(x -> (T) x).toList();
  }
}
