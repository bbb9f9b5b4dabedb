package dev.graphshift.neo4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenNamesTest {

  @Test
  void shouldRejectANulInALabelATypeOrAPropertyKeyNamingTheName() {
    // when
    Rejected label = TokenNames.problem(new Node("n1", Set.of("nul\0label"), Map.of())).orElseThrow();
    Rejected nodeKey = TokenNames.problem(Node.of("n2", "Thing", Map.of("k\0", 1L))).orElseThrow();
    Rejected type = TokenNames.problem(Relationship.of("r1", "T\0", "a", "b", Map.of())).orElseThrow();
    Rejected relKey = TokenNames.problem(Relationship.of("r2", "T", "a", "b", Map.of("\0", 1L))).orElseThrow();

    // then
    assertThat(label.rule()).isEqualTo(Rules.NEO4J_NAME_INVALID);
    assertThat(label.message()).isEqualTo("label 'nul\\0label' holds a NUL character, which Neo4j refuses in a label");
    assertThat(nodeKey.message()).contains("property key 'k\\0'").contains("node property key");
    assertThat(type.message()).contains("type 'T\\0'");
    assertThat(relKey.message()).contains("relationship property key");
    assertThat(java.util.List.of(nodeKey, type, relKey)).extracting(Rejected::rule).containsOnly(Rules.NEO4J_NAME_INVALID);
  }

  @Test
  void shouldAcceptNamesWithoutANulAndValuesWithOne() {
    assertThat(TokenNames.problem(new Node("n", Set.of("`x` DETACH DELETE n //", "名前"), Map.of("v", "nul\0value"))))
        .isEmpty();
    assertThat(TokenNames.problem(Relationship.of("r", "}) //", "a", "b", Map.of("k'", "\0")))).isEmpty();
  }
}
