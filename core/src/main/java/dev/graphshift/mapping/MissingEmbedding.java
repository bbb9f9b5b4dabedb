package dev.graphshift.mapping;

/**
 * What an {@link EmbeddingRule} does with a node that has no embedding property.
 *
 * <p>Immutable.
 */
public enum MissingEmbedding {
  /** Generate one from the node's content through the mapper's {@link Embedder}. */
  GENERATE,
  /** Reject the node with the rule {@link dev.graphshift.Rules#REQUIRED_PROPERTY}. */
  REJECT,
  /** Map the node without an embedding. */
  OMIT;

  /** The name used in YAML: {@code generate}, {@code reject} or {@code omit}. */
  public String yamlName() {
    return YamlNames.of(this);
  }
}
