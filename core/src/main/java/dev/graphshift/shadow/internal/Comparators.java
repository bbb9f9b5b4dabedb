package dev.graphshift.shadow.internal;

import dev.graphshift.QueryResult;
import dev.graphshift.shadow.ShadowComparator;
import dev.graphshift.shadow.Similarity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The built-in comparators and their math.
 *
 * <p>Immutable.
 */
public final class Comparators {
  private Comparators() {}

  private static final ShadowComparator<Object> EXACT = new ShadowComparator<>() {
    @Override
    public Similarity compare(Object expected, Object actual) {
      return Objects.equals(expected, actual) ? Similarity.SAME : Similarity.NONE;
    }

    @Override
    public String toString() {
      return "ShadowComparator.exact()";
    }
  };

  @SuppressWarnings("unchecked")
  public static <T> ShadowComparator<T> exact() {
    return (ShadowComparator<T>) EXACT;
  }

  public static ShadowComparator<QueryResult> jaccard(double threshold) {
    checkThreshold(threshold);
    return named("ShadowComparator.jaccard(" + threshold + ")",
        (e, a) -> Similarity.of(jaccard(e.idSet(), a.idSet()), threshold));
  }

  public static ShadowComparator<QueryResult> rankBiasedOverlap(double p, double threshold) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be within (0, 1): " + p);
    }
    checkThreshold(threshold);
    return named("ShadowComparator.rankBiasedOverlap(" + p + ", " + threshold + ")",
        (e, a) -> Similarity.of(rbo(distinct(e.ids()), distinct(a.ids()), p), threshold));
  }

  public static ShadowComparator<QueryResult> activation(double tolerance, double threshold) {
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be a finite number of at least 0: " + tolerance);
    }
    checkThreshold(threshold);
    return named("ShadowComparator.activation(" + tolerance + ", " + threshold + ")",
        (e, a) -> Similarity.of(activation(scores(e), scores(a), tolerance), threshold));
  }

  /** {@code |a ∩ b| / |a ∪ b|}; 1 when both are empty. */
  public static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    int common = 0;
    for (String id : a) {
      if (b.contains(id)) {
        common++;
      }
    }
    return (double) common / (a.size() + b.size() - common);
  }

  /**
   * Extrapolated rank-biased overlap of two rankings without duplicates (Webber et al. 2010, eq. 32):
   * with {@code S} the shorter ranking (length s), {@code L} the longer (length l), {@code X_d} the
   * overlap of their prefixes of depth d (S counting as its whole self past depth s),
   *
   * <pre>
   * RBO_ext = (1-p)/p * ( Σ_{d=1..l} X_d/d p^d + Σ_{d=s+1..l} X_s (d-s)/(s d) p^d ) + ((X_l - X_s)/l + X_s/s) p^l
   * </pre>
   *
   * 1 when both are empty; 0 when exactly one is.
   */
  public static double rbo(List<String> first, List<String> second, double p) {
    List<String> s = first.size() <= second.size() ? first : second;
    List<String> l = s == first ? second : first;
    int sl = s.size();
    int ll = l.size();
    if (ll == 0) {
      return 1;
    }
    if (sl == 0) {
      return 0;
    }
    Set<String> seenS = new HashSet<>();
    Set<String> seenL = new HashSet<>();
    int overlap = 0;
    int xs = 0;
    double sum = 0;
    double pd = 1;
    for (int d = 1; d <= ll; d++) {
      pd *= p;
      String fromL = l.get(d - 1);
      if (d <= sl) {
        String fromS = s.get(d - 1);
        if (fromS.equals(fromL)) {
          overlap++;
        } else {
          if (seenL.contains(fromS)) {
            overlap++;
          }
          if (seenS.contains(fromL)) {
            overlap++;
          }
        }
        seenS.add(fromS);
        seenL.add(fromL);
        if (d == sl) {
          xs = overlap;
        }
      } else {
        if (seenS.contains(fromL)) {
          overlap++;
        }
        sum += xs * (double) (d - sl) / ((double) sl * d) * pd;
      }
      sum += (double) overlap / d * pd;
    }
    double score = (1 - p) / p * sum + ((double) (overlap - xs) / ll + (double) xs / sl) * pd;
    return Math.min(1, Math.max(0, score));
  }

  /** The share of the union of ids present on both sides with scores within the tolerance; 1 when both are empty. */
  public static double activation(Map<String, Double> expected, Map<String, Double> actual, double tolerance) {
    Set<String> union = new HashSet<>(expected.keySet());
    union.addAll(actual.keySet());
    if (union.isEmpty()) {
      return 1;
    }
    int agreeing = 0;
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      Double other = actual.get(e.getKey());
      if (other != null && Math.abs(other - e.getValue()) <= tolerance) {
        agreeing++;
      }
    }
    return (double) agreeing / union.size();
  }

  private static List<String> distinct(List<String> ids) {
    return List.copyOf(new LinkedHashSet<>(ids));
  }

  private static Map<String, Double> scores(QueryResult r) {
    Map<String, Double> m = new HashMap<>();
    for (QueryResult.Hit h : r.hits()) {
      m.putIfAbsent(h.id(), h.score());
    }
    return m;
  }

  private static void checkThreshold(double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be within [0, 1]: " + threshold);
    }
  }

  private static <T> ShadowComparator<T> named(String name, ShadowComparator<T> c) {
    return new ShadowComparator<>() {
      @Override
      public Similarity compare(T expected, T actual) {
        return c.compare(expected, actual);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
