package dev.graphshift.engram.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdCodecTest {

  /** Code points drawn from every region the encoding treats differently. */
  private static String randomId(Random random, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int cp = switch (random.nextInt(6)) {
        case 0 -> 'a' + random.nextInt(26);
        case 1 -> '0' + random.nextInt(10);
        case 2 -> "_:-/. $`'\"\\".charAt(random.nextInt(11));
        case 3 -> random.nextInt(0x80);
        case 4 -> 0x80 + random.nextInt(0xD800 - 0x80);
        default -> 0x10000 + random.nextInt(Character.MAX_CODE_POINT - 0x10000);
      };
      s.appendCodePoint(cp);
    }
    return s.toString();
  }

  @Test
  void shouldRoundTripAndYieldIdentifiersWhenIdsAreArbitrary() {
    // given
    Random random = new Random(20261122L);
    Map<String, String> seen = new HashMap<>();

    for (int i = 0; i < 20_000; i++) {
      String id = randomId(random, i % 100 == 0 ? 2_000 : 40);

      // when
      String encoded = IdCodec.encode(id);

      // then
      assertThat(IdCodec.isIdentifier(encoded)).as("identifier: %s", encoded).isTrue();
      assertThat(IdCodec.decode(encoded)).contains(id);
      String before = seen.putIfAbsent(encoded, id);
      assertThat(before == null || before.equals(id)).as("injective for %s", encoded).isTrue();
    }
  }

  static Stream<Arguments> examples() {
    return Stream.of(
        Arguments.of("neo4j:42", "n_neo4j_3a_42"),
        Arguments.of("person_7", "n_person__7"),
        Arguments.of("", "n_"),
        Arguments.of("é", "n__e9_"),
        Arguments.of("\u0000", "n__0_"),
        Arguments.of("4:a1b2-c3", "n_4_3a_a1b2_2d_c3"),
        Arguments.of("\uD83D\uDE00", "n__1f600_"),
        Arguments.of("\uD800", "n__d800_"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("examples")
  void shouldEncodeAsDocumentedWhenGivenExamples(String id, String encoded) {
    assertThat(IdCodec.encode(id)).isEqualTo(encoded);
    assertThat(IdCodec.decode(encoded)).contains(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"person_42", "mem_1a2b3c4d", "n_", "n_a_", "n__41_", "n__0041_", "n__E9_", "n__110000_",
      "n_a-b", "n__", "n__zz_", "n__1234567_"})
  void shouldRejectWhenAMemoryIdIsNotAnEncoding(String memoryId) {
    if (memoryId.equals("n_")) {
      assertThat(IdCodec.decode(memoryId)).contains("");
      return;
    }
    assertThat(IdCodec.decode(memoryId)).isEmpty();
  }

  @Test
  void shouldKeepEncodedIdsWithinTheQueryLanguageLimitWhenIdsAreShort() {
    // given: a UUID, a typical Neo4j element id
    String uuid = "5f0c2a8e-4b6d-4e8f-9a1b-2c3d4e5f6a7b";

    // when
    String encoded = IdCodec.encode(uuid);

    // then: 36 chars become 2 + 32 + 4 * 4
    assertThat(encoded).hasSize(50).startsWith("n_5f0c2a8e_2d_");
    assertThat(IdCodec.isIdentifier(encoded)).isTrue();
  }

  @Test
  void shouldRecognizeIdentifiersWhenCheckingEngramsRule() {
    assertThat(IdCodec.isIdentifier("_a1")).isTrue();
    assertThat(IdCodec.isIdentifier("A")).isTrue();
    assertThat(IdCodec.isIdentifier("1a")).isFalse();
    assertThat(IdCodec.isIdentifier("")).isFalse();
    assertThat(IdCodec.isIdentifier("a-b")).isFalse();
  }
}
