package dev.graphshift.neo4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.internal.InternalNode;
import org.neo4j.driver.internal.InternalRelationship;

/**
 * The converter on driver values built in memory (no server): labels, lists and vectors, including the
 * native VECTOR values of Neo4j 2025.10+ that the embedded Neo4j 5 cannot produce.
 */
class Neo4jRecordsTest {

  private final Neo4jRecords records = Neo4jRecords.builder().keyLabel("Entity").build();

  private static org.neo4j.driver.types.Node driverNode(List<String> labels, Map<String, Value> properties) {
    return new InternalNode(1, "4:test:1", labels, properties);
  }

  private Node read(List<String> labels, Map<String, Value> properties) {
    return records.node(driverNode(labels, properties)).record().orElseThrow();
  }

  @Test
  void shouldHideTheKeyLabelAndKeepEveryOtherLabelOnceWhenReadingANode() {
    assertThat(read(List.of("Entity"), Map.of("id", Values.value("a"))).labels()).isEmpty();
    assertThat(read(List.of("Person", "Entity"), Map.of("id", Values.value("a"))).labels()).containsExactly("Person");
    assertThat(read(List.of("A", "B", "Entity", "C", "B"), Map.of("id", Values.value("a"))).labels())
        .containsExactlyInAnyOrder("A", "B", "C");
  }

  @Test
  void shouldReadListsOfEverySizeIntoImmutableListsWhenReadingProperties() {
    // when
    Node node = read(List.of("Entity"), Map.of("id", Values.value("a"), "one", Values.value(List.of("x")),
        "two", Values.value(List.of(1L, 2L)), "three", Values.value(List.of(true, false, true)),
        "none", Values.value(List.of())));

    // then
    assertThat(node.properties()).containsEntry("one", List.of("x")).containsEntry("two", List.of(1L, 2L))
        .containsEntry("three", List.of(true, false, true)).containsEntry("none", List.of());
    assertThat(node.properties().get("two").getClass()).isEqualTo(List.of(1L, 2L).getClass());
    assertThat(node.properties().get("three").getClass()).isEqualTo(List.of(1, 2, 3).getClass());
  }

  @Test
  void shouldReadAListOfFloatsUnderAVectorPropertyAsFloatsUnlessAnElementNeedsADouble() {
    // given: exact 32-bit floats, and a list whose third element is not one
    Value exact = Values.value(List.of(0.5, -1.25, 3.0));
    Value wide = Values.value(List.of(0.5, -1.25, 0.1, 2.0));

    // when
    Object floats = read(List.of(), Map.of("id", Values.value("a"), "embedding", exact)).properties().get("embedding");
    Object doubles = read(List.of(), Map.of("id", Values.value("a"), "embedding", wide)).properties().get("embedding");
    Object plain = read(List.of(), Map.of("id", Values.value("a"), "scores", exact)).properties().get("scores");

    // then
    assertThat(floats).isEqualTo(new float[] {0.5f, -1.25f, 3.0f});
    assertThat(doubles).isEqualTo(new double[] {0.5, -1.25, 0.1, 2.0});
    assertThat(plain).isEqualTo(List.of(0.5, -1.25, 3.0));
  }

  @Test
  void shouldReadNativeFloatVectorsAsArraysAndRejectIntegerVectors() {
    // when
    Node vectors = read(List.of(), Map.of("id", Values.value("a"),
        "f32", Values.vector(new float[] {1.5f, 2.5f}), "f64", Values.vector(new double[] {0.1, 0.2})));
    Neo4jRecords.Read<Node> ints = records.node(driverNode(List.of(), Map.of("id", Values.value("b"),
        "i8", Values.vector(new byte[] {1, 2}))));

    // then
    assertThat(vectors.properties().get("f32")).isEqualTo(new float[] {1.5f, 2.5f});
    assertThat(vectors.properties().get("f64")).isEqualTo(new double[] {0.1, 0.2});
    assertThat(ints.rejected()).hasValueSatisfying(r -> {
      assertThat(r.rule()).isEqualTo(Rules.VALUE_KIND);
      assertThat(r.message()).contains("property 'i8'").contains("VECTOR of byte");
    });
  }

  @Test
  void shouldReadARelationshipWithItsEndpointIdsAndPresizedProperties() {
    // given
    org.neo4j.driver.types.Relationship rel = new InternalRelationship(7, "5:test:7", 1, "4:test:1", 2, "4:test:2",
        "KNOWS", Map.of("id", Values.value("k1"), "since", Values.value(1999)));

    // when
    Relationship read = records.relationship(rel, Values.value("a"), Values.value(42L)).record().orElseThrow();

    // then
    assertThat(read).isEqualTo(Relationship.of("k1", "KNOWS", "a", "42", Map.of("since", 1999L)));
  }
}
