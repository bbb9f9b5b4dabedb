package dev.graphshift.engram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import dev.graphshift.WriteResult;
import dev.graphshift.testing.engram.EngramStandIn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * How the adapter writes to the stand-in: the silent drops of Engram detected (near-duplicates in a
 * batch, the space capacity, verification of skips, replacements and evictions), the nodes Engram would
 * refuse, and what it cannot store at all.
 */
class EngramWritesIT extends AgainstStandIn {
  private final List<MemoryNotStoredEvent> notStored = new CopyOnWriteArrayList<>();
  private final List<NearDuplicateRejectedEvent> nearDuplicates = new CopyOnWriteArrayList<>();
  private final EngramListener recorder = new EngramListener() {
    @Override
    public void onMemoryNotStored(MemoryNotStoredEvent event) {
      notStored.add(event);
    }

    @Override
    public void onNearDuplicateRejected(NearDuplicateRejectedEvent event) {
      nearDuplicates.add(event);
    }
  };

  private EngramGraphDatabase.Builder adapter(EngramStandIn.Builder standIn) {
    engram = standIn.build().start();
    return EngramGraphDatabase.builder("engram-writes", engram.baseUri()).listener(recorder);
  }

  private static Node node(String id, float[] embedding, Object... keyValues) {
    Map<String, Object> properties = new java.util.HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.put((String) keyValues[i], keyValues[i + 1]);
    }
    properties.put("embedding", embedding);
    return new Node(id, Set.of("Doc"), properties);
  }

  private static Map<String, String> rules(WriteResult result) {
    Map<String, String> rules = new java.util.TreeMap<>();
    for (Rejected r : result.rejected()) {
      rules.put(r.recordId(), r.rule());
    }
    return rules;
  }

  @Test
  void shouldRejectTheLaterNodeWhenTwoEmbeddingsOfABatchAreNearDuplicates() {
    // given
    db = adapter(EngramStandIn.builder()).verification(Verification.full()).build();
    float[] v = HashEmbedder.vector(1);
    List<Node> batch = List.of(node("a", v, "t", "a"), node("b", HashEmbedder.vector(2), "t", "b"),
        node("a-again", HashEmbedder.near(v, 9), "t", "c"));

    // when
    WriteResult result = db.upsertNodes(batch);

    // then
    assertThat(result.written()).isEqualTo(2);
    assertThat(result.rejected()).singleElement().satisfies(r -> {
      assertThat(r.recordId()).isEqualTo("a-again");
      assertThat(r.rule()).isEqualTo(Rules.ENGRAM_NEAR_DUPLICATE);
      assertThat(r.message()).contains("node 'a'").contains("0.95");
    });
    assertThat(nearDuplicates).singleElement().satisfies(e -> {
      assertThat(e.duplicateOf()).isEqualTo("a");
      assertThat(e.similarity()).isGreaterThan(0.95);
    });
    assertThat(engram.stats().skipped()).isZero();
    assertThat(db.metrics().nearDuplicates()).isEqualTo(1);
    assertThat(db.getNode("a-again")).isEmpty();
  }

  @Test
  void shouldRejectWithNotStoredWhenEngramSilentlySkipsAWriteAndVerificationIsFull() {
    // given: a stored memory
    db = adapter(EngramStandIn.builder()).verification(Verification.full()).build();
    float[] v = HashEmbedder.vector(1);
    db.upsertNode(node("a", v, "version", 1L));

    // when: a new node close to it, and an update of it whose embedding barely moved
    WriteResult other = db.upsertNode(node("b", HashEmbedder.near(v, 2), "version", 1L));
    WriteResult update = db.upsertNode(node("a", HashEmbedder.near(v, 3), "version", 2L));

    // then: Engram answered 201 to both and kept neither
    assertThat(engram.stats().skipped()).isEqualTo(2);
    assertThat(other.written()).isZero();
    assertThat(other.rejected()).singleElement().satisfies(r -> {
      assertThat(r.rule()).isEqualTo(Rules.ENGRAM_NOT_STORED);
      assertThat(r.message()).contains("404");
    });
    assertThat(update.written()).isZero();
    assertThat(update.rejected()).singleElement().satisfies(r -> {
      assertThat(r.rule()).isEqualTo(Rules.ENGRAM_NOT_STORED);
      assertThat(r.message()).contains("different content").contains("no update semantics");
    });
    assertThat(notStored).extracting(MemoryNotStoredEvent::nodeId).containsExactly("b", "a");
    assertThat(db.metrics().notStored()).isEqualTo(2);
    assertThat(db.getNode("a")).map(n -> n.properties().get("version")).contains(1L);
  }

  @Test
  void shouldReportASkippedWriteAsWrittenWhenVerificationIsOff() {
    // given: what Engram does to a client that does not verify
    db = adapter(EngramStandIn.builder()).verification(Verification.none()).build();
    float[] v = HashEmbedder.vector(1);
    db.upsertNode(node("a", v));

    // when
    WriteResult result = db.upsertNode(node("b", HashEmbedder.near(v, 2)));

    // then
    assertThat(result.written()).isEqualTo(1);
    assertThat(db.getNode("b")).isEmpty();
    assertThat(engram.stats().skipped()).isEqualTo(1);
  }

  @Test
  void shouldRejectWithSpaceFullBeforeEngramWouldEvict() {
    // given
    db = adapter(EngramStandIn.builder().capacity(5)).spaceCapacity(5).verification(Verification.full()).build();
    List<Node> first = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      first.add(node("n" + i, HashEmbedder.vector(i + 1)));
    }
    db.upsertNodes(first);

    // when
    List<Node> second = new ArrayList<>();
    for (int i = 3; i < 7; i++) {
      second.add(node("n" + i, HashEmbedder.vector(i + 1)));
    }
    WriteResult result = db.upsertNodes(second);

    // then
    assertThat(result.written()).isEqualTo(2);
    assertThat(rules(result)).containsOnlyKeys("n5", "n6").containsValues(Rules.ENGRAM_SPACE_FULL);
    assertThat(result.rejected().get(0).message()).contains("'default'").contains("holds 3").contains("5");
    assertThat(engram.stats().evicted()).isZero();
    assertThat(db.countNodes()).isEqualTo(5);
    assertThat(db.metrics().spaceFull()).isEqualTo(2);
  }

  @Test
  void shouldCatchEvictionsWithVerificationWhenTheAdapterDoesNotKnowTheCapacity() {
    // given: a server with a smaller cap than the adapter assumes
    db = adapter(EngramStandIn.builder().capacity(3)).verification(Verification.full()).build();
    List<Node> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(node("n" + i, HashEmbedder.vector(i + 1)));
    }

    // when
    WriteResult result = db.upsertNodes(batch);

    // then: two were evicted by later writes, and the result says so
    assertThat(engram.stats().evicted()).isEqualTo(2);
    assertThat(result.written()).isEqualTo(3);
    assertThat(result.rejected()).hasSize(2).allSatisfy(r -> assertThat(r.rule()).isEqualTo(Rules.ENGRAM_NOT_STORED));
    assertThat(result.total()).isEqualTo(5);
  }

  @Test
  void shouldRejectNodesEngramWouldRefuseWithoutSendingThem() {
    // given
    db = adapter(EngramStandIn.builder()).build();
    float[] constant = new float[768];
    Arrays.fill(constant, 0.5f);
    List<Node> batch = List.of(
        Node.of("no-embedding", "Doc", Map.of("t", "x")),
        node("short", new float[767]),
        node("default-like", constant),
        Node.of("list", "Doc", Map.of("embedding", List.of(1.0, 2.0))),
        node("huge", HashEmbedder.vector(1), "text", "x".repeat(100_001)),
        node("fine", HashEmbedder.vector(2), "text", "é".repeat(40_000)));

    // when
    WriteResult result = db.upsertNodes(batch);

    // then
    assertThat(result.written()).isEqualTo(1);
    assertThat(rules(result)).containsEntry("no-embedding", Rules.ENGRAM_EMBEDDING)
        .containsEntry("short", Rules.ENGRAM_EMBEDDING)
        .containsEntry("default-like", Rules.ENGRAM_EMBEDDING)
        .containsEntry("list", Rules.ENGRAM_EMBEDDING)
        .containsEntry("huge", Rules.ENGRAM_CONTENT_TOO_LARGE);
    assertThat(result.rejected()).filteredOn(r -> r.recordId().equals("default-like")).singleElement()
        .satisfies(r -> assertThat(r.message()).contains("[0.5]*768"));
    assertThat(result.rejected()).filteredOn(r -> r.recordId().equals("huge")).singleElement()
        .satisfies(r -> assertThat(r.message()).contains("100000"));
    assertThat(engram.stats().remembers()).isEqualTo(1);
  }

  @Test
  void shouldRejectWithEmbeddingFailedWhenTheEmbedderFails() {
    // given
    db = adapter(EngramStandIn.builder()).embedder(texts -> {
      throw new IllegalStateException("model offline");
    }).build();

    // when
    WriteResult result = db.upsertNodes(List.of(Node.of("a", "Doc", Map.of()), node("b", HashEmbedder.vector(1))));

    // then: the node with its own embedding is written
    assertThat(result.written()).isEqualTo(1);
    assertThat(result.rejected()).singleElement().satisfies(r -> {
      assertThat(r.rule()).isEqualTo(Rules.EMBEDDING_FAILED);
      assertThat(r.message()).contains("model offline");
    });
    assertThat(db.metrics().embedderFailures()).isEqualTo(1);
  }

  @Test
  void shouldRejectEmbedderVectorsEngramWouldRefuse() {
    // given
    db = adapter(EngramStandIn.builder()).embedder(texts -> texts.stream().map(t -> new float[3]).toList()).build();

    // when
    WriteResult result = db.upsertNode(Node.of("a", "Doc", Map.of()));

    // then
    assertThat(result.rejected()).singleElement().satisfies(r -> {
      assertThat(r.rule()).isEqualTo(Rules.ENGRAM_EMBEDDING);
      assertThat(r.message()).contains("embedder").contains("3 dimensions");
    });
  }

  @Test
  void shouldRejectEveryRelationshipAndDeleteNamingTheMissingEngramApi() {
    // given
    db = adapter(EngramStandIn.builder()).build();
    db.upsertNodes(List.of(node("a", HashEmbedder.vector(1)), node("b", HashEmbedder.vector(2))));

    // when
    WriteResult rels = db.upsertRelationships(List.of(Relationship.of("r1", "KNOWS", "a", "b", Map.of()),
        Relationship.of("r2", "KNOWS", "b", "a", Map.of())));
    WriteResult nodeDeletes = db.deleteNodes(List.of("a"));
    WriteResult relDeletes = db.deleteRelationships(List.of("r1"));

    // then
    assertThat(rels.rejected()).hasSize(2).allSatisfy(r -> {
      assertThat(r.rule()).isEqualTo(Rules.UNSUPPORTED_CAPABILITY);
      assertThat(r.message()).contains("no edge or association endpoint").contains("Associate");
    });
    assertThat(nodeDeletes.rejected()).singleElement().satisfies(r ->
        assertThat(r.message()).contains("DELETE /api/v1/memories/{id} is a no-op").contains("Forget"));
    assertThat(relDeletes.rejected()).singleElement().satisfies(r -> assertThat(r.rule()).isEqualTo(Rules.UNSUPPORTED_CAPABILITY));
    assertThat(db.getNode("a")).isPresent();
    assertThat(db.capabilities().missing())
        .contains("relationships", "nodeDeletes", "relationshipDeletes", "conditionalWrites", "transactions", "schema")
        .doesNotContain("nativeVectors");
    assertThat(db.metrics().rejected()).isEqualTo(4);
  }

  @Test
  void shouldCountAListenerFailureAndCarryOnWhenAListenerThrows() {
    // given
    engram = EngramStandIn.builder().build().start();
    db = EngramGraphDatabase.builder("engram-writes", engram.baseUri()).listener(new EngramListener() {
      @Override
      public void onNearDuplicateRejected(NearDuplicateRejectedEvent event) {
        throw new IllegalStateException("listener bug");
      }
    }).build();
    float[] v = HashEmbedder.vector(1);

    // when
    WriteResult result = db.upsertNodes(List.of(node("a", v), node("b", v)));

    // then
    assertThat(result.written()).isEqualTo(1);
    assertThat(result.rejected()).extracting(Rejected::rule).containsExactly(Rules.ENGRAM_NEAR_DUPLICATE);
    assertThat(db.metrics().listenerFailures()).isEqualTo(1);
  }

  @Test
  void shouldNeverHaveMoreRequestsInFlightThanTheWindow() {
    // given
    engram = EngramStandIn.builder().threads(16).build().start();
    engram.latency(java.time.Duration.ofMillis(10));
    db = EngramGraphDatabase.builder("engram-writes", engram.baseUri()).inFlight(3).verification(Verification.none())
        .build();
    List<Node> batch = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      batch.add(node("n" + i, HashEmbedder.vector(i + 1)));
    }

    // when
    WriteResult result = db.upsertNodes(batch);

    // then
    assertThat(result.written()).isEqualTo(40);
    assertThat(engram.stats().maxConcurrentRequests()).isBetween(1, 3);
  }

  @Test
  void shouldSendRawContentVerbatimWhenTheNodeIsOnlyText() {
    // given
    db = adapter(EngramStandIn.builder()).verification(Verification.full()).build();
    Node note = new Node("note-1", Set.of(), Map.of("content", "Ada met Babbage in 1833",
        "embedding", HashEmbedder.vector(1)));

    // when
    db.upsertNode(note);

    // then: Engram's text search sees the plain text; reads give the node back without its embedding
    assertThat(db.getNode("note-1")).contains(new Node("note-1", Set.of(), Map.of("content", "Ada met Babbage in 1833")));
    assertThat(db.sampleNodes(10, 1)).extracting(Node::id).containsExactly("note-1");
  }
}
