package dev.graphshift.engram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A deterministic stand-in for a text embedding model: each text gets a pseudo-random 768-d vector seeded
 * by a hash of the text. Two different texts get nearly orthogonal vectors (cosine about 0 +- 0.04), the
 * same text the same vector, so Engram's deduplication sees distinct memories as distinct.
 */
public final class HashEmbedder implements Function<List<String>, List<float[]>> {

  @Override
  public List<float[]> apply(List<String> texts) {
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (String text : texts) {
      vectors.add(embed(text));
    }
    return vectors;
  }

  public static float[] embed(String text) {
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return vector(h);
  }

  /** A pseudo-random vector of 768 values in [-1, 1). */
  public static float[] vector(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[768];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }

  /** A copy of {@code v} with a little noise: cosine similarity with {@code v} stays above 0.99. */
  public static float[] near(float[] v, long seed) {
    return noisy(v, 0.05, seed);
  }

  /** A copy of {@code v} with uniform noise of this amplitude added to each element. */
  public static float[] noisy(float[] v, double amplitude, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] w = v.clone();
    for (int i = 0; i < w.length; i++) {
      w[i] += (float) ((random.nextDouble() * 2 - 1) * amplitude);
    }
    return w;
  }
}
