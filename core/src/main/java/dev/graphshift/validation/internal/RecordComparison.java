package dev.graphshift.validation.internal;

import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.PropertyValues;
import dev.graphshift.Relationship;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Compares the record a source record maps to with the record the target holds: labels (or type and
 * endpoints) and properties by {@link PropertyValues#valueEquals}, except vectors, which match when their
 * cosine similarity reaches the minimum (targets may store them converted, for example as 32-bit floats).
 * Properties in the ignored set are left out. Only the first difference of each kind is described.
 *
 * <p>Thread-safe.
 */
public final class RecordComparison {
  private static final int MAX_VALUE_CHARS = 40;

  private final double minSimilarity;
  private final Set<String> ignored;

  /**
   * What differs between two records.
   *
   * @param property the first difference of labels, type, endpoints or a non-vector property; null if none
   * @param embedding the first difference of a vector; null if none
   * @param hasVectors whether either record holds a vector (so the embedding check applies to it)
   */
  public record Verdict(@Nullable String property, @Nullable String embedding, boolean hasVectors) {

    /** Whether the records match. */
    public boolean matches() {
      return property == null && embedding == null;
    }

    /** Both differences in one line, for a diff. */
    public String describe() {
      return property == null ? String.valueOf(embedding)
          : embedding == null ? property : property + "; " + embedding;
    }
  }

  public RecordComparison(double minSimilarity, Set<String> ignored) {
    this.minSimilarity = minSimilarity;
    this.ignored = Set.copyOf(ignored);
  }

  /** Compares a mapped source node with the target's node. */
  public Verdict nodes(Node expected, Node actual) {
    String labels = expected.labels().equals(actual.labels()) ? null
        : "labels: expected " + new TreeSet<>(expected.labels()) + ", found " + new TreeSet<>(actual.labels());
    return properties(expected, actual, labels);
  }

  /** Compares a mapped source relationship with the target's relationship. */
  public Verdict relationships(Relationship expected, Relationship actual) {
    String shape = null;
    if (!expected.type().equals(actual.type())) {
      shape = "type: expected " + expected.type() + ", found " + actual.type();
    } else if (!expected.startId().equals(actual.startId()) || !expected.endId().equals(actual.endId())) {
      shape = "endpoints: expected " + expected.startId() + "->" + expected.endId() + ", found "
          + actual.startId() + "->" + actual.endId();
    }
    return properties(expected, actual, shape);
  }

  private Verdict properties(GraphRecord expected, GraphRecord actual, @Nullable String first) {
    Map<String, Object> e = expected.properties();
    Map<String, Object> a = actual.properties();
    Set<String> keys = new TreeSet<>(e.keySet());
    keys.addAll(a.keySet());
    String property = first;
    String embedding = null;
    boolean vectors = false;
    for (String key : keys) {
      if (ignored.contains(key)) {
        continue;
      }
      Object ev = e.get(key);
      Object av = a.get(key);
      if (isVector(ev) || isVector(av)) {
        vectors = true;
        if (embedding == null) {
          embedding = vectorProblem(key, ev, av);
        }
      } else if (property == null && !PropertyValues.valueEquals(ev, av)) {
        property = "property '" + key + "': expected " + show(ev) + ", found " + show(av);
      }
    }
    return new Verdict(property, embedding, vectors);
  }

  private @Nullable String vectorProblem(String key, @Nullable Object expected, @Nullable Object actual) {
    if (expected == null || actual == null) {
      return "vector '" + key + "' " + (expected == null ? "not expected but found" : "missing on the target");
    }
    if (!isVector(expected) || !isVector(actual)) {
      return "property '" + key + "': expected " + show(expected) + ", found " + show(actual);
    }
    int de = length(expected);
    int da = length(actual);
    if (de != da) {
      return "vector '" + key + "': expected " + de + " dimensions, found " + da;
    }
    double similarity = cosine(expected, actual);
    if (similarity < minSimilarity) {
      return String.format(java.util.Locale.ROOT, "vector '%s': cosine similarity %.4f below %.4f", key,
          similarity, minSimilarity);
    }
    return null;
  }

  private static boolean isVector(@Nullable Object v) {
    return v instanceof float[] || v instanceof double[];
  }

  private static int length(Object v) {
    return v instanceof float[] f ? f.length : ((double[]) v).length;
  }

  private static double at(Object v, int i) {
    return v instanceof float[] f ? f[i] : ((double[]) v)[i];
  }

  /**
   * The cosine similarity of two vectors of the same length ({@code float[]} or {@code double[]}); 1 for
   * two zero vectors, 0 when only one is zero.
   */
  public static double cosine(Object a, Object b) {
    int n = length(a);
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < n; i++) {
      double x = at(a, i);
      double y = at(b, i);
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    if (na == 0 || nb == 0) {
      return na == nb ? 1 : 0;
    }
    return dot / (Math.sqrt(na) * Math.sqrt(nb));
  }

  private static String show(@Nullable Object v) {
    if (v == null) {
      return "absent";
    }
    String s = PropertyValues.valueToString(v);
    if (v instanceof String) {
      s = "'" + s + "'";
    }
    return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) + "…" : s;
  }
}
