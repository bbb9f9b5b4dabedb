package dev.graphshift.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.Node;
import dev.graphshift.Relationship;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The YAML examples of {@code docs/mapping.md} parse, and the ready-made ones equal the Java mappings. */
class SchemaMappingDocsTest {

  /** The fenced YAML block after {@code <!-- mapping: id -->} in docs/mapping.md. */
  static String example(String id) throws IOException {
    Path docs = Path.of("..", "docs", "mapping.md");
    String text = Files.readString(docs);
    String marker = "<!-- mapping: " + id + " -->";
    int at = text.indexOf(marker);
    assertThat(at).as("marker %s in %s", marker, docs.toAbsolutePath()).isNotNegative();
    int start = text.indexOf("```yaml\n", at) + "```yaml\n".length();
    int end = text.indexOf("```", start);
    return text.substring(start, end);
  }

  @Test
  void shouldDocumentTheEngramMappingExactly() throws IOException {
    // expect
    assertThat(SchemaMapping.fromYaml(example("neo4j-to-engram"))).isEqualTo(SchemaMapping.neo4jToEngram());
  }

  @Test
  void shouldDocumentTheNeptuneMappingExactly() throws IOException {
    // expect
    assertThat(SchemaMapping.fromYaml(example("neo4j-to-neptune"))).isEqualTo(SchemaMapping.neo4jToNeptune());
  }

  @Test
  void shouldMapAsTheCustomExampleSays() throws IOException {
    // given
    SchemaMapper mapper = SchemaMapper.builder(SchemaMapping.fromYaml(example("example")))
        .embedder(HashingEmbedder.ofDefaults()).build();

    // when
    Node person = mapper.mapNodes(List.of(Node.of("p1", "Person", Map.of("name", "Ada", "password", "x",
        "age", "36", "internal_notes", "n", "created_at", "2024-01-02T03:04:05Z", "vector", new float[768]))))
        .accepted().get(0);
    Node book = mapper.mapNodes(List.of(Node.of("b1", "Book", Map.of("title", "Dune", "isbn", 9780441013593L,
        "pages", 412L, "publisher", "Chilton")))).accepted().get(0);
    Relationship read = mapper.mapRelationships(List.of(Relationship.of("r1", "READ", "p1", "b1",
        Map.of("duration", 150L, "etl_batch", 7L)))).accepted().get(0);

    // then
    java.time.OffsetDateTime created = java.time.OffsetDateTime.parse("2024-01-02T03:04:05Z");
    assertThat(person).isEqualTo(new Node("p1", Set.of("people"), Map.of("full_name", "Ada", "age", 36L,
        "created_at", created, "last_accessed", created, "strength", 1.0, "embedding", new float[768])));
    assertThat(book.labels()).containsExactly("books");
    assertThat(book.properties()).containsOnlyKeys("name", "isbn", "pages", "kind", "strength", "embedding");
    assertThat(book.properties().get("isbn")).isEqualTo("9780441013593");
    assertThat(read).isEqualTo(Relationship.of("r1", "HAS_READ", "p1", "b1", Map.of("duration", 150.0, "weight", 0.5)));
  }
}
