package dev.graphshift.neptune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.DatabaseException;
import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Retryable;
import dev.graphshift.Rules;
import dev.graphshift.TransientDatabaseException;
import dev.graphshift.WriteResult;
import dev.graphshift.conformance.Eventually;
import dev.graphshift.testing.EmbeddedGremlinServer;
import dev.graphshift.testing.SharedGremlinServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Neptune's dialect rules, checked on what the in-process Gremlin Server actually stores (read with an
 * embedded traversal of its TinkerGraph), and the retry path against server-sent
 * {@code ConcurrentModificationException}s.
 */
@ExtendWith(SharedGremlinServerExtension.class)
class NeptuneDialectIT {
  private final EmbeddedGremlinServer server;
  private final List<RequestRetriedEvent> retried = new CopyOnWriteArrayList<>();
  private final List<RequestFailedEvent> failed = new CopyOnWriteArrayList<>();
  private NeptuneGraphDatabase db;

  NeptuneDialectIT(EmbeddedGremlinServer server) {
    this.server = server;
  }

  private final NeptuneListener recorder = new NeptuneListener() {
    @Override
    public void onRequestRetried(RequestRetriedEvent event) {
      retried.add(event);
    }

    @Override
    public void onRequestFailed(RequestFailedEvent event) {
      failed.add(event);
    }
  };

  @BeforeEach
  void open() {
    server.restart();
    server.clear();
    db = NeptuneTesting.database(server).listener(recorder).build();
  }

  @AfterEach
  void close() {
    server.failNextTraversals(0, "none");
    server.restart();
    db.close();
  }

  private GraphTraversalSource stored() {
    return server.graph().traversal();
  }

  private static List<Node> people(int n) {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add(Node.of("p" + i, "Person", Map.of("name", "person " + i, "rank", i)));
    }
    return nodes;
  }

  @Test
  void shouldStoreStringIdsWhenWritingVerticesAndEdges() {
    // when
    db.upsertNodes(people(3));
    db.upsertRelationships(List.of(Relationship.of("k1", "KNOWS", "p0", "p1", Map.of())));

    // then
    assertThat(stored().V().id().toList()).hasSize(3).allSatisfy(id -> assertThat(id).isInstanceOf(String.class));
    assertThat(stored().E().id().toList()).containsExactly("k1");
  }

  @Test
  void shouldKeepOneValuePerPropertyWhenANodeIsUpsertedAgain() {
    // given: the stand-in, like Neptune, adds a value when a write forgets single cardinality
    db.upsertNode(Node.of("n1", "Person", Map.of("name", "Ada", "tags", List.of("a", "b"))));

    // when
    db.upsertNode(Node.of("n1", "Person", Map.of("name", "Grace", "tags", List.of("c"))));
    db.upsertNode(Node.of("n1", "Person", Map.of("name", "Grace", "tags", List.of("c"))));

    // then
    assertThat(stored().V("n1").properties("name").value().toList()).containsExactly("Grace");
    assertThat(stored().V("n1").properties("tags").value().toList()).containsExactly("c");
    assertThat(db.getNode("n1")).contains(Node.of("n1", "Person", Map.of("name", "Grace", "tags", "c")));
  }

  @Test
  void shouldWriteListsAsSetValuesOrJsonByPolicy() {
    // when
    db.upsertNode(Node.of("s", "Doc", Map.of("tags", List.of("b", "a", "b"))));
    try (NeptuneGraphDatabase json = NeptuneTesting.database(server)
        .valuePolicy(NeptuneValuePolicy.defaults().withLists(NeptuneValuePolicy.ListPolicy.JSON)).build()) {
      json.upsertNode(Node.of("j", "Doc", Map.of("tags", List.of("b", "a", "b"))));
    }

    // then
    assertThat(stored().V("s").properties("tags").value().toList()).containsExactlyInAnyOrder("a", "b");
    assertThat(stored().V("j").values("tags").toList()).containsExactly("[\"b\",\"a\",\"b\"]");
  }

  @Test
  void shouldTellCreatedFromExistingAndDanglingRecordsWhenInsertingIfAbsent() {
    // given: an existing node and edge, and requests so small that every lane sends several
    db.upsertNodes(List.of(Node.of("p0", "Person", Map.of("name", "old", "tags", List.of("x"))),
        Node.of("p1", "Person", Map.of("name", "one"))));
    db.upsertRelationships(List.of(Relationship.of("k0", "KNOWS", "p0", "p1", Map.of("w", 1))));
    List<Node> nodes = new ArrayList<>();
    nodes.add(Node.of("p0", "Person", Map.of("name", "new", "tags", List.of("y"))));
    for (int i = 2; i < 32; i++) {
      nodes.add(Node.of("p" + i, "Person", Map.of("name", "person " + i, "tags", List.of("a", "b"))));
    }
    List<Relationship> rels = new ArrayList<>();
    rels.add(Relationship.of("k0", "KNOWS", "p1", "p0", Map.of("w", 2)));
    for (int i = 1; i <= 20; i++) {
      rels.add(Relationship.of("k" + i, "KNOWS", "p" + i, "p" + (i + 1), Map.of("w", i)));
    }
    for (int i = 0; i < 3; i++) {
      rels.add(Relationship.of("d" + i, "KNOWS", "p1", "ghost" + i, Map.of()));
    }

    try (NeptuneGraphDatabase small = NeptuneTesting.database(server).maxRecordsPerRequest(10).build()) {
      // when
      WriteResult n = small.upsertNodes(nodes, dev.graphshift.WriteMode.INSERT_IF_ABSENT);
      WriteResult r = small.upsertRelationships(rels, dev.graphshift.WriteMode.INSERT_IF_ABSENT);

      // then: exact outcomes; what existed is untouched; new vertices got their set values
      assertThat(small.metrics().requests()).isGreaterThan(8);
      assertThat(n.written()).isEqualTo(30);
      assertThat(n.skipped()).isEqualTo(1);
      assertThat(n.rejected()).isEmpty();
      assertThat(r.written()).isEqualTo(20);
      assertThat(r.skipped()).isEqualTo(1);
      assertThat(r.rejected()).extracting(Rejected::rule).containsOnly(Rules.DANGLING_ENDPOINT).hasSize(3);
      assertThat(r.rejected()).extracting(Rejected::message).allSatisfy(m -> assertThat(m).contains("ghost"));
    }
    assertThat(stored().V("p0").values("name").toList()).containsExactly("old");
    assertThat(stored().V("p0").properties("tags").value().toList()).containsExactly("x");
    assertThat(stored().V("p31").properties("tags").value().toList()).containsExactlyInAnyOrder("a", "b");
    assertThat(stored().E("k0").values("w").toList()).containsExactly(1L);
    assertThat(stored().E("k0").outV().id().toList()).containsExactly("p0");
    assertThat(stored().V().count().next()).isEqualTo(32L);
    assertThat(stored().E().count().next()).isEqualTo(21L);
  }

  @Test
  void shouldRejectWithTheRuleAndThePropertyWhenThePolicyRefusesAValue() {
    // given
    try (NeptuneGraphDatabase strict = NeptuneTesting.database(server)
        .valuePolicy(NeptuneValuePolicy.defaults().withVectors(NeptuneValuePolicy.VectorPolicy.REJECT)).build()) {

      // when
      WriteResult result = strict.upsertNodes(List.of(
          Node.of("v", "Doc", Map.of("embedding", new float[] {0.5f})),
          Node.of("t", "Doc", Map.of("opens", java.time.LocalTime.NOON)),
          new Node("l", Set.of("A::B"), Map.of()),
          Node.of("ok", "Doc", Map.of())));

      // then
      assertThat(result.written()).isEqualTo(1);
      assertThat(result.rejected()).extracting(Rejected::recordId, Rejected::rule).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple("v", Rules.NEPTUNE_VALUE_POLICY),
          org.assertj.core.groups.Tuple.tuple("t", Rules.NEPTUNE_VALUE_POLICY),
          org.assertj.core.groups.Tuple.tuple("l", Rules.NEPTUNE_LABEL));
      assertThat(result.rejected()).filteredOn(r -> r.recordId().equals("v")).singleElement()
          .satisfies(r -> assertThat(r.message()).contains("'embedding'").contains("float[1]"));
      assertThat(stored().V().id().toList()).containsExactly("ok");
    }
  }

  @Test
  void shouldWriteMultiLabelVerticesAsNeptuneDoesAndCountThemUnderEachLabel() {
    // when
    db.upsertNode(new Node("m", Set.of("Person", "Admin"), Map.of()));
    db.upsertNode(Node.of("p", "Person", Map.of()));

    // then
    assertThat(stored().V("m").label().next()).isEqualTo("Admin::Person");
    assertThat(db.countNodes("Person")).isEqualTo(2);
    assertThat(db.countNodes("Admin")).isEqualTo(1);
    assertThat(db.countNodes("Admin::Person")).isZero();
    assertThat(db.countNodesByLabel()).containsEntry("Person", 2L).containsEntry("Admin", 1L).hasSize(2);
  }

  @Test
  void shouldKeepEdgesWhenANodesLabelsChange() {
    // given
    db.upsertNodes(people(3));
    db.upsertRelationships(List.of(
        Relationship.of("a", "KNOWS", "p0", "p1", Map.of("since", 2001)),
        Relationship.of("b", "KNOWS", "p2", "p0", Map.of()),
        Relationship.of("loop", "LIKES", "p0", "p0", Map.of("w", 0.5))));

    // when
    db.upsertNode(new Node("p0", Set.of("Person", "Admin"), Map.of("name", "root")));

    // then
    assertThat(stored().V("p0").label().next()).isEqualTo("Admin::Person");
    assertThat(db.getNode("p0")).contains(new Node("p0", Set.of("Person", "Admin"), Map.of("name", "root")));
    assertThat(db.degree("p0")).isEqualTo(3);
    assertThat(db.getRelationship("a")).contains(Relationship.of("a", "KNOWS", "p0", "p1", Map.of("since", 2001)));
    assertThat(db.getRelationship("loop")).contains(Relationship.of("loop", "LIKES", "p0", "p0", Map.of("w", 0.5)));
    assertThat(db.countRelationships()).isEqualTo(3);
  }

  @Test
  void shouldMoveARelationshipWhenItsTypeOrEndpointsChange() {
    // given
    db.upsertNodes(people(3));
    db.upsertRelationship(Relationship.of("r", "KNOWS", "p0", "p1", Map.of("v", 1)));

    // when
    WriteResult result = db.upsertRelationship(Relationship.of("r", "LIKES", "p0", "p2", Map.of("v", 2)));

    // then
    assertThat(result.written()).isEqualTo(1);
    assertThat(db.getRelationship("r")).contains(Relationship.of("r", "LIKES", "p0", "p2", Map.of("v", 2)));
    assertThat(db.countRelationships()).isEqualTo(1);
    assertThat(db.degree("p1")).isZero();
  }

  @Test
  void shouldStayWithinNeptunesRequestLimitsWhenBatchesAreLarge() {
    // given
    List<Node> nodes = people(1_500);
    List<Relationship> rels = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      rels.add(Relationship.of("r" + i, "KNOWS", "p" + i, "p" + ((i * 7) % 1_500), Map.of("w", i)));
    }

    // when
    WriteResult n = db.upsertNodes(nodes);
    WriteResult r = db.upsertRelationships(rels);

    // then
    assertThat(n.written()).isEqualTo(1_500);
    assertThat(r.written()).isEqualTo(1_500);
    NeptuneMetrics metrics = db.metrics();
    assertThat(metrics.maxStepsPerRequest()).isPositive().isLessThanOrEqualTo(1_500);
    assertThat(metrics.maxRecordsPerRequest()).isPositive().isLessThanOrEqualTo(200);
    assertThat(metrics.requests()).isGreaterThanOrEqualTo(1_500 * 3 / 200 + 1_500 * 2 / 200);
  }

  @Test
  void shouldRetryAndWriteEverythingWhenNeptuneReportsConflicts() {
    // given: the server answers the next three traversals with Neptune's ConcurrentModificationException
    server.failNextTraversals(3, EmbeddedGremlinServer.NEPTUNE_CONCURRENT_MODIFICATION_MESSAGE);

    // when
    WriteResult result = db.upsertNodes(people(50));

    // then
    assertThat(result.written()).isEqualTo(50);
    assertThat(stored().V().count().next()).isEqualTo(50L);
    assertThat(server.failuresInjected()).isEqualTo(3);
    assertThat(db.metrics().conflicts()).isEqualTo(3);
    assertThat(db.metrics().retries()).isEqualTo(3);
    assertThat(retried).hasSize(3).allSatisfy(e -> {
      assertThat(e.conflict()).isTrue();
      assertThat(e.database()).isEqualTo("neptune-under-test");
      assertThat(e.recordIds()).isNotEmpty();
    });
    assertThat(failed).isEmpty();
  }

  @Test
  void shouldThrowWithTheRecordIdsAndEarlierAttemptsWhenConflictsOutlastTheRetries() {
    // given
    server.failNextTraversals(100, EmbeddedGremlinServer.NEPTUNE_CONCURRENT_MODIFICATION_MESSAGE);
    try (NeptuneGraphDatabase impatient = NeptuneTesting.database(server).lanes(1).retryAttempts(3)
        .listener(recorder).build()) {

      // then
      assertThatThrownBy(() -> impatient.upsertNodes(people(5)))
          .isInstanceOf(TransientDatabaseException.class)
          .hasMessageContaining("ConcurrentModificationException")
          .satisfies(e -> {
            assertThat(((DatabaseException) e).recordIds()).containsExactlyInAnyOrder("p0", "p1", "p2", "p3", "p4");
            assertThat(e.getSuppressed()).hasSize(2);
          });
      assertThat(server.failuresInjected()).isEqualTo(3);
      assertThat(failed).singleElement().satisfies(e -> assertThat(e.retryable()).isTrue());
    }
  }

  @Test
  void shouldFailAtOnceWithTheRecordIdsWhenTheErrorIsPermanent() {
    // given
    server.failNextTraversals(1, "{\"code\":\"MalformedQueryException\",\"detailedMessage\":\"bad\"}");

    // then
    assertThatThrownBy(() -> db.upsertNode(Node.of("x", "Person", Map.of())))
        .isInstanceOf(DatabaseException.class)
        .isNotInstanceOf(Retryable.class)
        .satisfies(e -> assertThat(((DatabaseException) e).recordIds()).containsExactly("x"));
    assertThat(db.metrics().retries()).isZero();
    assertThat(db.metrics().failedRequests()).isEqualTo(1);
  }

  @Test
  void shouldWriteAgainWhenTheServerComesBackAfterAStop() {
    // given
    db.upsertNode(Node.of("before", "Person", Map.of()));
    server.stop();
    try (NeptuneGraphDatabase impatient = NeptuneTesting.database(server).retryAttempts(2).build()) {

      // then: while it is down, writes fail as unavailable (retryable)
      assertThatThrownBy(() -> impatient.upsertNode(Node.of("during", "Person", Map.of())))
          .isInstanceOf(DatabaseUnavailableException.class);

      // when
      server.restart();

      // then: the same adapter reconnects, and the data written before the stop is there
      Eventually.await("the adapter writes again", () -> {
        try {
          return db.upsertNode(Node.of("after", "Person", Map.of())).written() == 1;
        } catch (DatabaseException e) {
          return false;
        }
      });
      assertThat(db.getNode("before")).isPresent();
    }
  }
}
