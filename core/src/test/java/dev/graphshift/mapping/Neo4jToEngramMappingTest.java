package dev.graphshift.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.Checked;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ready-made Neo4j to Engram mapping reproduces the rules users describe, exactly. */
class Neo4jToEngramMappingTest {
  private final HashingEmbedder embedder = HashingEmbedder.ofDefaults();
  private final SchemaMapper mapper = SchemaMapper.builder(SchemaMapping.neo4jToEngram()).embedder(embedder).build();
  private final OffsetDateTime created = OffsetDateTime.of(2024, 3, 1, 9, 30, 0, 0, ZoneOffset.UTC);

  private static float[] vector(float seed) {
    float[] v = new float[768];
    Arrays.fill(v, seed);
    v[0] = 1;
    return v;
  }

  @Test
  void shouldTurnANodeWithAnEmbeddingIntoAMemory() {
    // given
    float[] embedding = vector(0.01f);
    Node source = new Node("4:abc:42", Set.of("Person"), Map.of("name", "Ada", "born", 1815L,
        "created_at", created, "embedding", embedding));

    // when
    Node memory = mapper.mapNodes(List.of(source)).accepted().get(0);

    // then: id kept, labels kept, content kept, embedding copied, strength 1.0, last_accessed = created_at
    assertThat(memory).isEqualTo(new Node("4:abc:42", Set.of("Person"), Map.of("name", "Ada", "born", 1815L,
        "created_at", created, "embedding", embedding, "strength", 1.0, "last_accessed", created)));
    assertThat(memory.properties().get(EngramModel.EMBEDDING)).isSameAs(embedding);
  }

  @Test
  void shouldGenerateTheEmbeddingOfANodeWithoutOneFromItsContent() {
    // given
    Node source = Node.of("n1", "Note", Map.of("text", "buy milk", "created_at", created));

    // when
    Node memory = mapper.mapNodes(List.of(source)).accepted().get(0);

    // then: the generated vector is the embedder's vector for the memory's content without the embedding
    Map<String, Object> withoutEmbedding = new HashMap<>(memory.properties());
    withoutEmbedding.remove(EngramModel.EMBEDDING);
    String content = EngramModel.content(memory.withProperties(withoutEmbedding));
    assertThat(content).isEqualTo("{\"labels\":[\"Note\"],\"properties\":{\"created_at\":\"2024-03-01T09:30Z\","
        + "\"last_accessed\":\"2024-03-01T09:30Z\",\"strength\":1.0,\"text\":\"buy milk\"}}");
    assertThat((float[]) memory.properties().get(EngramModel.EMBEDDING)).containsExactly(embedder.embed(content));
    assertThat(memory.properties()).containsEntry("strength", 1.0).containsEntry("last_accessed", created)
        .containsEntry("text", "buy milk");
    assertThat(mapper.metrics().embeddingsGenerated()).isEqualTo(1);
  }

  @Test
  void shouldEmbedTheContentPropertyWhenTheNodeHasOne() {
    // given
    Node source = Node.of("n1", "Note", Map.of("content", "the text itself", "topic", "x"));

    // when
    Node memory = mapper.mapNodes(List.of(source)).accepted().get(0);

    // then
    assertThat((float[]) memory.properties().get(EngramModel.EMBEDDING)).containsExactly(embedder.embed("the text itself"));
  }

  @Test
  void shouldLeaveLastAccessedAbsentWhenThereIsNoCreatedAt() {
    // when
    Node memory = mapper.mapNodes(List.of(Node.of("n", "Note", Map.of("embedding", vector(0.2f)))))
        .accepted().get(0);

    // then
    assertThat(memory.properties()).containsOnlyKeys("embedding", "strength");
  }

  @Test
  void shouldRejectEmbeddingsThatEngramWouldRefuse() {
    // when
    Checked<Node> out = mapper.mapNodes(List.of(
        Node.of("short", "Doc", Map.of("embedding", new float[384])),
        Node.of("nan", "Doc", Map.of("embedding", withNaN())),
        Node.of("ok", "Doc", Map.of("embedding", vector(0.3f)))));

    // then
    assertThat(out.accepted()).extracting(Node::id).containsExactly("ok");
    assertThat(out.rejected()).extracting(Rejected::rule)
        .containsExactly(Rules.EMBEDDING_DIMENSION, Rules.VALUE_NOT_FINITE);
    assertThat(out.rejected().get(0).message()).isEqualTo("label 'Doc': property 'embedding' has 384 dimensions, expected 768");
  }

  private static float[] withNaN() {
    float[] v = vector(0.1f);
    v[767] = Float.NaN;
    return v;
  }

  @Test
  void shouldWeighRelationshipsByTheRuleOfTheirType() {
    // given
    List<Relationship> rels = List.of(
        Relationship.of("r1", "READ", "u", "d", Map.of("duration", 150L)),
        Relationship.of("r2", "READ", "u", "d", Map.of("duration", 300L)),
        Relationship.of("r3", "READ", "u", "d", Map.of("duration", 900.0)),
        Relationship.of("r4", "READ", "u", "d", Map.of("duration", 0L)),
        Relationship.of("r5", "SIMILAR_TO", "d", "e", Map.of("similarity", 0.87)),
        Relationship.of("r6", "SIMILAR_TO", "d", "e", Map.of("similarity", 1L)),
        Relationship.of("r7", "KNOWS", "u", "v", Map.of()),
        Relationship.of("r8", "AUTHORED", "u", "d", Map.of("role", "editor")));

    // when
    Checked<Relationship> out = mapper.mapRelationships(rels);

    // then: READ -> min(duration / 300, 1); SIMILAR_TO -> similarity; any other type -> 0.5
    assertThat(out.rejected()).isEmpty();
    assertThat(out.accepted()).extracting(r -> r.properties().get(EngramModel.WEIGHT))
        .containsExactly(0.5, 1.0, 1.0, 0.0, 0.87, 1.0, 0.5, 0.5);
    assertThat(out.accepted().get(0)).isEqualTo(Relationship.of("r1", "READ", "u", "d",
        Map.of("duration", 150L, "weight", 0.5)));
    assertThat(out.accepted().get(7).properties()).isEqualTo(Map.of("role", "editor", "weight", 0.5));
  }

  @Test
  void shouldRejectReadAndSimilarityRelationshipsWithoutTheirNumber() {
    // when
    Checked<Relationship> out = mapper.mapRelationships(List.of(
        Relationship.of("r1", "READ", "u", "d", Map.of()),
        Relationship.of("r2", "SIMILAR_TO", "d", "e", Map.of("similarity", "high"))));

    // then
    assertThat(out.rejected()).extracting(Rejected::rule).containsExactly(Rules.REQUIRED_PROPERTY, Rules.CONVERSION);
  }

  @Test
  void shouldGiveDistinctMemoriesDistinctEmbeddings() {
    // given
    List<Node> notes = java.util.stream.IntStream.range(0, 200)
        .mapToObj(i -> Node.of("n" + i, "Note", Map.of("text", "note " + (i % 100), "created_at", created)))
        .toList();

    // when
    List<Node> memories = mapper.mapNodes(notes).accepted();

    // then: nodes with the same content but distinct ids differ in content only by what they hold, so the
    // content must carry enough to tell memories apart; here 100 distinct texts give 100 distinct vectors
    assertThat(memories.stream().map(m -> Arrays.toString((float[]) m.properties().get("embedding"))).distinct())
        .hasSize(100);
  }
}
