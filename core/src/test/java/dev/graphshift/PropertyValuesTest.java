package dev.graphshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertyValuesTest {

  @Test
  void shouldWidenIntegersFloatsAndInstantsWhenNormalizing() {
    // given
    Map<String, Object> raw = new HashMap<>();
    raw.put("i", 42);
    raw.put("f", 1.5f);
    raw.put("s", (short) 3);
    raw.put("at", Instant.parse("2024-01-01T00:00:00Z"));
    raw.put("list", List.of(1, 2));
    raw.put("gone", null);

    // when
    Map<String, Object> normalized = PropertyValues.normalize(raw);

    // then
    assertThat(normalized).containsEntry("i", 42L).containsEntry("f", 1.5).containsEntry("s", 3L)
        .containsEntry("at", OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))
        .containsEntry("list", List.of(1L, 2L))
        .doesNotContainKey("gone");
  }

  @Test
  void shouldReturnTheSameMapWhenNothingNeedsChanging() {
    Map<String, Object> immutable = Map.of("a", "x", "b", 2L);
    assertThat(PropertyValues.normalize(immutable)).isSameAs(immutable);
  }

  @Test
  void shouldNameTheProblemWhenAValueIsOutsideTheClosedSet() {
    assertThat(PropertyValues.check(new BigDecimal("1"))).get().asString().contains("BigDecimal");
    assertThat(PropertyValues.check(Map.of())).isPresent();
    assertThat(PropertyValues.check(List.of(List.of("x")))).get().asString().contains("index 0");
    assertThat(PropertyValues.check(new int[] {1})).isPresent();
    assertThat(PropertyValues.check(Double.POSITIVE_INFINITY)).get().asString().contains("finite");
    assertThat(PropertyValues.check(new double[] {1, Double.NaN})).get().asString().contains("index 1");
    assertThat(PropertyValues.check("ok \uD83D\uDE00")).isEmpty();
    assertThat(PropertyValues.check("bad \uDE00")).get().asString().contains("surrogate");
    assertThat(PropertyValues.check(List.of())).isEmpty();
  }

  @Test
  void shouldReportANullListElementWithItsIndex() {
    List<Integer> withNull = Arrays.asList(1, null, 3);
    Object normalized = PropertyValues.normalizeValue(withNull);
    assertThat(PropertyValues.check(normalized)).get().asString().contains("null element at index 1");
  }

  @Test
  void shouldCompareVectorsByContentWhenComparingRecords() {
    Node a = Node.of("n", "L", Map.of("v", new float[] {1f, 2f}));
    Node b = Node.of("n", "L", Map.of("v", new float[] {1f, 2f}));
    Node c = Node.of("n", "L", Map.of("v", new float[] {1f, 3f}));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    assertThat(a.toString()).contains("float[2]");
  }

  @Test
  void shouldThrowWhenAPropertyKeyIsNull() {
    Map<String, Object> raw = new HashMap<>();
    raw.put(null, 1);
    assertThatThrownBy(() -> PropertyValues.normalize(raw)).isInstanceOf(NullPointerException.class);
  }
}
