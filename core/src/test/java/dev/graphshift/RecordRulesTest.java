package dev.graphshift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordRulesTest {

  @Test
  void shouldKeepTheFirstOccurrenceWhenABatchRepeatsAnId() {
    // given
    List<Node> batch = List.of(Node.of("a", "L", Map.of("v", 1)), Node.of("b", "L", Map.of()),
        Node.of("a", "L", Map.of("v", 2)));

    // when
    Checked<Node> checked = RecordRules.checkNodes(batch);

    // then
    assertThat(checked.accepted()).extracting(Node::id).containsExactly("a", "b");
    assertThat(checked.accepted().get(0).properties()).containsEntry("v", 1L);
    assertThat(checked.rejected()).singleElement().satisfies(r -> {
      assertThat(r.rule()).isEqualTo(Rules.DUPLICATE_ID);
      assertThat(r.message()).contains("index 0").contains("index 2");
      assertThat(r.toString()).startsWith("node 'a' rejected by rule 'duplicate-id'");
    });
  }

  @Test
  void shouldReturnTheSameListWhenEveryRecordPasses() {
    List<Node> batch = List.of(Node.of("a", "L", Map.of()), Node.of("b", "L", Map.of()));
    assertThat(RecordRules.checkNodes(batch).accepted()).isEqualTo(batch);
  }

  @Test
  void shouldRejectRelationshipsWithBlankTypesOrEndpoints() {
    Checked<Relationship> checked = RecordRules.checkRelationships(List.of(
        Relationship.of("r1", " ", "a", "b", Map.of()),
        Relationship.of("r2", "T", "", "b", Map.of()),
        Relationship.of("r3", "T", "a", "b", Map.of("k", new Object()))));
    assertThat(checked.rejected()).extracting(Rejected::rule)
        .containsExactly(Rules.TYPE_INVALID, Rules.ID_MISSING, Rules.VALUE_KIND);
    assertThat(checked.accepted()).isEmpty();
  }

  @Test
  void shouldRejectBlankPropertyKeys() {
    Node n = new Node("a", Set.of("L"), Map.of(" ", "x"));
    assertThat(RecordRules.check(n)).get().extracting(Rejected::rule).isEqualTo(Rules.PROPERTY_KEY_INVALID);
  }
}
