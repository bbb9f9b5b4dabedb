package dev.graphshift.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void shouldEscapeQuotesBackslashesAndControlCharacters() {
    // when
    String json = Json.write("a\"b\\c\nd\te\u0001f\u2028g");

    // then
    assertThat(json).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028g\"");
    assertThat(Json.parse(json)).isEqualTo("a\"b\\c\nd\te\u0001f\u2028g");
  }

  @Test
  void shouldKeepSurrogatePairsAndEscapeLoneSurrogates() {
    // given
    String emoji = "smile \uD83D\uDE00";
    String lone = "bad \uD800 end";

    // then
    assertThat(Json.write(emoji)).isEqualTo("\"" + emoji + "\"");
    assertThat(Json.write(lone)).isEqualTo("\"bad \\ud800 end\"");
    assertThat(Json.parse(Json.write(lone))).isEqualTo(lone);
  }

  @Test
  void shouldReadBackWhatItWrites() {
    // given
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", "x");
    value.put("count", 12L);
    value.put("rate", 1.5e-4);
    value.put("none", Optional.empty());
    value.put("list", List.of(1L, "two", true));
    value.put("nested", Map.of("k", List.of()));
    value.put("at", Instant.parse("2026-01-01T00:00:00Z"));

    // when
    Object compact = Json.parse(Json.write(value));
    Object pretty = Json.parse(Json.writePretty(value));

    // then
    Map<String, Object> expected = new LinkedHashMap<>(value);
    expected.put("none", null);
    expected.put("at", "2026-01-01T00:00:00Z");
    assertThat(compact).isEqualTo(expected);
    assertThat(pretty).isEqualTo(expected);
    assertThat(Json.write(Double.NaN)).isEqualTo("null");
  }

  @Test
  void shouldNameThePositionOfMalformedText() {
    assertThatThrownBy(() -> Json.parse("{\"a\": 1,}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 8");
    assertThatThrownBy(() -> Json.parse("[1, 2")).hasMessageContaining("end of text");
    assertThatThrownBy(() -> Json.parse("\"\\q\"")).hasMessageContaining("bad escape");
    assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("after the value");
    assertThat(Json.parse("[null, -2, 3e2]")).isEqualTo(java.util.Arrays.asList(null, -2L, 300.0));
  }
}
