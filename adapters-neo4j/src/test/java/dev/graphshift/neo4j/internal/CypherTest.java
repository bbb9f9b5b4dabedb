package dev.graphshift.neo4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
