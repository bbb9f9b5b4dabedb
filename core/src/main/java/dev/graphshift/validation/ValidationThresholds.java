package dev.graphshift.validation;

/**
 * The failure rates a validation tolerates, each the largest share of checked records that may fail
 * while the check still passes, in [0, 1]; and the least cosine similarity at which two vectors count as
 * equal. The defaults come from practice: no missing record, embedding mismatches at most 0.01%, edge-count
 * mismatches at most 0.1%, no property mismatch, no extra record, no count difference.
 *
 * <p>A sample can only measure rates in steps of {@code 1 / sampleSize}: with the default 1 000 nodes, one
 * embedding mismatch (0.1%) already fails the 0.01% threshold, and demonstrating a rate under 0.01% takes a
 * sample of 10 000 or more, or a full validation.
 *
 * <p>Immutable.
 *
 * @param missing the largest share of source records absent from the target (default 0)
 * @param propertyMismatches the largest share of records whose labels, type, endpoints or properties differ
 *     (default 0)
 * @param embeddingMismatches the largest share of records whose vectors differ (default 0.0001, 0.01%)
 * @param edgeCountMismatches the largest share of nodes whose relationship count differs (default 0.001, 0.1%)
 * @param extra the largest share of target records absent from the source (default 0)
 * @param countDifference the largest total count difference, as a share of the expected total (default 0)
 * @param minEmbeddingSimilarity the least cosine similarity of two vectors that match (default 0.99)
 */
public record ValidationThresholds(
    double missing,
    double propertyMismatches,
    double embeddingMismatches,
    double edgeCountMismatches,
    double extra,
    double countDifference,
    double minEmbeddingSimilarity) {

  /** The default share of missing records: none. */
  public static final double DEFAULT_MISSING = 0.0;
  /** The default share of property mismatches: none. */
  public static final double DEFAULT_PROPERTY_MISMATCHES = 0.0;
  /** The default share of embedding mismatches: 0.01%. */
  public static final double DEFAULT_EMBEDDING_MISMATCHES = 0.0001;
  /** The default share of edge-count mismatches: 0.1%. */
  public static final double DEFAULT_EDGE_COUNT_MISMATCHES = 0.001;
  /** The default share of extra records: none. */
  public static final double DEFAULT_EXTRA = 0.0;
  /** The default count difference: none. */
  public static final double DEFAULT_COUNT_DIFFERENCE = 0.0;
  /** The default least cosine similarity of matching vectors. */
  public static final double DEFAULT_MIN_EMBEDDING_SIMILARITY = 0.99;

  /**
   * Creates thresholds.
   *
   * @throws IllegalArgumentException naming the value, if a share is outside [0, 1] or the similarity
   *     outside [-1, 1]
   */
  public ValidationThresholds {
    share(missing, "missing");
    share(propertyMismatches, "propertyMismatches");
    share(embeddingMismatches, "embeddingMismatches");
    share(edgeCountMismatches, "edgeCountMismatches");
    share(extra, "extra");
    share(countDifference, "countDifference");
    if (!(minEmbeddingSimilarity >= -1 && minEmbeddingSimilarity <= 1)) {
      throw new IllegalArgumentException("minEmbeddingSimilarity must be in [-1, 1]: " + minEmbeddingSimilarity);
    }
  }

  private static void share(double value, String name) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be a share in [0, 1]: " + value);
    }
  }

  /** The defaults. */
  public static ValidationThresholds defaults() {
    return new ValidationThresholds(DEFAULT_MISSING, DEFAULT_PROPERTY_MISMATCHES, DEFAULT_EMBEDDING_MISMATCHES,
        DEFAULT_EDGE_COUNT_MISMATCHES, DEFAULT_EXTRA, DEFAULT_COUNT_DIFFERENCE, DEFAULT_MIN_EMBEDDING_SIMILARITY);
  }

  /** These thresholds with another share of missing records. */
  public ValidationThresholds withMissing(double share) {
    return new ValidationThresholds(share, propertyMismatches, embeddingMismatches, edgeCountMismatches, extra,
        countDifference, minEmbeddingSimilarity);
  }

  /** These thresholds with another share of property mismatches. */
  public ValidationThresholds withPropertyMismatches(double share) {
    return new ValidationThresholds(missing, share, embeddingMismatches, edgeCountMismatches, extra,
        countDifference, minEmbeddingSimilarity);
  }

  /** These thresholds with another share of embedding mismatches. */
  public ValidationThresholds withEmbeddingMismatches(double share) {
    return new ValidationThresholds(missing, propertyMismatches, share, edgeCountMismatches, extra,
        countDifference, minEmbeddingSimilarity);
  }

  /** These thresholds with another share of edge-count mismatches. */
  public ValidationThresholds withEdgeCountMismatches(double share) {
    return new ValidationThresholds(missing, propertyMismatches, embeddingMismatches, share, extra,
        countDifference, minEmbeddingSimilarity);
  }

  /** These thresholds with another share of extra records. */
  public ValidationThresholds withExtra(double share) {
    return new ValidationThresholds(missing, propertyMismatches, embeddingMismatches, edgeCountMismatches, share,
        countDifference, minEmbeddingSimilarity);
  }

  /** These thresholds with another count difference. */
  public ValidationThresholds withCountDifference(double share) {
    return new ValidationThresholds(missing, propertyMismatches, embeddingMismatches, edgeCountMismatches, extra,
        share, minEmbeddingSimilarity);
  }

  /** These thresholds with another least cosine similarity of matching vectors. */
  public ValidationThresholds withMinEmbeddingSimilarity(double similarity) {
    return new ValidationThresholds(missing, propertyMismatches, embeddingMismatches, edgeCountMismatches, extra,
        countDifference, similarity);
  }

  /** The threshold of a check. */
  public double of(Check check) {
    return switch (check) {
      case COUNTS -> countDifference;
      case MISSING -> missing;
      case PROPERTIES -> propertyMismatches;
      case EMBEDDINGS -> embeddingMismatches;
      case EDGE_COUNTS -> edgeCountMismatches;
      case EXTRA -> extra;
    };
  }
}
