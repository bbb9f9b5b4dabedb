package dev.graphshift.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.ConfigurationException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import dev.graphshift.backfill.BackfillRecordsRejectedEvent;
import dev.graphshift.backfill.BackfillListener;
import dev.graphshift.backfill.BackfillReport;
import dev.graphshift.backfill.Graphs;
import dev.graphshift.backfill.InMemoryCheckpointStore;
import dev.graphshift.copy.Copy;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code copy --node X --relationship Y} on the real adapter, from Neo4j and into it: exactly the chosen
 * nodes and relationships arrive, and a relationship whose endpoint was not copied is rejected naming it.
 */
class Neo4jCopyIT extends Neo4jToolTestSupport {

  private static Copy.Builder copy(GraphDatabase from, GraphDatabase to) {
    return Copy.builder(from, to)
        .backfill(b -> b.batchSize(40).parallelism(2).consoleProgress(false).checkpoints(new InMemoryCheckpointStore()));
  }

  /** The nodes of a graph carrying one of the labels. */
  private static Map<String, Node> nodesWith(GraphDatabase db, String label) {
    return Graphs.nodes(db).values().stream().filter(n -> n.labels().contains(label))
        .collect(Collectors.toMap(Node::id, n -> n));
  }

  /** The relationships of a type whose both endpoints are among the ids. */
  private static Map<String, Relationship> relationshipsBetween(GraphDatabase db, String type, Set<String> ids) {
    return Graphs.relationships(db).values().stream()
        .filter(r -> r.type().equals(type) && ids.contains(r.startId()) && ids.contains(r.endId()))
        .collect(Collectors.toMap(Relationship::id, r -> r));
  }

  @Test
  void shouldCopyOnlyTheChosenLabelAndTypeFromNeo4j() {
    // given
    Graphs.copy(memory, neo4j);
    InMemoryGraphDatabase target = InMemoryGraphDatabase.named("target");
    Map<String, Node> people = nodesWith(neo4j, "Person");
    Map<String, Relationship> knowsBetweenPeople = relationshipsBetween(neo4j, "KNOWS", people.keySet());
    long knows = neo4j.countRelationships("KNOWS");

    // when
    BackfillReport report = copy(neo4j, target).nodes("Person").relationships("KNOWS").build().run();

    // then
    assertThat(Graphs.nodes(target)).isEqualTo(people);
    assertThat(Graphs.relationships(target)).isEqualTo(knowsBetweenPeople);
    assertThat(report.reconciles()).isTrue();
    assertThat(report.nodes().written()).isEqualTo(people.size());
    assertThat(report.relationships().read()).isEqualTo(knows);
    assertThat(report.relationships().written()).isEqualTo(knowsBetweenPeople.size());
    assertThat(report.relationships().rejectedByRule())
        .containsExactly(Map.entry(Rules.DANGLING_ENDPOINT, knows - knowsBetweenPeople.size()));
  }

  @Test
  void shouldCopyOnlyTheChosenLabelAndTypeIntoNeo4jAndNameEachMissingEndpoint() {
    // given
    List<BackfillRecordsRejectedEvent> rejections = Collections.synchronizedList(new ArrayList<>());
    BackfillListener listener = new BackfillListener() {
      @Override
      public void onRecordsRejected(BackfillRecordsRejectedEvent event) {
        rejections.add(event);
      }
    };
    Map<String, Node> companies = nodesWith(memory, "Company");
    Map<String, Relationship> worksAt = relationshipsBetween(memory, "WORKS_AT", companies.keySet());

    // when
    BackfillReport report = copy(memory, neo4j).nodes("Company").relationships("WORKS_AT").listener(listener)
        .build().run();

    // then
    assertThat(Graphs.nodes(neo4j)).isEqualTo(companies);
    assertThat(Graphs.relationships(neo4j)).isEqualTo(worksAt);
    assertThat(neo4j.countNodesByLabel()).containsExactly(Map.entry("Company", (long) companies.size()));
    long dangling = memory.countRelationships("WORKS_AT") - worksAt.size();
    assertThat(report.relationships().rejectedByRule()).containsExactly(Map.entry(Rules.DANGLING_ENDPOINT, dangling));
    assertThat(rejections.stream().mapToLong(e -> e.rejected().size()).sum()).isEqualTo(dangling);
    assertThat(rejections).flatMap(BackfillRecordsRejectedEvent::rejected).allSatisfy(r -> {
      Relationship rel = (Relationship) r.record();
      assertThat(r.message()).contains("'" + rel.id() + "'");
      if (!companies.containsKey(rel.startId())) {
        assertThat(r.message()).contains("start node '" + rel.startId() + "'");
      }
      if (!companies.containsKey(rel.endId())) {
        assertThat(r.message()).contains("end node '" + rel.endId() + "'");
      }
    });
  }

  @Test
  void shouldNameAnUnknownLabelWithTheSourcesLabelsBeforeCopyingAnything() {
    // given
    Graphs.copy(memory, neo4j);
    InMemoryGraphDatabase target = InMemoryGraphDatabase.named("target");

    // when / then: the key label is the adapter's, not one of the graph's
    assertThatThrownBy(() -> copy(neo4j, target).nodes("Persn").build().run())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown node label 'Persn'")
        .hasMessageContaining("[Company, Customer, Person]");
    assertThat(target.countNodes()).isZero();
  }
}
