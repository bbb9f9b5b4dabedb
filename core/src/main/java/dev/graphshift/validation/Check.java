package dev.graphshift.validation;

/**
 * The checks a validation makes, each with its threshold in {@link ValidationThresholds}.
 *
 * <p>Immutable.
 */
public enum Check {
  /** Records per label and relationship type, source (through the mapping) against target. */
  COUNTS("counts"),
  /** Source records absent from the target. */
  MISSING("missing"),
  /** Records present on both sides whose labels, type, endpoints or (non-vector) properties differ. */
  PROPERTIES("properties"),
  /** Records whose vectors differ by cosine similarity below the minimum, or in dimension or presence. */
  EMBEDDINGS("embeddings"),
  /** Nodes whose number of relationships differs between the sides. */
  EDGE_COUNTS("edge-counts"),
  /** Target records absent from the source (full validation only). */
  EXTRA("extra");

  private final String key;

  Check(String key) {
    this.key = key;
  }

  /** The name in reports and JSON, for example {@code edge-counts}. */
  public String key() {
    return key;
  }
}
