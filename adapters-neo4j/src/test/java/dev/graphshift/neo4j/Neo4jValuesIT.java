package dev.graphshift.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.DatabaseException;
import dev.graphshift.Node;
import dev.graphshift.Rules;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value rules of {@link Neo4jValues}, end to end. */
class Neo4jValuesIT extends Neo4jTestSupport {

  @Test
  void shouldReadVectorsBackExactlyWhenWrittenUnderAVectorProperty() {
    try (Neo4jGraphDatabase db = adapter().vectorProperties(java.util.Set.of("embedding", "wide")).build()) {
      // given
      float[] embedding = {0.1f, -2.5f, 3.0e-5f, Float.MIN_VALUE};
      double[] wide = {0.1, 1.0 / 3};

      // when
      db.upsertNode(Node.of("v", "Doc", Map.of("embedding", embedding, "wide", wide, "other", new float[] {0.5f})));

      // then
      Node read = db.getNode("v").orElseThrow();
      assertThat(read.properties().get("embedding")).isEqualTo(embedding);
      assertThat(read.properties().get("wide")).isEqualTo(wide);
      assertThat(read.properties().get("other")).isEqualTo(List.of(0.5));
    }
  }

  @Test
  void shouldReadVectorsStoredByNeo4jsVectorProcedureAsFloatArrays() {
    // given
    cypher("CREATE (n:Entity:Doc {id: 'd'}) WITH n CALL db.create.setNodeVectorProperty(n, 'embedding', $v)",
        Map.of("v", List.of(0.1, 0.2, 0.3)));
    try (Neo4jGraphDatabase db = adapter().build()) {
      // then
      assertThat(db.getNode("d").orElseThrow().properties().get("embedding")).isEqualTo(new float[] {0.1f, 0.2f, 0.3f});
    }
  }

  @Test
  void shouldReadDurationsAndPointsByTheDocumentedRule() {
    // given
    cypher("CREATE (:Entity:Place {id: 'p', stay: duration('P1Y2M3DT4H5M6.007S'), "
        + "at: point({longitude: 13.4, latitude: 52.5}), box: point({x: 1.0, y: 2.0, z: 3.0}), "
        + "when: datetime('2024-02-29T13:45:07[Europe/Berlin]')})");
    try (Neo4jGraphDatabase db = adapter().build()) {
      // when
      Map<String, Object> props = db.getNode("p").orElseThrow().properties();

      // then
      assertThat(props).containsEntry("stay", "P14M3DT14706.007000000S")
          .containsEntry("at", "SRID=4326;POINT(13.4 52.5)")
          .containsEntry("box", "SRID=9157;POINT Z(1.0 2.0 3.0)")
          .containsEntry("when", ZonedDateTime.of(2024, 2, 29, 13, 45, 7, 0, ZoneId.of("Europe/Berlin")));
      assertThat(cypher("RETURN duration($s) = duration('P1Y2M3DT4H5M6.007S') AS same", Map.of("s", props.get("stay")))
          .get(0).get("same").asBoolean()).isTrue();
    }
  }

  @Test
  void shouldRejectANodeWithABytePropertyWhenScanningAndFailClearlyWhenGettingIt() {
    // given
    cypher("CREATE (:Entity:Blob {id: 'b', data: $bytes}), (:Entity:Blob {id: 'fine'})", Map.of("bytes", new byte[] {1, 2}));
    try (Neo4jGraphDatabase db = adapter().build()) {
      // when
      List<ScanPage<Node>> pages = pages(db::scanNodes, ScanRequest.all(10));

      // then
      assertThat(items(pages)).extracting(Node::id).containsExactly("fine");
      assertThat(rejected(pages)).singleElement().satisfies(r -> {
        assertThat(r.recordId()).isEqualTo("b");
        assertThat(r.rule()).isEqualTo(Rules.VALUE_KIND);
        assertThat(r.message()).contains("data").contains("BYTES");
      });
      assertThatThrownBy(() -> db.getNode("b")).isInstanceOf(DatabaseException.class)
          .hasMessageContaining("node 'b'").hasMessageContaining(Rules.VALUE_KIND);
    }
  }
}
