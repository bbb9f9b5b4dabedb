package dev.graphshift.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.Node;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngramModelTest {

  @Test
  void shouldUseTheContentPropertyAsItIs() {
    // expect
    assertThat(EngramModel.content(Node.of("n", "Note", Map.of("content", "raw text", "x", 1L)))).isEqualTo("raw text");
  }

  @Test
  void shouldWriteCanonicalJsonOfLabelsAndPropertiesWithoutTheEmbedding() {
    // given
    Node node = new Node("n", Set.of("B", "A"), Map.of("z", "quote \" back \\ nl \n ctl \u0001",
        "a", 1L, "d", 2.5, "t", true, "day", LocalDate.of(2024, 1, 2), "tags", List.of("x", "y"),
        "v", new float[] {0.5f, 1f}, "w", new double[] {0.25}, "embedding", new float[768], "content", 7L));

    // when
    String content = EngramModel.content(node);

    // then
    assertThat(content).isEqualTo("{\"labels\":[\"A\",\"B\"],\"properties\":{\"a\":1,\"content\":7,\"d\":2.5,"
        + "\"day\":\"2024-01-02\",\"t\":true,\"tags\":[\"x\",\"y\"],\"v\":[0.5,1.0],\"w\":[0.25],"
        + "\"z\":\"quote \\\" back \\\\ nl \\n ctl \\u0001\"}}");
  }

  @Test
  void shouldWriteEqualContentForEqualNodesWhateverTheMapOrder() {
    // given
    Node a = Node.of("n", "L", Map.of("x", 1L, "y", 2L));
    Node b = Node.of("n", "L", new java.util.LinkedHashMap<>(Map.of("y", 2L, "x", 1L)));

    // expect
    assertThat(EngramModel.content(a)).isEqualTo(EngramModel.content(b));
    assertThat(EngramModel.content(a)).isNotEqualTo(EngramModel.content(a.withProperties(Map.of("x", 1L, "y", 3L))));
  }
}
