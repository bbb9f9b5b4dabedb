package dev.graphshift.neptune;

import static java.util.Objects.requireNonNull;

import dev.graphshift.neptune.internal.ValueCodec;
import java.util.Optional;

/**
 * What the Neptune adapter does with property values Neptune has no type for. Neptune's Gremlin
 * property values are strings, booleans, numbers and dates; it has no list, vector, local date or time
 * type, and no list cardinality. Each such value is converted by the rule chosen here, or the record is
 * rejected with {@link dev.graphshift.Rules#NEPTUNE_VALUE_POLICY} and a message naming the property:
 * never coerced silently.
 *
 * <table>
 *   <caption>Conversions and how they read back</caption>
 *   <tr><th>Value</th><th>Policy</th><th>Stored as</th><th>Reads back as</th></tr>
 *   <tr><td>String, Boolean, Long, Double</td><td>-</td><td>itself, single cardinality</td><td>itself</td></tr>
 *   <tr><td>List on a vertex</td><td>{@link ListPolicy#SET} (default)</td><td>one set-cardinality value per
 *       distinct element</td><td>a list of the distinct elements in ascending order; one element reads back as
 *       that scalar, an empty list as an absent property. <b>Lost: order and duplicates.</b></td></tr>
 *   <tr><td>List on an edge</td><td>{@link ListPolicy#SET}</td><td>a JSON array string (Neptune edges have
 *       single cardinality only)</td><td>the JSON string</td></tr>
 *   <tr><td>List</td><td>{@link ListPolicy#JSON}</td><td>a JSON array string</td><td>the JSON string</td></tr>
 *   <tr><td>float[], double[]</td><td>{@link VectorPolicy#JSON} (default)</td><td>a JSON array string
 *       ({@code Float.toString}/{@code Double.toString} of each element)</td><td>the JSON string</td></tr>
 *   <tr><td>float[], double[]</td><td>{@link VectorPolicy#REJECT}</td><td>-</td><td>rejected</td></tr>
 *   <tr><td>OffsetDateTime, ZonedDateTime</td><td>{@link TemporalPolicy#DATE} (default)</td><td>{@code
 *       java.util.Date} of the same instant (milliseconds; the offset or zone is not kept)</td><td>{@code
 *       OffsetDateTime} at UTC, truncated to milliseconds</td></tr>
 *   <tr><td>LocalDateTime</td><td>{@link TemporalPolicy#DATE}</td><td>{@code Date}, read as UTC</td><td>{@code
 *       OffsetDateTime} at UTC, truncated to milliseconds</td></tr>
 *   <tr><td>LocalDate</td><td>{@link TemporalPolicy#DATE}</td><td>{@code Date} at midnight UTC</td><td>{@code
 *       OffsetDateTime} at midnight UTC</td></tr>
 *   <tr><td>LocalTime, OffsetTime</td><td>{@link TemporalPolicy#DATE}</td><td>-</td><td>rejected (a time of day
 *       has no date)</td></tr>
 *   <tr><td>any temporal</td><td>{@link TemporalPolicy#ISO_STRING}</td><td>its ISO-8601 string ({@code
 *       toString()})</td><td>the string</td></tr>
 * </table>
 *
 * <p>{@link #readBack(Object, boolean)} answers, for any value, what reading it back gives; the
 * conformance tests declare their expectations through it.
 *
 * <p>Immutable.
 *
 * @param lists what lists become
 * @param vectors what vectors become
 * @param temporals what {@code java.time} values become
 */
public record NeptuneValuePolicy(ListPolicy lists, VectorPolicy vectors, TemporalPolicy temporals) {

  /** The default for lists: {@link ListPolicy#SET}, as Neptune's own tools do for node properties. */
  public static final ListPolicy DEFAULT_LISTS = ListPolicy.SET;
  /** The default for vectors: {@link VectorPolicy#JSON}. */
  public static final VectorPolicy DEFAULT_VECTORS = VectorPolicy.JSON;
  /** The default for temporals: {@link TemporalPolicy#DATE}, Neptune's native datetime. */
  public static final TemporalPolicy DEFAULT_TEMPORALS = TemporalPolicy.DATE;

  /** What lists become. */
  public enum ListPolicy {
    /** Vertex lists become set-cardinality values (order and duplicates lost); edge lists JSON strings. */
    SET,
    /** Lists become JSON array strings. */
    JSON
  }

  /** What vectors ({@code float[]}, {@code double[]}) become. */
  public enum VectorPolicy {
    /** Vectors become JSON array strings. */
    JSON,
    /** Records holding a vector are rejected. */
    REJECT
  }

  /** What {@code java.time} values become. */
  public enum TemporalPolicy {
    /** Dates and date-times become {@code java.util.Date}; times of day are rejected. */
    DATE,
    /** Every temporal becomes its ISO-8601 string. */
    ISO_STRING
  }

  /**
   * Creates a policy.
   *
   * @throws NullPointerException if an argument is null
   */
  public NeptuneValuePolicy {
    requireNonNull(lists, "lists");
    requireNonNull(vectors, "vectors");
    requireNonNull(temporals, "temporals");
  }

  /** The defaults: {@link #DEFAULT_LISTS}, {@link #DEFAULT_VECTORS}, {@link #DEFAULT_TEMPORALS}. */
  public static NeptuneValuePolicy defaults() {
    return new NeptuneValuePolicy(DEFAULT_LISTS, DEFAULT_VECTORS, DEFAULT_TEMPORALS);
  }

  /** This policy with another rule for lists. */
  public NeptuneValuePolicy withLists(ListPolicy policy) {
    return new NeptuneValuePolicy(policy, vectors, temporals);
  }

  /** This policy with another rule for vectors. */
  public NeptuneValuePolicy withVectors(VectorPolicy policy) {
    return new NeptuneValuePolicy(lists, policy, temporals);
  }

  /** This policy with another rule for temporals. */
  public NeptuneValuePolicy withTemporals(TemporalPolicy policy) {
    return new NeptuneValuePolicy(lists, vectors, policy);
  }

  /**
   * What reading a value back gives after it was written under this policy: the value itself, its
   * documented conversion, or empty if the policy rejects it or stores nothing (an empty list under
   * {@link ListPolicy#SET}).
   *
   * @param value a value of the closed set of {@link dev.graphshift.PropertyValues}
   * @param onEdge whether the value is an edge property (edges have single cardinality only)
   */
  public Optional<Object> readBack(Object value, boolean onEdge) {
    return new ValueCodec(this).readBack(requireNonNull(value, "value"), onEdge);
  }
}
