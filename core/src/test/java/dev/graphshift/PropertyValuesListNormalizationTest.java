package dev.graphshift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An immutable property map whose lists are already normalized is kept as it is, not copied. */
class PropertyValuesListNormalizationTest {

  @Test
  void shouldKeepAnImmutableMapWhoseListsNeedNothing() {
    // given
    Map<String, Object> properties = Map.of("tags", List.of("a", "b", "c"), "pair", List.of(1L, 2L), "n", 1L);

    // expect
    assertThat(PropertyValues.normalize(properties)).isSameAs(properties);
    assertThat(new Node("n", java.util.Set.of("L"), properties).properties()).isSameAs(properties);
  }

  @Test
  void shouldStillCopyMutableListsAndWidenTheirElements() {
    // given
    List<Object> mutable = new ArrayList<>(List.of("a"));
    Map<String, Object> properties = Map.of("m", mutable, "w", List.of(1, 2));

    // when
    Map<String, Object> normalized = PropertyValues.normalize(properties);
    mutable.add("b");

    // then
    assertThat(normalized).isNotSameAs(properties).isEqualTo(Map.of("m", List.of("a"), "w", List.of(1L, 2L)));
  }
}
