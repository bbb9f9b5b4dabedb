package dev.graphshift.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaElementTest {

  private final SchemaElement vector = new SchemaElement(SchemaElement.Kind.VECTOR_INDEX, SchemaElement.Entity.NODE,
      "Document", List.of("embedding"), Map.of("vector.similarity_function", "COSINE", "vector.dimensions", 768L));

  @Test
  void shouldNameEachKindOfIndexApartWhenRecordingMigrations() {
    assertThat(SchemaElement.uniqueNode("Person", "id").migrationName()).isEqualTo("unique:node:Person(id)");
    assertThat(SchemaElement.relationshipIndex("KNOWS", "since").migrationName())
        .isEqualTo("index:relationship:KNOWS(since)");
    assertThat(new SchemaElement(SchemaElement.Kind.TEXT_INDEX, SchemaElement.Entity.NODE, "Person", List.of("bio"))
        .migrationName()).isEqualTo("text-index:node:Person(bio)");
    assertThat(vector.migrationName()).isEqualTo("vector-index:node:Document(embedding)");
  }

  @Test
  void shouldKeepTheOptionsInKeyOrderWhenRenamedAndDescribed() {
    // when
    SchemaElement renamed = vector.on("Doc", List.of("vec"));

    // then
    assertThat(renamed.options()).isEqualTo(vector.options());
    assertThat(renamed.kind()).isEqualTo(SchemaElement.Kind.VECTOR_INDEX);
    assertThat(renamed.describe())
        .isEqualTo("vector index on (:Doc {vec}) with {vector.dimensions=768, vector.similarity_function=COSINE}");
    assertThat(renamed.withOptions(Map.of()).options()).isEmpty();
    assertThat(SchemaElement.uniqueNode("Person", "id").describe()).isEqualTo("uniqueness constraint on (:Person {id})");
    assertThatThrownBy(() -> vector.options().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldTellElementsApartByTheirOptions() {
    assertThat(vector).isNotEqualTo(vector.withOptions(Map.of("vector.dimensions", 4L)));
    assertThat(vector).isEqualTo(vector.withOptions(Map.of("vector.dimensions", 768L,
        "vector.similarity_function", "COSINE")));
  }
}
