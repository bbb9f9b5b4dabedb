package dev.graphshift.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashingEmbedderTest {
  private final HashingEmbedder embedder = HashingEmbedder.ofDefaults();

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  /** A float dot product with four accumulators: 2 million pairs of 768 dimensions in a few seconds. */
  private static float fastDot(float[] a, float[] b) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    for (int i = 0; i < a.length; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    return s0 + s1 + s2 + s3;
  }

  @Test
  void shouldGiveTheSameUnitVectorForTheSameTextOnEveryCall() {
    // when
    float[] a = embedder.embed("hello");
    float[] b = embedder.embed(List.of("x", "hello")).get(1);

    // then
    assertThat(a).hasSize(768).containsExactly(b);
    assertThat(dot(a, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    for (float f : a) {
      assertThat(Float.isFinite(f)).isTrue();
    }
  }

  @Test
  void shouldKeepItsVectorsStableAcrossVersions() {
    // given: pinned values; a change here changes every generated embedding of existing migrations
    float[] v = embedder.embed("hello");

    // expect
    assertThat(Arrays.copyOf(v, 4)).containsExactly(PINNED_HELLO);
  }

  /** The first elements of the default embedder's vector for "hello". */
  private static final float[] PINNED_HELLO = {-0.0551395f, -0.04023578f, 0.04327995f, -0.026230384f};

  @Test
  void shouldGiveNearlyOrthogonalVectorsForThousandsOfDistinctTexts() {
    // given
    int n = 2000;
    List<String> texts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      texts.add("{\"labels\":[\"Note\"],\"properties\":{\"text\":\"note " + i + "\"}}");
    }

    // when
    List<float[]> vectors = embedder.embed(texts);

    // then: every pair far below Engram's 0.95 near-duplicate threshold, and all distinct
    double max = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        max = Math.max(max, Math.abs(fastDot(vectors.get(i), vectors.get(j))));
      }
    }
    assertThat(max).isLessThan(0.3);
    Set<String> distinct = new HashSet<>();
    vectors.forEach(v -> distinct.add(Arrays.toString(v)));
    assertThat(distinct).hasSize(n);
  }

  @Test
  void shouldGiveUnrelatedVectorsForAnotherSeedAndHonourTheDimension() {
    // given
    HashingEmbedder other = HashingEmbedder.builder().seed(7).dimension(16).build();

    // when
    float[] v = other.embed("hello");

    // then
    assertThat(v).hasSize(16);
    assertThat(other.dimension()).isEqualTo(16);
    assertThat(other.name()).isEqualTo("hashing-16");
    assertThat(other.config()).isEqualTo(new HashingEmbedder.HashingEmbedderConfig(16, 7));
    assertThat(Arrays.copyOf(embedder.embed("hello"), 16)).isNotEqualTo(v);
    assertThat(HashingEmbedder.builder().dimension(1).build().embed("x")).hasSize(1);
    assertThatThrownBy(() -> HashingEmbedder.builder().dimension(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimension must be at least 1: 0");
  }
}
