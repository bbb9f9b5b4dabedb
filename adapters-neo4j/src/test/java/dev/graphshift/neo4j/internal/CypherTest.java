package dev.graphshift.neo4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.migration.SchemaElement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CypherTest {

  private final Cypher keyed = new Cypher(Optional.of("id"), Optional.of("Entity"), Optional.of("id"));
  private final Cypher elementIds = new Cypher(Optional.empty(), Optional.empty(), Optional.empty());

  @Test
  void shouldWrapNamesInBackticksAndDoubleTheBackticksInside() {
    assertThat(Cypher.escape("Person")).isEqualTo("`Person`");
    assertThat(Cypher.escape("`) MATCH (m) DETACH DELETE m //")).isEqualTo("```) MATCH (m) DETACH DELETE m //`");
    assertThat(Cypher.escape("a``b")).isEqualTo("`a````b`");
  }

  @Test
  void shouldEscapeLabelsAndTypesWrittenIntoStatements() {
    assertThat(keyed.countNodes(Optional.of("Per`son"))).isEqualTo("MATCH (n:`Per``son`) RETURN count(n) AS count");
    assertThat(keyed.upsertRelationships("KNO`WS")).contains("[r:`KNO``WS` {`id`: row.id}]");
    assertThat(keyed.relationshipsByIds(List.of("A`", "B"))).contains("[r:`A```]").contains("[r:`B`]");
  }

  @Test
  void shouldLookUpNodesThroughTheKeyLabelWhenOneIsSet() {
    assertThat(keyed.nodesByIds()).startsWith("MATCH (n:`Entity`) WHERE n.`id` IN $ids");
    assertThat(keyed.upsertNodes()).startsWith("UNWIND $rows AS row MERGE (n:`Entity` {`id`: row.id})")
        .contains("REMOVE n:$(stale) SET n:$(row.labels)").contains("l <> $keyLabel");
    assertThat(keyed.keyConstraint())
        .isEqualTo("CREATE CONSTRAINT IF NOT EXISTS FOR (n:`Entity`) REQUIRE n.`id` IS UNIQUE");
  }

  @Test
  void shouldSeekByElementIdWhenTheIdentityIsTheElementId() {
    assertThat(elementIds.nodesByIds()).startsWith("MATCH (n) WHERE elementId(n) IN $ids");
    assertThat(elementIds.relationshipsByIds(List.of("T"))).contains("WHERE elementId(r) IN $ids")
        .contains("elementId(a) AS start");
  }

  @Test
  void shouldSeekAnIdWindowWithoutSkipOrOffsetWhenScanning() {
    String scan = keyed.scanNodes(Optional.of("Doc"));
    assertThat(scan).contains("WHERE id(n) IN range($from, $to)").contains("LIMIT $limit")
        .doesNotContainIgnoringCase("SKIP").doesNotContainIgnoringCase("OFFSET");
    assertThat(keyed.scanRelationships(Optional.empty())).contains("WHERE id(r) IN range($from, $to)");
  }

  @Test
  void shouldNameSchemaElementsAfterTheirMigrationAndEscapeEveryName() {
    assertThat(Cypher.createSchemaElement(SchemaElement.uniqueNode("Per`son", "e`mail")))
        .isEqualTo("CREATE CONSTRAINT `unique:node:Per``son(e``mail)` IF NOT EXISTS FOR (n:`Per``son`) "
            + "REQUIRE (n.`e``mail`) IS UNIQUE");
    assertThat(Cypher.createSchemaElement(SchemaElement.relationshipIndex("KNOWS", "since", "weight")))
        .isEqualTo("CREATE INDEX `index:relationship:KNOWS(since,weight)` IF NOT EXISTS FOR ()-[r:`KNOWS`]-() "
            + "ON (r.`since`, r.`weight`)");
    SchemaElement vector = new SchemaElement(SchemaElement.Kind.VECTOR_INDEX, SchemaElement.Entity.NODE, "Doc",
        List.of("embedding"), Map.of("vector.dimensions", 768L));
    assertThat(Cypher.createSchemaElement(vector)).startsWith("CREATE VECTOR INDEX `vector-index:node:Doc(embedding)`")
        .endsWith("ON (n.`embedding`) OPTIONS {indexConfig: $indexConfig}");
  }

  @Test
  void shouldLeaveTheBookkeepingNodesOutOfUnfilteredScansCountsAndLookupsWithoutAKeyLabel() {
    Cypher noKeyLabel = new Cypher(Optional.of("id"), Optional.empty(), Optional.of("id"));
    String hidden = "NOT n:`__GraphShiftMigration` AND NOT n:`__GraphShiftMigrationLock`";
    assertThat(keyed.scanNodes(Optional.empty())).contains(hidden);
    assertThat(keyed.scanNodes(Optional.of("Doc"))).doesNotContain("__GraphShift");
    assertThat(keyed.nodesByInternalIds()).contains(hidden);
    assertThat(keyed.countNodes(Optional.empty())).contains("MATCH (n:`__GraphShiftMigration`) RETURN -count(n) AS c")
        .endsWith("RETURN sum(c) AS count");
    assertThat(keyed.nodesByIds()).doesNotContain("__GraphShift");
    assertThat(noKeyLabel.nodesByIds()).contains(hidden);
    assertThat(elementIds.nodesByIds()).contains(hidden);
  }
}
