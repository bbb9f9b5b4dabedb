package dev.graphshift.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.backfill.Graphs;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.validation.Check;
import dev.graphshift.validation.CheckResult;
import dev.graphshift.validation.Difference;
import dev.graphshift.validation.RepairReport;
import dev.graphshift.validation.ValidationReport;
import dev.graphshift.validation.ValidationThresholds;
import dev.graphshift.validation.Validator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The validator on the real adapter, with Neo4j as the source and as the target: a full validation finds
 * exactly the differences seeded, repair fixes exactly those, and a sample is judged against its
 * thresholds.
 */
class Neo4jValidationIT extends Neo4jToolTestSupport {

  @BeforeEach
  void seed() {
    Graphs.copy(memory, neo4j);
  }

  /**
   * Seeds one difference of each kind through the SPI: a node missing from the target, one extra, one with
   * another property, one with another embedding; a relationship missing, one extra, one with another
   * property.
   */
  private static void seedDifferences(GraphDatabase source, GraphDatabase target) {
    source.upsertNode(Node.of("lonely", "Person", Map.of("name", "only on the source")));
    target.upsertNode(Node.of("intruder", "Person", Map.of("name", "only on the target")));
    Node renamed = target.getNode(Graphs.nodeId(10)).orElseThrow();
    target.upsertNode(renamed.withProperties(Map.of("name", "renamed", "age", renamed.properties().get("age"),
        "embedding", renamed.properties().get("embedding"))));
    Node moved = target.getNode(Graphs.nodeId(11)).orElseThrow();
    float[] embedding = ((float[]) moved.properties().get("embedding")).clone();
    for (int i = 0; i < embedding.length; i++) {
      embedding[i] = -embedding[i];
    }
    target.upsertNode(moved.withProperties(Map.of("name", moved.properties().get("name"), "age",
        moved.properties().get("age"), "embedding", embedding)));
    target.deleteRelationships(List.of("r5"));
    target.upsertRelationship(Relationship.of("extra", "KNOWS", Graphs.nodeId(1), Graphs.nodeId(2), Map.of()));
    Relationship since = target.getRelationship("r7").orElseThrow();
    target.upsertRelationship(since.withProperties(Map.of("since", 1L)));
  }

  @ParameterizedTest(name = "Neo4j as the {0}")
  @ValueSource(strings = {"target", "source"})
  void shouldFindExactlyTheSeededDifferencesAndRepairExactlyThose(String neo4jRole) {
    // given
    GraphDatabase source = neo4jRole.equals("target") ? memory : neo4j;
    GraphDatabase target = neo4jRole.equals("target") ? neo4j : memory;
    seedDifferences(source, target);
    Validator validator = Validator.builder(source, target).batchSize(64).build();

    // when
    ValidationReport full = validator.full();
    RepairReport repair = validator.repair(full.diff().orElseThrow());
    ValidationReport after = validator.full();

    // then
    assertThat(full.passed()).isFalse();
    assertThat(full.diff().orElseThrow().differences())
        .extracting(Difference::kind, Difference::type, Difference::targetId)
        .containsExactlyInAnyOrder(
            tuple(Difference.Kind.NODE, Difference.Type.MISSING, "lonely"),
            tuple(Difference.Kind.NODE, Difference.Type.EXTRA, "intruder"),
            tuple(Difference.Kind.NODE, Difference.Type.DIFFERENT, Graphs.nodeId(10)),
            tuple(Difference.Kind.NODE, Difference.Type.DIFFERENT, Graphs.nodeId(11)),
            tuple(Difference.Kind.RELATIONSHIP, Difference.Type.MISSING, "r5"),
            tuple(Difference.Kind.RELATIONSHIP, Difference.Type.EXTRA, "extra"),
            tuple(Difference.Kind.RELATIONSHIP, Difference.Type.DIFFERENT, "r7"));
    assertThat(full.check(Check.EMBEDDINGS).orElseThrow().failures()).isEqualTo(1);
    assertThat(full.check(Check.PROPERTIES).orElseThrow().failures()).isEqualTo(2);
    assertThat(full.notes()).isEmpty();
    assertThat(repair.reconciles()).isTrue();
    assertThat(List.of(repair.nodesUpserted(), repair.relationshipsUpserted(), repair.nodesDeleted(),
        repair.relationshipsDeleted(), repair.gone(), repair.rejected())).containsExactly(3L, 2L, 1L, 1L, 0L, 0L);
    assertThat(after.passed()).as(after.toText()).isTrue();
    assertThat(after.diff().orElseThrow().isEmpty()).isTrue();
    Graphs.assertSameGraph(source, target);
  }

  @Test
  void shouldJudgeASampleOfNeo4jAgainstTheThresholds() {
    // given: every tenth node renamed on the target
    InMemoryGraphDatabase target = InMemoryGraphDatabase.named("target");
    Graphs.copy(neo4j, target);
    for (int i = 0; i < 300; i += 10) {
      Node n = target.getNode(Graphs.nodeId(i)).orElseThrow();
      target.upsertNode(n.withProperties(Map.of("name", "renamed", "age", n.properties().get("age"),
          "embedding", n.properties().get("embedding"))));
    }
    Validator strict = Validator.builder(neo4j, target).sampleSize(100).seed(7).build();
    Validator tolerant = Validator.builder(neo4j, target).sampleSize(100).seed(7)
        .thresholds(ValidationThresholds.defaults().withPropertyMismatches(0.3)).build();

    // when
    ValidationReport failing = strict.sample();
    ValidationReport again = strict.sample();
    ValidationReport passing = tolerant.sample();

    // then
    CheckResult properties = failing.check(Check.PROPERTIES).orElseThrow();
    assertThat(properties.checked()).isEqualTo(100);
    assertThat(properties.failures()).isBetween(1L, 30L);
    assertThat(properties.examples()).allSatisfy(e -> assertThat(e).contains("renamed"));
    assertThat(failing.passed()).isFalse();
    assertThat(failing.failures()).extracting(CheckResult::check).containsExactly(Check.PROPERTIES);
    assertThat(again.check(Check.PROPERTIES).orElseThrow().failures()).isEqualTo(properties.failures());
    assertThat(passing.passed()).as(passing.toText()).isTrue();
    assertThat(passing.check(Check.PROPERTIES).orElseThrow().failures()).isEqualTo(properties.failures());
    assertThat(passing.check(Check.MISSING).orElseThrow().failures()).isZero();
    assertThat(passing.check(Check.EDGE_COUNTS).orElseThrow().failures()).isZero();
    assertThat(failing.check(Check.EMBEDDINGS).orElseThrow().failures()).isZero();
  }
}
