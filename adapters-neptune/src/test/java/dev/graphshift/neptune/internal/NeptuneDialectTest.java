package dev.graphshift.neptune.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tinkerpop.gremlin.process.traversal.Bytecode;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.util.empty.EmptyGraph;
import org.apache.tinkerpop.gremlin.util.function.Lambda;
import org.junit.jupiter.api.Test;

class NeptuneDialectTest {

  private static List<Map<String, Object>> rows(int n) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("i", "n" + i);
      row.put("m", Map.of(T.id, "n" + i));
      row.put("a", Map.of(T.label, "Person", "name", "x"));
      row.put("p", Map.of("name", "x"));
      rows.add(row);
    }
    return rows;
  }

  @Test
  void shouldJoinLabelsSortedWithDoubleColonWhenANodeHasSeveral() {
    assertThat(NeptuneDialect.vertexLabel(Set.of("Person", "Admin", "Employee"))).isEqualTo("Admin::Employee::Person");
    assertThat(NeptuneDialect.vertexLabel(Set.of("Person"))).isEqualTo("Person");
    assertThat(NeptuneDialect.labels("Admin::Person")).containsExactlyInAnyOrder("Admin", "Person");
    assertThat(NeptuneDialect.labels("vertex")).isEmpty();
    assertThat(NeptuneDialect.vertexLabel(Set.of())).isEqualTo("vertex");
  }

  @Test
  void shouldRefuseLabelsNeptuneWouldSplit() {
    assertThat(NeptuneDialect.labelProblem("A::B")).hasValueSatisfying(m -> assertThat(m).contains("'A::B'"));
    assertThat(NeptuneDialect.labelProblem("vertex")).isPresent();
    assertThat(NeptuneDialect.labelProblem("a:b")).isEmpty();
  }

  @Test
  void shouldCountAVertexUnderEachOfItsLabelsWhenCountingPerLabel() {
    Map<String, Long> counts = NeptuneDialect.countsPerLabel(Map.of("Admin::Person", 2L, "Person", 3L, "Doc", 1L));
    assertThat(counts).containsEntry("Person", 5L).containsEntry("Admin", 2L).containsEntry("Doc", 1L).hasSize(3);
  }

  @Test
  void shouldKeepWriteRequestsOfConstantSizeWhatEverTheBatch() {
    int one = NeptuneDialect.steps(Traversals.upsertVertices(rows(1), true));
    int many = NeptuneDialect.steps(Traversals.upsertVertices(rows(2_000), true));
    assertThat(many).isEqualTo(one).isLessThan(100);
    assertThat(NeptuneDialect.steps(Traversals.insertVertices(rows(2_000), true)))
        .isEqualTo(NeptuneDialect.steps(Traversals.insertVertices(rows(1), true)));
    for (Bytecode b : List.of(Traversals.insertVertices(rows(500), false), Traversals.insertVertices(rows(500), true),
        Traversals.upsertEdges(rows(500), Set.of("a", "b"), List.of("e1")),
        Traversals.insertEdges(rows(500), Set.of("a", "b")),
        Traversals.relabelVertex("x", rows(1).get(0), List.of(Map.of(T.id, "e")), List.of(Map.of(T.id, "e"))),
        Traversals.scanVertices("Person", "a", "z", 100, false), Traversals.scanEdges("KNOWS", "a", "z", 100))) {
      assertThat(NeptuneDialect.steps(b)).isLessThan(NeptuneDialect.MAX_STEPS_PER_REQUEST);
      assertThat(NeptuneDialect.lambdas(b)).isEmpty();
      NeptuneDialect.checkRequest(b, NeptuneDialect.MAX_STEPS_PER_REQUEST);
    }
  }

  @Test
  void shouldRefuseARequestWhenItHoldsALambda() {
    // given
    Bytecode withLambda = EmptyGraph.instance().traversal().V()
        .map(Lambda.function("it.get().value('name')")).asAdmin().getBytecode();
    Bytecode nested = EmptyGraph.instance().traversal().V()
        .where(__.filter(Lambda.predicate("true"))).asAdmin().getBytecode();

    // then
    assertThatThrownBy(() -> NeptuneDialect.checkRequest(withLambda, 1_500))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("lambda");
    assertThatThrownBy(() -> NeptuneDialect.checkRequest(nested, 1_500))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("lambda");
  }

  @Test
  void shouldRefuseARequestWhenItHasMoreStepsThanTheLimit() {
    // given
    GraphTraversal<?, ?> t = EmptyGraph.instance().traversal().V();
    for (int i = 0; i < 1_500; i++) {
      t = t.identity();
    }
    Bytecode tooLong = t.asAdmin().getBytecode();
    GraphTraversal<?, ?> child = __.identity();
    for (int i = 1; i < 1_500; i++) {
      child = child.identity();
    }
    Bytecode nestedLong = EmptyGraph.instance().traversal().V().where(child).asAdmin().getBytecode();

    // then
    assertThat(NeptuneDialect.steps(tooLong)).isEqualTo(1_501);
    assertThatThrownBy(() -> NeptuneDialect.checkRequest(tooLong, 1_500))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("1501");
    assertThat(NeptuneDialect.steps(nestedLong)).isEqualTo(1_502);
    assertThatThrownBy(() -> NeptuneDialect.checkRequest(nestedLong, 1_500)).isInstanceOf(IllegalStateException.class);
  }
}
