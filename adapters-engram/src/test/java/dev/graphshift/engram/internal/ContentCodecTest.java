package dev.graphshift.engram.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.Node;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentCodecTest {

  private static String encode(Node node) {
    return ContentCodec.encode(node, "content", "embedding");
  }

  private static Node decode(String id, String content) {
    return ContentCodec.decode(id, content, "content");
  }

  @Test
  void shouldReadBackEveryValueKindExactlyWhenEncodedAsTheEnvelope() {
    // given
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("string", "héllo ✓ \uD83D\uDE00 \"quoted\" \\ {\"graphshift\":1}");
    properties.put("empty", "");
    properties.put("boolean", true);
    properties.put("long", Long.MAX_VALUE);
    properties.put("min", Long.MIN_VALUE);
    properties.put("double", 3.0);
    properties.put("tiny", 4.9e-324);
    properties.put("negativeZero", -0.0);
    properties.put("big", 1.0e300);
    properties.put("floats", new float[] {0.1f, -1.5f, 3.0e-5f, Float.MIN_VALUE, Float.MAX_VALUE});
    properties.put("doubles", new double[] {0.1, -1.5, Double.MAX_VALUE});
    properties.put("strings", List.of("a", "b", "a"));
    properties.put("longs", List.of(3L, 1L));
    properties.put("doublesList", List.of(1.0, -2.5));
    properties.put("booleans", List.of(true, false));
    properties.put("emptyList", List.of());
    properties.put("date", LocalDate.of(2024, 2, 29));
    properties.put("localTime", LocalTime.of(13, 45));
    properties.put("localDateTime", LocalDateTime.of(2024, 2, 29, 13, 45, 7, 123_000_000));
    properties.put("time", OffsetTime.of(13, 45, 7, 1, ZoneOffset.ofHours(2)));
    properties.put("dateTime", OffsetDateTime.of(2024, 2, 29, 13, 45, 7, 0, ZoneOffset.ofHours(-5)));
    properties.put("zoned", ZonedDateTime.of(2024, 2, 29, 13, 45, 7, 0, ZoneId.of("Europe/Berlin")));
    Node node = new Node("p:1", Set.of("Person", "ラベル"), properties);

    // when
    Node read = decode("p:1", encode(node));

    // then
    assertThat(read).isEqualTo(node);
    assertThat(read.properties().get("double")).isInstanceOf(Double.class);
    assertThat(read.properties().get("long")).isInstanceOf(Long.class);
  }

  @Test
  void shouldWriteCanonicalJsonWhenPropertiesComeInAnyOrder() {
    // given
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("z", 1L);
    a.put("a", "x");
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("a", "x");
    b.put("z", 1L);

    // when
    String first = encode(new Node("n", Set.of("B", "A"), a));
    String second = encode(new Node("n", Set.of("A", "B"), b));

    // then
    assertThat(first).isEqualTo(second)
        .isEqualTo("{\"graphshift\":1,\"id\":\"n\",\"labels\":[\"A\",\"B\"],\"properties\":{\"a\":\"x\",\"z\":1}}");
  }

  @Test
  void shouldLeaveTheEmbeddingOutWhenEncoding() {
    // given
    Node node = Node.of("n", "Doc", Map.of("embedding", new float[] {1f, 2f}, "title", "t"));

    // when
    String content = encode(node);

    // then
    assertThat(content).doesNotContain("embedding");
    assertThat(decode("n", content)).isEqualTo(Node.of("n", "Doc", Map.of("title", "t")));
  }

  @Test
  void shouldStoreTheContentVerbatimWhenItIsTheNodesOnlyData() {
    // given
    Node node = new Node("n", Set.of(), Map.of("content", "Ada met Babbage", "embedding", new float[] {1f}));

    // when
    String content = encode(node);

    // then
    assertThat(content).isEqualTo("Ada met Babbage");
    assertThat(decode("n", content)).isEqualTo(new Node("n", Set.of(), Map.of("content", "Ada met Babbage")));
  }

  @Test
  void shouldUseTheEnvelopeWhenRawContentWouldBeLossyOrAmbiguous() {
    // given
    Node labelled = Node.of("a", "Note", Map.of("content", "text"));
    Node withMore = new Node("b", Set.of(), Map.of("content", "text", "confidence", 0.9));
    Node blank = new Node("c", Set.of(), Map.of("content", "  "));
    Node lookalike = new Node("d", Set.of(), Map.of("content", "{\"graphshift\":1,\"id\":\"x\"}"));

    // then
    for (Node node : List.of(labelled, withMore, blank, lookalike)) {
      String content = encode(node);
      assertThat(content).startsWith("{\"graphshift\":1");
      assertThat(decode(node.id(), content)).isEqualTo(node);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain text", "{\"a\":1}", "{\"graphshift\":2,\"id\":\"x\",\"labels\":[],\"properties\":{}}",
      "{\"graphshift\":1,\"id\":\"x\",\"labels\":[1],\"properties\":{}}",
      "{\"graphshift\":1,\"id\":\"x\",\"labels\":[],\"properties\":{\"v\":{\"date\":\"not a date\"}}}",
      "{\"graphshift\":1,\"id\":\"x\",\"labels\":[],\"properties\":{\"v\":[1,\"a\"]}}",
      "{\"graphshift\":1,\"id\":\"x\",\"labels\":[],\"properties\":{}} trailing",
      "{\"graphshift\":1,\"id\":\"x\",\"labels\":[],\"properties\":{\"v\":99999999999999999999}}"})
  void shouldReadForeignOrBrokenContentAsRawContent(String content) {
    // when
    Node node = decode("m1", content);

    // then
    assertThat(node).isEqualTo(new Node("m1", Set.of(), Map.of("content", content)));
    assertThat(ContentCodec.labels(content)).isEmpty();
  }

  @Test
  void shouldReadLabelsWithoutPropertiesWhenCounting() {
    String content = encode(Node.of("n", "Person", Map.of("name", "Ada")));
    assertThat(ContentCodec.labels(content)).containsExactly("Person");
  }

  @Test
  void shouldCountUtf8BytesLikeTheEncoderWhenStringsAreArbitrary() {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder s = new StringBuilder();
      for (int k = random.nextInt(30); k > 0; k--) {
        s.appendCodePoint(random.nextBoolean() ? random.nextInt(0x800) : 0x800 + random.nextInt(0x10F800));
      }
      String text = s.toString();
      if (text.codePoints().anyMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF)) {
        continue;
      }
      assertThat(ContentCodec.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }
  }
}
