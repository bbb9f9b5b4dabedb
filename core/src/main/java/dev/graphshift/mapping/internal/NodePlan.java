package dev.graphshift.mapping.internal;

import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Rules;
import dev.graphshift.mapping.EmbeddingRule;
import dev.graphshift.mapping.MissingEmbedding;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The compiled mapping of the nodes with one set of labels: target labels resolved once, property plan,
 * embedding rule.
 *
 * <p>Immutable.
 */
public final class NodePlan {
  private final PropertyPlan properties;
  private final Set<String> targetLabels;
  private final boolean labelsUnchanged;
  private final @Nullable EmbeddingRule embedding;
  private final boolean passThrough;

  NodePlan(PropertyPlan properties, Set<String> targetLabels, boolean labelsUnchanged,
      @Nullable EmbeddingRule embedding) {
    this.properties = properties;
    this.targetLabels = targetLabels;
    this.labelsUnchanged = labelsUnchanged;
    this.embedding = embedding;
    this.passThrough = properties.passThrough && labelsUnchanged && embedding == null;
  }

  /** The target labels of these nodes. */
  public Set<String> targetLabels() {
    return targetLabels;
  }

  /**
   * Maps a node.
   *
   * @return the mapped {@link Node} (the same instance when nothing changes), a {@link Rejected}, or a
   *     {@link Pending} when its embedding is to be generated
   */
  public Object map(Node node, Scratch s) {
    Map<String, Object> src = node.properties();
    if (passThrough) {
      return properties.hasRequired(src, s) ? node : rejected(node, s);
    }
    int n = properties.map(src, s);
    if (n < 0) {
      return rejected(node, s);
    }
    EmbeddingRule rule = embedding;
    if (rule != null) {
      Object value = s.embedding;
      if (value != null) {
        float[] vector = Values.floats(value, rule.dimension(), properties.context, rule.property(), s);
        if (vector == null) {
          return rejected(node, s);
        }
        s.kv[n++] = rule.targetProperty();
        s.kv[n++] = vector;
      } else if (rule.whenMissing() == MissingEmbedding.REJECT) {
        return new Rejected(node, Rules.REQUIRED_PROPERTY, properties.context + ": the embedding property '"
            + rule.property() + "' is absent");
      } else if (rule.whenMissing() == MissingEmbedding.GENERATE) {
        return new Pending(this, node, new Node(node.id(), targetLabels, ImmutableMaps.of(s.kv, n)));
      }
    }
    if (!s.changed && labelsUnchanged) {
      return node;
    }
    return new Node(node.id(), targetLabels, ImmutableMaps.of(s.kv, n));
  }

  /**
   * The pending node with its generated vector attached, a {@link Rejected} if the vector is unusable.
   */
  public Object complete(Pending pending, float @Nullable [] vector, String embedderName, Scratch s) {
    EmbeddingRule rule = Objects.requireNonNull(embedding, "embedding");
    if (vector == null) {
      return new Rejected(pending.source(), Rules.EMBEDDING_FAILED, properties.context + ": the embedder '"
          + embedderName + "' returned no vector for this node");
    }
    float[] checked = Values.floats(vector, rule.dimension(), properties.context + ", embedder '" + embedderName
        + "'", rule.targetProperty(), s);
    if (checked == null) {
      return rejected(pending.source(), s);
    }
    Map<String, Object> partial = pending.partial().properties();
    Object[] kv = s.ensure(2 * partial.size() + 2);
    int n = 0;
    for (Map.Entry<String, Object> e : partial.entrySet()) {
      kv[n++] = e.getKey();
      kv[n++] = e.getValue();
    }
    kv[n++] = rule.targetProperty();
    kv[n++] = checked;
    return new Node(pending.partial().id(), targetLabels, ImmutableMaps.of(kv, n));
  }

  /** The context of this plan's messages, for example {@code label 'Person'}. */
  public String context() {
    return properties.context;
  }

  private static Rejected rejected(Node node, Scratch s) {
    return new Rejected(node, s.rule(), s.message());
  }
}
