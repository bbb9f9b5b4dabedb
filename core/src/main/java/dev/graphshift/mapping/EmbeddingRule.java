package dev.graphshift.mapping;

import static java.util.Objects.requireNonNull;

/**
 * How nodes get their embedding: copied from a source property, checked and converted to {@code
 * float[]}, or (when absent) generated from the node's content, rejected, or left out.
 *
 * <p>A present embedding is accepted as {@code float[]} (carried over as is, not copied), {@code double[]}
 * or a list of numbers (both converted to {@code float[]}). A node whose embedding has another number of
 * dimensions is rejected with {@link dev.graphshift.Rules#EMBEDDING_DIMENSION}, one with a NaN or infinite
 * element with {@link dev.graphshift.Rules#VALUE_NOT_FINITE}, one whose embedding is not a vector with
 * {@link dev.graphshift.Rules#CONVERSION}. A generated embedding is the {@link Embedder}'s vector for the
 * node's {@linkplain EngramModel#content content} (computed without the embedding), checked the same way.
 *
 * <p>Immutable.
 *
 * @param property the source property holding the embedding
 * @param targetProperty the property the mapped node holds it in
 * @param dimension the number of dimensions, at least 1
 * @param whenMissing what happens to a node without the source property
 */
public record EmbeddingRule(String property, String targetProperty, int dimension, MissingEmbedding whenMissing) {

  /**
   * Creates a rule.
   *
   * @throws IllegalArgumentException if a name is blank or the dimension is below 1
   */
  public EmbeddingRule {
    Names.check(property, "property");
    Names.check(targetProperty, "targetProperty");
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1: " + dimension);
    }
    requireNonNull(whenMissing, "whenMissing");
  }

  /**
   * Engram's: the {@value EngramModel#EMBEDDING} property, {@value EngramModel#DIMENSION} dimensions,
   * generated when missing.
   */
  public static EmbeddingRule engram() {
    return new EmbeddingRule(EngramModel.EMBEDDING, EngramModel.EMBEDDING, EngramModel.DIMENSION,
        MissingEmbedding.GENERATE);
  }
}
