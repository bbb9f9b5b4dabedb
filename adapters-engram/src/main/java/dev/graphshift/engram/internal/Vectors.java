package dev.graphshift.engram.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks of embeddings before they reach Engram, and the detection of near-duplicates inside a batch.
 *
 * <p>Engram compares every write with every hot memory by cosine similarity computed in f32 and, at
 * 0.95 or more, keeps only one of the two while still answering 201. {@link #nearDuplicates} finds those
 * pairs inside a batch before anything is sent, with the same arithmetic.
 *
 * <p>Thread-safe.
 */
public final class Vectors {
  private Vectors() {}

  /**
   * What is wrong with an embedding for Engram, or empty if nothing is.
   *
   * @param dimensions the number of dimensions Engram requires
   */
  public static Optional<String> problem(float[] v, int dimensions) {
    if (v.length != dimensions) {
      return Optional.of("has " + v.length + " dimensions; Engram requires exactly " + dimensions);
    }
    boolean constant = true;
    boolean zero = true;
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        return Optional.of("has a non-finite element " + v[i] + " at index " + i);
      }
      zero &= v[i] == 0f;
      constant &= v[i] == v[0];
    }
    if (zero) {
      return Optional.of("is all zeros: Engram scores it 0 against every memory, so it can never be recalled by "
          + "similarity");
    }
    if (constant) {
      return Optional.of("is constant (every element " + v[0] + "): it has cosine 1.0 with Engram's default "
          + "embedding [0.5]*768, so Engram would deduplicate it against every memory stored without an embedding");
    }
    return Optional.empty();
  }

  /** A property value as an f32 vector: a {@code float[]} as is, a {@code double[]} narrowed; else empty. */
  public static Optional<float[]> asFloats(Object value) {
    if (value instanceof float[] f) {
      return Optional.of(f);
    }
    if (value instanceof double[] d) {
      float[] f = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        f[i] = (float) d[i];
      }
      return Optional.of(f);
    }
    return Optional.empty();
  }

  /** The Euclidean norm in f32, as Engram's scalar kernel computes it. */
  public static float norm(float[] v) {
    float sum = 0f;
    for (float x : v) {
      sum += x * x;
    }
    return (float) Math.sqrt(sum);
  }

  /** Cosine similarity in f32 with precomputed norms; 0 when a norm is 0, as in Engram. */
  public static float cosine(float[] a, float normA, float[] b, float normB) {
    if (normA == 0f || normB == 0f) {
      return 0f;
    }
    float dot = 0f;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return Math.max(-1f, Math.min(1f, dot / (normA * normB)));
  }

  /**
   * For each vector, the index of an earlier vector of the same window whose cosine similarity with it
   * is at least {@code threshold}, or -1. A vector found to be a near-duplicate is not itself used to
   * flag later ones (it will not be written). The list is cut into windows of {@code window} vectors and
   * pairs are compared only inside a window: O(window x n x dimensions) work in all. The vectors are
   * scaled to unit length once and compared by dot products with four partial sums, which rounds slightly
   * differently from Engram's sequential f32 sum (as Engram's own SIMD kernels do); the difference is far
   * below anything that separates a near-duplicate from a distinct memory.
   */
  public static int[] nearDuplicates(List<float[]> vectors, float threshold, int window) {
    int n = vectors.size();
    int[] duplicateOf = new int[n];
    Arrays.fill(duplicateOf, -1);
    float[][] units = new float[n][];
    for (int i = 0; i < n; i++) {
      float[] v = vectors.get(i);
      float norm = norm(v);
      float[] u = new float[v.length];
      if (norm > 0f) {
        for (int k = 0; k < v.length; k++) {
          u[k] = v[k] / norm;
        }
      }
      units[i] = u;
    }
    for (int start = 0; start < n; start += window) {
      int end = Math.min(n, start + window);
      for (int j = start + 1; j < end; j++) {
        for (int i = start; i < j; i++) {
          if (duplicateOf[i] < 0 && dot(units[i], units[j]) >= threshold) {
            duplicateOf[j] = i;
            break;
          }
        }
      }
    }
    return duplicateOf;
  }

  /** The dot product of two vectors of equal length, with four partial sums. */
  static float dot(float[] a, float[] b) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int k = 0;
    for (int n = a.length - 3; k < n; k += 4) {
      s0 += a[k] * b[k];
      s1 += a[k + 1] * b[k + 1];
      s2 += a[k + 2] * b[k + 2];
      s3 += a[k + 3] * b[k + 3];
    }
    for (; k < a.length; k++) {
      s0 += a[k] * b[k];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
