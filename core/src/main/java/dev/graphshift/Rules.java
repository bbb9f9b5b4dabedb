package dev.graphshift;

/**
 * The names of the rules a record can break, in one place. A {@link Rejected} carries one of them, so
 * reports can group rejections by rule. Adapters and the mapper add their own under a prefix
 * ({@code neptune.}, {@code engram.}, {@code mapping.}), declared here too so that no rule is named twice.
 *
 * <p>Immutable.
 */
public final class Rules {
  private Rules() {}

  /** The record's id is blank. */
  public static final String ID_MISSING = "id-missing";
  /** The same id appears more than once in one batch; the first occurrence is written. */
  public static final String DUPLICATE_ID = "duplicate-id";
  /** A label is blank or not well-formed UTF-16. */
  public static final String LABEL_INVALID = "label-invalid";
  /** A relationship type is blank or not well-formed UTF-16. */
  public static final String TYPE_INVALID = "type-invalid";
  /** A property key is blank or not well-formed UTF-16. */
  public static final String PROPERTY_KEY_INVALID = "property-key-invalid";
  /** A property value is outside the closed set of {@link PropertyValues}. */
  public static final String VALUE_KIND = "value-kind";
  /** A number or vector element is NaN or infinite. */
  public static final String VALUE_NOT_FINITE = "value-not-finite";
  /** A relationship's start or end node does not exist in the target. */
  public static final String DANGLING_ENDPOINT = "dangling-endpoint";
  /** The database cannot store this kind of record, or cannot perform this operation at all. */
  public static final String UNSUPPORTED_CAPABILITY = "unsupported-capability";
  /** The record is larger than the database accepts. */
  public static final String TOO_LARGE = "too-large";
  /** The record cannot be read from the source under the configured identity (no identity value). */
  public static final String IDENTITY_MISSING = "identity-missing";
  /** The configured identity cannot be written (an element id chosen by the database). */
  public static final String IDENTITY_NOT_WRITABLE = "identity-not-writable";

  /** A vector has the wrong number of dimensions. */
  public static final String EMBEDDING_DIMENSION = "mapping.embedding-dimension";
  /** A property the mapping requires is absent. */
  public static final String REQUIRED_PROPERTY = "mapping.required-property";
  /** A property cannot be converted as the mapping says. */
  public static final String CONVERSION = "mapping.conversion";
  /** The embedder failed or returned no vector for the record. */
  public static final String EMBEDDING_FAILED = "mapping.embedding-failed";
  /** A property value of a kind the mapping forbids (a vector, list or temporal under a REJECT policy). */
  public static final String VALUE_FORBIDDEN = "mapping.value-forbidden";
  /** A renamed property would take the name of another property of the same record. */
  public static final String PROPERTY_CONFLICT = "mapping.property-conflict";

  /**
   * A record collides with the Neo4j adapter's identity settings: a node property named like the identity
   * property, a node carrying the key label itself, or a relationship property named like the relationship
   * identity property. The adapter keeps the id in that property and hides the key label on read, so
   * writing such a record would lose or overwrite data.
   */
  public static final String NEO4J_IDENTITY_CONFLICT = "neo4j.identity-conflict";
  /**
   * A label, relationship type or property key Neo4j cannot hold as a token name: it contains a NUL
   * character, which Neo4j refuses (failing the whole transaction were it sent).
   */
  public static final String NEO4J_NAME_INVALID = "neo4j.name-invalid";

  /** A value the Neptune value policy rejects (for example a vector under the REJECT policy). */
  public static final String NEPTUNE_VALUE_POLICY = "neptune.value-policy";
  /** A label Neptune cannot store as written (it holds {@code ::}, Neptune's label separator, or is {@code vertex}). */
  public static final String NEPTUNE_LABEL = "neptune.label";

  /** The content of a memory exceeds Engram's 100 000-byte limit. */
  public static final String ENGRAM_CONTENT_TOO_LARGE = "engram.content-too-large";
  /** A memory has no usable 768-dimension embedding. */
  public static final String ENGRAM_EMBEDDING = "engram.embedding";
  /** A memory's embedding is within cosine 0.95 of another's, which Engram would silently drop. */
  public static final String ENGRAM_NEAR_DUPLICATE = "engram.near-duplicate";
  /** A memory space would pass Engram's 100 000-memory hot-tier cap. */
  public static final String ENGRAM_SPACE_FULL = "engram.space-full";
  /**
   * Engram answered 201 but read-after-write verification did not find the memory as written (a
   * deduplication skip or replacement, or an eviction).
   */
  public static final String ENGRAM_NOT_STORED = "engram.not-stored";
}
