package dev.graphshift.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic {@link Embedder} for tests and demos: each text's vector is derived from a hash of the
 * text, not from its meaning. <b>It is not semantic</b>: texts with similar meaning get unrelated
 * vectors, so recall by similarity finds nothing useful. Use a real model in production (see {@link
 * Embedder} for how to plug one).
 *
 * <p>What it guarantees: the same text (and seed) always gives the same vector, on every JVM; distinct
 * texts give distinct vectors (they differ unless the 64-bit fold of their SHA-256 collides, a chance of
 * 2<sup>-64</sup> per pair); every vector has unit length and finite elements; and the vectors of distinct
 * texts are nearly orthogonal (their cosine is about normally distributed with standard deviation {@code
 * 1/sqrt(dimension)}, 0.036 at 768), far below the 0.95 at which Engram drops near-duplicate memories.
 *
 * <p>How: SHA-256 of the seed and the UTF-8 text, folded to 64 bits, seeds a SplitMix64 sequence whose
 * outputs give elements uniform in [-1, 1); the vector is then scaled to unit length.
 *
 * <p>Immutable.
 */
public final class HashingEmbedder implements Embedder {
  /** The default number of dimensions: Engram's, {@value}. */
  public static final int DEFAULT_DIMENSION = EngramModel.DIMENSION;
  /** The default seed: {@value}. */
  public static final long DEFAULT_SEED = 0L;

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final float UNIT = 0x1.0p-24f;

  private final HashingEmbedderConfig config;

  private HashingEmbedder(HashingEmbedderConfig config) {
    this.config = config;
  }

  /** A builder with the defaults: {@value #DEFAULT_DIMENSION} dimensions, seed {@value #DEFAULT_SEED}. */
  public static Builder builder() {
    return new Builder();
  }

  /** An embedder with the defaults. */
  public static HashingEmbedder ofDefaults() {
    return builder().build();
  }

  /** The settings. */
  public HashingEmbedderConfig config() {
    return config;
  }

  @Override
  public int dimension() {
    return config.dimension();
  }

  @Override
  public String name() {
    return "hashing-" + config.dimension();
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<float[]> vectors = new ArrayList<>(texts.size());
    MessageDigest sha = sha256();
    for (String text : texts) {
      vectors.add(embed(sha, text));
    }
    return vectors;
  }

  /** The vector of one text. */
  public float[] embed(String text) {
    return embed(sha256(), text);
  }

  private float[] embed(MessageDigest sha, String text) {
    sha.reset();
    long seed = config.seed();
    for (int i = 0; i < Long.BYTES; i++) {
      sha.update((byte) (seed >>> (8 * i)));
    }
    byte[] digest = sha.digest(text.getBytes(StandardCharsets.UTF_8));
    long state = 0;
    for (int word = 0; word < 4; word++) {
      long w = 0;
      for (int b = 0; b < Long.BYTES; b++) {
        w = (w << 8) | (digest[word * Long.BYTES + b] & 0xffL);
      }
      state ^= Long.rotateLeft(w, 16 * word);
    }
    int n = config.dimension();
    float[] v = new float[n];
    double sumOfSquares = 0;
    for (int i = 0; i < n; i += 2) {
      state += GOLDEN_GAMMA;
      long bits = mix(state);
      float a = (bits >>> 40) * UNIT * 2f - 1f;
      v[i] = a;
      sumOfSquares += (double) a * a;
      if (i + 1 < n) {
        float b = ((bits >>> 8) & 0xffffffL) * UNIT * 2f - 1f;
        v[i + 1] = b;
        sumOfSquares += (double) b * b;
      }
    }
    if (sumOfSquares > 0) {
      float scale = (float) (1.0 / Math.sqrt(sumOfSquares));
      for (int i = 0; i < n; i++) {
        v[i] *= scale;
      }
    }
    return v;
  }

  /** The SplitMix64 finalizer (Steele, Lea and Flood, 2014). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "HashingEmbedder[dimension=" + config.dimension() + ", seed=" + config.seed() + "]";
  }

  /**
   * The settings of a {@link HashingEmbedder}.
   *
   * <p>Immutable.
   *
   * @param dimension the number of dimensions
   * @param seed mixed into every hash; embedders with different seeds give unrelated vectors
   */
  public record HashingEmbedderConfig(int dimension, long seed) {}

  /**
   * Builds a {@link HashingEmbedder}. Defaults: {@value #DEFAULT_DIMENSION} dimensions, seed {@value
   * #DEFAULT_SEED}.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private int dimension = DEFAULT_DIMENSION;
    private long seed = DEFAULT_SEED;

    private Builder() {}

    /**
     * The number of dimensions. Default {@value #DEFAULT_DIMENSION}.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder dimension(int dimensions) {
      if (dimensions < 1) {
        throw new IllegalArgumentException("dimension must be at least 1: " + dimensions);
      }
      this.dimension = dimensions;
      return this;
    }

    /** The seed mixed into every hash. Default {@value #DEFAULT_SEED}. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** The embedder. */
    public HashingEmbedder build() {
      return new HashingEmbedder(new HashingEmbedderConfig(dimension, seed));
    }
  }
}
