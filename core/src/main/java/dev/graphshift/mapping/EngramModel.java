package dev.graphshift.mapping;

import dev.graphshift.Node;
import dev.graphshift.mapping.internal.CanonicalJson;

/**
 * How an Engram target is represented in the model, in one place: the names the {@link
 * SchemaMapping#neo4jToEngram() Neo4j to Engram mapping} writes and the Engram adapter reads.
 *
 * <p>A mapped node is one memory: its {@link Node#id() id} is the memory id (the adapter encodes it for
 * Engram's identifier rules), its labels carry the memory type/space, and its properties hold
 *
 * <ul>
 *   <li>{@value #EMBEDDING}: the {@code float[]} embedding of {@value #DIMENSION} dimensions;
 *   <li>{@value #STRENGTH}: {@code 1.0} ({@value #INITIAL_STRENGTH}) when migrated;
 *   <li>{@value #LAST_ACCESSED}: a copy of {@value #CREATED_AT}, when the node has one;
 *   <li>the node's other (mapped) properties: the memory's content.
 * </ul>
 *
 * <p>The memory's text is {@link #content(Node)}: the {@value #CONTENT} property if it is a string,
 * otherwise canonical JSON of the labels and every property but the embedding. A generated embedding
 * is the embedding of that text, computed before the embedding is attached: the meaning of the memory.
 * What the Engram adapter stores as the memory's content is its own reversible envelope of the same
 * labels and properties (id included, so that a memory reads back as its node; see the adapter's {@code
 * EngramModel}), so a backfilled and a dual-written node carry the same embedding and the same content.
 *
 * <p>A mapped relationship is a weighted edge: its {@value #WEIGHT} property is a {@code Double} computed
 * by the rule of its type ({@code READ}: {@code min(duration / 300, 1)}; {@code SIMILAR_TO}: {@code
 * similarity}; otherwise {@value #DEFAULT_WEIGHT}).
 *
 * <p>Immutable.
 */
public final class EngramModel {
  /** The {@code float[]} embedding property of a memory. */
  public static final String EMBEDDING = "embedding";
  /** A string property that, when present, is the memory's text as it is. */
  public static final String CONTENT = "content";
  /** The memory's strength, {@value #INITIAL_STRENGTH} when migrated. */
  public static final String STRENGTH = "strength";
  /** When the memory was last accessed: copied from {@value #CREATED_AT} when migrated. */
  public static final String LAST_ACCESSED = "last_accessed";
  /** The source property {@value #LAST_ACCESSED} is copied from. */
  public static final String CREATED_AT = "created_at";
  /** The {@code Double} weight of a mapped relationship. */
  public static final String WEIGHT = "weight";
  /** Engram's embedding dimension, fixed on every API. */
  public static final int DIMENSION = 768;
  /** The strength of a migrated memory. */
  public static final double INITIAL_STRENGTH = 1.0;
  /** The weight of relationships whose type has no rule. */
  public static final double DEFAULT_WEIGHT = 0.5;
  /** {@code READ} relationships weigh {@code min(duration / READ_FULL_DURATION, 1)}. */
  public static final double READ_FULL_DURATION = 300;

  private EngramModel() {}

  /**
   * The text of a memory: the {@value #CONTENT} property if it is a string, otherwise canonical JSON of
   * the node's labels and properties without the {@value #EMBEDDING}: {@code
   * {"labels":["Person"],"properties":{"age":42,"name":"Alice"}}}, labels and keys sorted, strings
   * escaped as JSON, temporals as ISO-8601 strings, vectors and lists as arrays. Equal nodes give equal
   * text; nodes whose labels or properties differ give different text.
   */
  public static String content(Node node) {
    if (node.properties().get(CONTENT) instanceof String s) {
      return s;
    }
    return CanonicalJson.of(node.labels(), node.properties(), EMBEDDING);
  }
}
