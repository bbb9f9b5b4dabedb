package dev.graphshift.shadow;

/**
 * The verdict of a {@link ShadowComparator}: how similar the secondary's answer is to the primary's,
 * and whether that counts as a match.
 *
 * <p>Immutable.
 *
 * @param score the similarity, in [0, 1]: 1 for the same answer
 * @param matched whether the answers match (usually: the score reaches the comparator's threshold)
 */
public record Similarity(double score, boolean matched) {
  /** The same answer. */
  public static final Similarity SAME = new Similarity(1, true);
  /** Nothing in common. */
  public static final Similarity NONE = new Similarity(0, false);

  /**
   * Creates a verdict.
   *
   * @throws IllegalArgumentException if the score is not within [0, 1]
   */
  public Similarity {
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("a similarity must be within [0, 1]: " + score);
    }
  }

  /**
   * A verdict that matches when the score reaches the threshold.
   *
   * @throws IllegalArgumentException if the score is not within [0, 1]
   */
  public static Similarity of(double score, double threshold) {
    return new Similarity(score, score >= threshold);
  }
}
