package dev.graphshift.engram.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import dev.graphshift.engram.HashEmbedder;
import java.util.List;
import org.junit.jupiter.api.Test;

class VectorsTest {

  private static float[] random(long seed) {
    return HashEmbedder.vector(seed);
  }

  private static float[] noisy(float[] v, double amplitude, long seed) {
    return HashEmbedder.noisy(v, amplitude, seed);
  }

  @Test
  void shouldNameTheProblemWhenAnEmbeddingIsUnusable() {
    float[] constant = new float[768];
    Arrays.fill(constant, 0.5f);
    float[] nan = random(1);
    nan[3] = Float.NaN;

    assertThat(Vectors.problem(new float[767], 768)).get().asString().contains("767 dimensions");
    assertThat(Vectors.problem(new float[768], 768)).get().asString().contains("all zeros");
    assertThat(Vectors.problem(constant, 768)).get().asString().contains("constant").contains("[0.5]*768");
    assertThat(Vectors.problem(nan, 768)).get().asString().contains("index 3");
    assertThat(Vectors.problem(random(2), 768)).isEmpty();
  }

  @Test
  void shouldNarrowDoubleVectorsAndRefuseOtherValuesWhenReadingAnEmbedding() {
    assertThat(Vectors.asFloats(new double[] {0.5, 1.5})).get().satisfies(f -> assertThat(f).containsExactly(0.5f, 1.5f));
    assertThat(Vectors.asFloats(List.of(1.0))).isEmpty();
    assertThat(Vectors.asFloats("x")).isEmpty();
  }

  @Test
  void shouldMatchEngramsDefinitionWhenComputingCosine() {
    float[] a = random(3);
    float[] b = a.clone();
    for (int i = 0; i < b.length; i++) {
      b[i] = -b[i];
    }
    assertThat(Vectors.cosine(a, Vectors.norm(a), a, Vectors.norm(a))).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
    assertThat(Vectors.cosine(a, Vectors.norm(a), b, Vectors.norm(b))).isCloseTo(-1f, org.assertj.core.data.Offset.offset(1e-5f));
    assertThat(Vectors.cosine(a, Vectors.norm(a), new float[768], 0f)).isZero();
  }

  @Test
  void shouldFlagTheLaterOfTwoCloseVectorsWhenTheyShareAWindow() {
    // given: 0 and 3 near-identical, 1 identical to 0, 2 unrelated, 4 near 2
    float[] base = random(10);
    float[] other = random(11);
    List<float[]> vectors = List.of(base, base.clone(), other, noisy(base, 0.05, 1), noisy(other, 0.05, 2));

    // when
    int[] duplicateOf = Vectors.nearDuplicates(vectors, 0.95f, 100);

    // then
    assertThat(duplicateOf).containsExactly(-1, 0, -1, 0, 2);
  }

  @Test
  void shouldNotFlagUnrelatedVectorsWhenTheBatchIsLarge() {
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      vectors.add(random(1000 + i));
    }
    assertThat(Vectors.nearDuplicates(vectors, 0.95f, 1000)).containsOnly(-1);
  }

  @Test
  void shouldCompareOnlyInsideAWindowWhenTheWindowIsSmallerThanTheBatch() {
    // given: a duplicate pair split across windows of 2, and one inside a window
    float[] a = random(20);
    float[] b = random(21);
    List<float[]> vectors = List.of(a, b, a.clone(), b, random(22), random(23));

    // when
    int[] duplicateOf = Vectors.nearDuplicates(vectors, 0.95f, 2);

    // then: (0, 2) are in different windows; (2, 3)? a vs b are unrelated; nothing flagged
    assertThat(duplicateOf).containsOnly(-1);
    assertThat(Vectors.nearDuplicates(vectors, 0.95f, 3)).containsExactly(-1, -1, 0, -1, -1, -1);
  }

  @Test
  void shouldNotLetAFlaggedVectorFlagLaterOnesWhenChained() {
    // given: 1 is near 0, 2 is near 1 but not near 0
    float[] v0 = random(30);
    float[] v1 = noisy(v0, 0.25, 31);
    float[] v2 = noisy(v1, 0.25, 32);
    float c01 = Vectors.cosine(v0, Vectors.norm(v0), v1, Vectors.norm(v1));
    float c12 = Vectors.cosine(v1, Vectors.norm(v1), v2, Vectors.norm(v2));
    float c02 = Vectors.cosine(v0, Vectors.norm(v0), v2, Vectors.norm(v2));
    float threshold = (Math.min(c01, c12) + c02) / 2;
    assertThat(c02).isLessThan(threshold);

    // when
    int[] duplicateOf = Vectors.nearDuplicates(List.of(v0, v1, v2), threshold, 10);

    // then: 1 is held back, so 2 is compared with 0 only and kept
    assertThat(duplicateOf).containsExactly(-1, 0, -1);
  }
}
