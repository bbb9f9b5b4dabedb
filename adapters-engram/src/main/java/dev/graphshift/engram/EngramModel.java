package dev.graphshift.engram;

import dev.graphshift.Node;
import dev.graphshift.engram.internal.ContentCodec;
import dev.graphshift.engram.internal.IdCodec;
import java.util.Optional;

/**
 * How a node becomes an Engram memory, in one place: the conventions the Engram adapter and the schema
 * mapper agree on.
 *
 * <table>
 *   <caption>Node to memory</caption>
 *   <tr><th>Memory field</th><th>From the node</th></tr>
 *   <tr><td>{@code id}</td><td>the node id, encoded by {@link #memoryId(String)}: {@code n_} then the id
 *       with {@code [A-Za-z0-9]} kept, {@code _} doubled and every other code point written as {@code
 *       _<lowercase hex>_}, so that it satisfies Engram's identifier rule {@code [A-Za-z_][A-Za-z0-9_]*};
 *       {@link #nodeId(String)} reverses it</td></tr>
 *   <tr><td>{@code embedding}</td><td>the {@value #EMBEDDING_PROPERTY} property, a {@code float[]} (or
 *       {@code double[]}, narrowed) of exactly {@value #DIMENSIONS} finite values, neither all zero nor
 *       constant; without it, the adapter's embedder supplies one from the content, or the node is
 *       rejected: Engram's default embedding ({@code [0.5]*768}) is never sent</td></tr>
 *   <tr><td>{@code content}</td><td>for a node without labels whose only properties are a non-blank
 *       {@value #CONTENT_PROPERTY} string and the embedding: that string, verbatim; for every other node: the
 *       canonical JSON envelope {@code {"graphshift":1,"id":...,"labels":[...],"properties":{...}}} of its
 *       id, sorted labels and properties (all but the embedding), in which values JSON has no type for are
 *       tagged ({@code {"date":"2024-02-29"}}, {@code {"float[]":[...]}}, ...). At most {@value
 *       #MAX_CONTENT_BYTES} bytes of UTF-8</td></tr>
 *   <tr><td>{@code confidence}</td><td>the {@value #CONFIDENCE_PROPERTY} property when it is a number in
 *       [0, 1], else the adapter's default (Engram's is 0.7); the property itself also stays in the
 *       envelope</td></tr>
 *   <tr><td>{@code timestamp}</td><td>the time of the write, from the adapter's clock</td></tr>
 *   <tr><td>memory space</td><td>chosen by the adapter's {@link SpacePartition}</td></tr>
 * </table>
 *
 * <p><b>Reading back.</b> A memory reads back as the node it was written from, every value of the
 * closed set equal to what was written, except the {@value #EMBEDDING_PROPERTY} property: Engram's GET
 * by id does not return the vector, so reads never include it (it is the memory's index vector, not a
 * stored property). A memory whose content is not an envelope (raw content, or a memory written by
 * another client) reads back as a node without labels whose only property is {@value #CONTENT_PROPERTY};
 * a memory id that is not an encoding of {@link #memoryId(String)} is used as the node id unchanged.
 *
 * <p>Immutable.
 */
public final class EngramModel {
  private EngramModel() {}

  /** The property holding the memory's embedding: the mapper's {@link dev.graphshift.mapping.EngramModel#EMBEDDING}. */
  public static final String EMBEDDING_PROPERTY = dev.graphshift.mapping.EngramModel.EMBEDDING;
  /**
   * The property whose string becomes the memory's content when it is the node's only data: the mapper's
   * {@link dev.graphshift.mapping.EngramModel#CONTENT}.
   */
  public static final String CONTENT_PROPERTY = dev.graphshift.mapping.EngramModel.CONTENT;
  /** The property the memory's confidence is taken from. */
  public static final String CONFIDENCE_PROPERTY = "confidence";
  /** Engram's embedding dimension: the mapper's {@link dev.graphshift.mapping.EngramModel#DIMENSION}. */
  public static final int DIMENSIONS = dev.graphshift.mapping.EngramModel.DIMENSION;
  /** Engram's limit on a memory's content, in bytes of UTF-8. */
  public static final int MAX_CONTENT_BYTES = 100_000;
  /** The cosine similarity at or above which Engram keeps only one of two memories. */
  public static final double NEAR_DUPLICATE_COSINE = 0.95;
  /** The number of hot memories per space beyond which Engram evicts. */
  public static final int SPACE_CAPACITY = 100_000;
  /** The prefix of every memory id the adapter writes. */
  public static final String MEMORY_ID_PREFIX = IdCodec.PREFIX;

  /** The memory id of a node id. */
  public static String memoryId(String nodeId) {
    return IdCodec.encode(nodeId);
  }

  /** The node id a memory id encodes, or empty if it is not such an encoding. */
  public static Optional<String> nodeId(String memoryId) {
    return IdCodec.decode(memoryId);
  }

  /** The content of a node's memory (the embedding property left out). */
  public static String content(Node node) {
    return ContentCodec.encode(node, CONTENT_PROPERTY, EMBEDDING_PROPERTY);
  }

  /** The node a memory with this id and content reads back as. */
  public static Node node(String memoryId, String content) {
    return ContentCodec.decode(nodeId(memoryId).orElse(memoryId), content, CONTENT_PROPERTY);
  }
}
