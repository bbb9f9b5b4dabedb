package dev.graphshift.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the routing hash. If a vector here fails, the algorithm changed and every deployed cutover would
 * reshuffle its keys: do not update the vectors, restore the algorithm. The vectors were computed
 * independently with Guava's {@code Hashing.murmur3_32_fixed()} over the UTF-8 bytes of {@code salt + ":" + key}.
 */
class RoutingHashTest {

  static Stream<Arguments> pinnedVectors() {
    return Stream.of(
        Arguments.of("graphshift-cutover", "", 6801),
        Arguments.of("graphshift-cutover", "user-1", 3974),
        Arguments.of("graphshift-cutover", "user-42", 3303),
        Arguments.of("graphshift-cutover", "order:12345", 1036),
        Arguments.of("graphshift-cutover", "p00001", 5449),
        Arguments.of("graphshift-cutover", "query:friendsOf?userId=7", 1889),
        Arguments.of("graphshift-cutover", "\u00fc\u20ac\uD83D\uDE00 unicode", 2151),
        Arguments.of("graphshift-cutover", "lone\uD800surrogate", 1594),
        Arguments.of("graphshift-shadow", "", 3490),
        Arguments.of("graphshift-shadow", "user-1", 2412),
        Arguments.of("graphshift-shadow", "user-42", 5580),
        Arguments.of("graphshift-shadow", "order:12345", 2356),
        Arguments.of("graphshift-shadow", "p00001", 2520),
        Arguments.of("graphshift-shadow", "query:friendsOf?userId=7", 9503),
        Arguments.of("graphshift-shadow", "\u00fc\u20ac\uD83D\uDE00 unicode", 9417),
        Arguments.of("graphshift-shadow", "lone\uD800surrogate", 8126));
  }

  @ParameterizedTest(name = "{0} | {1} -> {2}")
  @MethodSource("pinnedVectors")
  void shouldPutAKeyInItsPinnedBucketWhenHashed(String salt, String key, int bucket) {
    assertThat(RoutingHash.salted(salt).bucket(key)).isEqualTo(bucket);
  }

  @Test
  void shouldUseTheDocumentedDefaultSalts() {
    assertThat(GradualCutoverRouter.DEFAULT_SALT).isEqualTo("graphshift-cutover");
    assertThat(dev.graphshift.shadow.ShadowReadCoordinator.DEFAULT_SALT).isEqualTo("graphshift-shadow");
  }

  @Test
  void shouldOnlyAddKeysWhenTheShareRises() {
    // given
    RoutingHash hash = RoutingHash.salted("graphshift-cutover");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      keys.add("user-" + i);
    }
    int[] shares = {0, 1, 100, 1_000, 2_500, 5_000, 9_999, 10_000};

    // when / then: every key inside a share stays inside every larger share
    for (String key : keys) {
      boolean wasIn = false;
      for (int share : shares) {
        boolean in = hash.within(key, share);
        assertThat(!wasIn || in).as("key %s left the secondary when the share rose to %d", key, share).isTrue();
        wasIn = in;
      }
    }
  }

  @Test
  void shouldSendAboutTheShareOfKeysWhenKeysAreManyAndDistinct() {
    // given
    RoutingHash hash = RoutingHash.salted("graphshift-cutover");

    // when
    int[] counts = new int[4];
    int[] shares = {100, 1_000, 5_000, 10_000};
    for (int i = 0; i < 100_000; i++) {
      String key = "user-" + i;
      for (int s = 0; s < shares.length; s++) {
        if (hash.within(key, shares[s])) {
          counts[s]++;
        }
      }
    }

    // then: a fixed key set, so these are deterministic; the bounds are about five standard deviations
    assertThat(counts[0]).isBetween(850, 1_150);
    assertThat(counts[1]).isBetween(9_550, 10_450);
    assertThat(counts[2]).isBetween(49_200, 50_800);
    assertThat(counts[3]).isEqualTo(100_000);
  }

  @Test
  void shouldSendNoKeyWhenTheShareIsZero() {
    RoutingHash hash = RoutingHash.salted("s");
    for (int i = 0; i < 10_000; i++) {
      assertThat(hash.within("k" + i, 0)).isFalse();
    }
  }
}
