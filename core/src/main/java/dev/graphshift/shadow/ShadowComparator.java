package dev.graphshift.shadow;

import dev.graphshift.QueryResult;
import dev.graphshift.shadow.internal.Comparators;

/**
 * Compares the primary's answer to a read with the secondary's. The coordinator hands it the primary's
 * answer already translated into the secondary's terms ({@code expected}: query hits with ids mapped by
 * the {@link dev.graphshift.mapping.RecordMapper}, records mapped as the backfill would write them) and
 * the secondary's answer ({@code actual}).
 *
 * <p>Comparators run off the caller's thread. One that throws is recorded as a comparator failure (with
 * an example) and never reaches the caller.
 *
 * <p>The built-in comparators:
 *
 * <ul>
 *   <li>{@link #exact()}: equal or not (score 1 or 0); the default for records and queries.
 *   <li>{@link #jaccard(double)}: overlap of the two sets of ids, for unordered results.
 *   <li>{@link #rankBiasedOverlap(double, double)}: overlap weighted towards the top, for ranked
 *       results.
 *   <li>{@link #activation(double, double)}: share of ids found on both sides with scores within a
 *       tolerance, for Engram recall (activation values).
 * </ul>
 *
 * <p>Implementations must be thread-safe and free of side effects.
 *
 * @param <T> the answer compared: {@link QueryResult} for named reads, a {@link dev.graphshift.GraphRecord}
 *     for reads by id
 */
@FunctionalInterface
public interface ShadowComparator<T> {

  /** How similar {@code actual} (the secondary's answer) is to {@code expected} (the primary's, mapped). */
  Similarity compare(T expected, T actual);

  /** Equal (by {@code equals}, vectors by content) scores 1 and matches; anything else scores 0. */
  static <T> ShadowComparator<T> exact() {
    return Comparators.exact();
  }

  /**
   * The Jaccard index of the two sets of hit ids, {@code |A ∩ B| / |A ∪ B|} (1 when both are empty);
   * ranks and scores are ignored. Matches when the index reaches {@code threshold}.
   *
   * @throws IllegalArgumentException if threshold is not within [0, 1]
   */
  static ShadowComparator<QueryResult> jaccard(double threshold) {
    return Comparators.jaccard(threshold);
  }

  /**
   * Rank-biased overlap (Webber, Moffat and Zobel, "A similarity measure for indefinite rankings",
   * 2010), in its extrapolated form for lists of different lengths (their equation 32): the agreement of
   * the two rankings at every depth, weighted by {@code p^(depth-1)}, so the top ranks count most (with
   * p = 0.9, the first 10 ranks carry about 86% of the weight). 1 for identical rankings, 0 for disjoint
   * ones; swapping the top two of otherwise identical rankings scores exactly {@code p}. Duplicate ids
   * count at their first rank. Matches when the score reaches {@code threshold}.
   *
   * @param p the persistence, in (0, 1): higher looks deeper
   * @throws IllegalArgumentException if p is not within (0, 1) or threshold not within [0, 1]
   */
  static ShadowComparator<QueryResult> rankBiasedOverlap(double p, double threshold) {
    return Comparators.rankBiasedOverlap(p, threshold);
  }

  /**
   * Activation similarity, for recall that scores each hit with an activation: the share of ids, over
   * the union of both answers, found on both sides with scores that differ by at most {@code
   * tolerance} (1 when both are empty). Matches when it reaches {@code threshold}.
   *
   * @throws IllegalArgumentException if tolerance is negative or not finite, or threshold not within
   *     [0, 1]
   */
  static ShadowComparator<QueryResult> activation(double tolerance, double threshold) {
    return Comparators.activation(tolerance, threshold);
  }
}
