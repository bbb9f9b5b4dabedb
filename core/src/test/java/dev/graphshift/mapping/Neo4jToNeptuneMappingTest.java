package dev.graphshift.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.Checked;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ready-made Neo4j to Neptune mapping keeps structure, and its variants drop or reject value kinds. */
class Neo4jToNeptuneMappingTest {
  private final Node node = new Node("4:x:1", Set.of("Person", "Author"), Map.of("name", "Ada",
      "tags", List.of("a", "b"), "born", LocalDate.of(1815, 12, 10), "embedding", new float[] {0.1f, 0.2f}));
  private final Relationship rel = Relationship.of("5:x:9", "WROTE", "4:x:1", "4:x:2", Map.of("year", 1843L));

  @Test
  void shouldReturnEveryRecordUnchangedAndAsTheSameInstance() {
    // given
    SchemaMapper mapper = SchemaMapper.builder(SchemaMapping.neo4jToNeptune()).build();

    // when
    Checked<Node> nodes = mapper.mapNodes(List.of(node));
    Checked<Relationship> rels = mapper.mapRelationships(List.of(rel));

    // then
    assertThat(nodes.accepted().get(0)).isSameAs(node);
    assertThat(rels.accepted().get(0)).isSameAs(rel);
    assertThat(mapper.label("Person")).contains("Person");
    assertThat(mapper.relationshipType("WROTE")).contains("WROTE");
  }

  @Test
  void shouldDropVectorsInAVariantThatMigratesWithoutEmbeddings() {
    // given
    SchemaMapper mapper = SchemaMapper.builder(SchemaMapping.neo4jToNeptune().toBuilder()
        .values(new ValuePolicies(ValuePolicy.DROP, ValuePolicy.KEEP, ValuePolicy.KEEP)).build()).build();

    // when
    Node mapped = mapper.mapNodes(List.of(node)).accepted().get(0);

    // then
    assertThat(mapped.properties()).containsOnlyKeys("name", "tags", "born");
    assertThat(mapped.labels()).isEqualTo(node.labels());
  }

  @Test
  void shouldRejectListsInAVariantThatForbidsThem() {
    // given
    SchemaMapper mapper = SchemaMapper.builder(SchemaMapping.neo4jToNeptune().toBuilder()
        .values(new ValuePolicies(ValuePolicy.KEEP, ValuePolicy.REJECT, ValuePolicy.KEEP)).build()).build();

    // when
    Checked<Node> out = mapper.mapNodes(List.of(node, Node.of("2", "Person", Map.of("name", "Bob"))));

    // then
    assertThat(out.accepted()).extracting(Node::id).containsExactly("2");
    assertThat(out.rejected().get(0).rule()).isEqualTo(Rules.VALUE_FORBIDDEN);
    assertThat(out.rejected().get(0).message()).isEqualTo("labels [Author, Person]: property 'tags' (list [a, b]) "
        + "is of a kind the mapping 'neo4j-to-neptune' rejects (values.lists: reject)");
  }
}
