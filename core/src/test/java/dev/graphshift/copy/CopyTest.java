package dev.graphshift.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.ConfigurationException;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import dev.graphshift.backfill.BackfillReport;
import dev.graphshift.backfill.Graphs;
import dev.graphshift.backfill.InMemoryCheckpointStore;
import dev.graphshift.internal.Json;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CopyTest {

  private final InMemoryGraphDatabase source = Graphs.sourceGraph("source", 200);
  private final InMemoryGraphDatabase target = InMemoryGraphDatabase.named("target");

  private Copy.Builder copy() {
    return Copy.builder(source, target).backfill(b -> b.checkpoints(new InMemoryCheckpointStore()).batchSize(30));
  }

  @Test
  void shouldCopyEverythingWhenNoFilterIsGiven() {
    // when
    BackfillReport report = copy().build().run();

    // then
    Graphs.assertSameGraph(source, target);
    assertThat(report.reconciles()).isTrue();
  }

  @Test
  void shouldCopyOnlyTheNodesOfTheChosenLabelsWhenOnlyNodesAreChosen() {
    // when
    BackfillReport report = copy().nodes("Company").nodes("Customer").build().run();

    // then
    assertThat(Graphs.nodes(target).values())
        .allSatisfy(n -> assertThat(n.labels()).containsAnyOf("Company", "Customer"));
    long expected = Graphs.nodes(source).values().stream()
        .filter(n -> n.labels().contains("Company") || n.labels().contains("Customer")).count();
    assertThat(target.countNodes()).isEqualTo(expected);
    assertThat(report.nodes().read()).isEqualTo(expected);
    assertThat(target.countRelationships()).isZero();
    assertThat(report.relationships().read()).isZero();
  }

  @Test
  void shouldCopyChosenRelationshipsAndRejectThoseWhoseEndpointsAreNotOnTheTarget() {
    // when: people and KNOWS, but KNOWS also reaches companies and unlabeled nodes
    BackfillReport report = copy().nodes("Person").relationships("KNOWS").build().run();

    // then
    Map<String, Node> people = Graphs.nodes(target);
    assertThat(people.values()).allSatisfy(n -> assertThat(n.labels()).contains("Person"));
    List<Relationship> knows = Graphs.relationships(source).values().stream()
        .filter(r -> r.type().equals("KNOWS")).toList();
    long between = knows.stream()
        .filter(r -> people.containsKey(r.startId()) && people.containsKey(r.endId())).count();
    assertThat(target.countRelationships()).isEqualTo(between);
    assertThat(Graphs.relationships(target).values()).allSatisfy(r -> assertThat(r.type()).isEqualTo("KNOWS"));
    assertThat(report.relationships().read()).isEqualTo(knows.size());
    assertThat(report.relationships().rejectedByRule())
        .containsExactly(Map.entry(Rules.DANGLING_ENDPOINT, knows.size() - between));
    assertThat(report.relationships().rejectedExamples()).isNotEmpty()
        .allSatisfy(r -> assertThat(r.message()).startsWith("endpoint node '"));
  }

  @Test
  void shouldFailNamingEveryUnknownLabelAndTypeBeforeCopyingAnything() {
    // given
    Copy copy = copy().nodes("Person", "Persn", "Robot").relationships("KNOWS").build();
    Copy badType = copy().relationships("KNOWZ").build();

    // when / then
    assertThatThrownBy(copy::run)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown node labels 'Persn', 'Robot'")
        .hasMessageContaining("[Company, Customer, Person]");
    assertThatThrownBy(badType::run)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown relationship type 'KNOWZ'")
        .hasMessageContaining("[KNOWS, LIKES, WORKS_AT]");
    assertThat(target.countNodes()).isZero();
  }

  @Test
  void shouldWriteOneEscapedJsonObjectPerLineWhenJsonIsChosen() {
    // given: a record rejected with a message holding quotes, a newline and a non-ASCII character
    source.upsertNode(Node.of("odd\"id\n", "Robot", Map.of("name", "Zoë")));
    source.upsertRelationship(Relationship.of("dangling", "KNOWS", "odd\"id\n", Graphs.nodeId(1), Map.of()));
    StringBuilder out = new StringBuilder();

    // when
    copy().name("copy \"people\"").nodes("Person").relationships("KNOWS").json(out).build().run();

    // then
    List<Map<String, @Nullable Object>> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      lines.add(Json.parseObject(line));
    }
    assertThat(lines).isNotEmpty().allSatisfy(l -> {
      assertThat(l.get("name")).isEqualTo("copy \"people\"");
      assertThat(l).containsKeys("event", "at");
    });
    assertThat(lines.get(0).get("event")).isEqualTo("started");
    assertThat(lines.get(lines.size() - 1).get("event")).isEqualTo("completed");
    assertThat(lines).filteredOn(l -> "progress".equals(l.get("event"))).isNotEmpty()
        .allSatisfy(l -> assertThat(l).containsKeys("phase", "done", "total", "percent", "rate", "etaSeconds"));
    assertThat(lines).filteredOn(l -> "rejected".equals(l.get("event")))
        .anySatisfy(l -> {
          assertThat(l.get("id")).isEqualTo("dangling");
          assertThat(l.get("rule")).isEqualTo(Rules.DANGLING_ENDPOINT);
          assertThat((String) l.get("message")).contains("odd\"id\n");
        });
  }
}
