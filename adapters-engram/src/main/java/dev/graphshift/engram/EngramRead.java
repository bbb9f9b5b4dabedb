package dev.graphshift.engram;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How a named application read is answered by Engram: a recall ({@code GET /api/v1/memories/recall})
 * whose cue comes from one parameter of {@link dev.graphshift.GraphDatabase#query}, either text (Engram
 * matches it against the memory ids and, case-insensitively, the contents) or an embedding of 768
 * values. The hits are the memories' node ids, best first, scored by Engram's similarity (for a text cue:
 * 1 for an id or substring match, 0.7 for a reverse substring match, less for word overlap), with the
 * node's properties.
 *
 * <pre>{@code
 * EngramGraphDatabase.builder("engram", uri)
 *     .read("similar", EngramRead.embedding("vector").maxResults(20).threshold(0.6))
 *     .read("mentions", EngramRead.text("q"))
 *     .build();
 * db.query("mentions", Map.of("q", "Ada Lovelace"));
 * }</pre>
 *
 * <p>At query time the parameters {@value #MAX_RESULTS_PARAMETER} and {@value #THRESHOLD_PARAMETER}, when
 * present, override the registered values.
 *
 * <p>Immutable.
 */
public final class EngramRead {

  /** Engram's default number of results. */
  public static final int DEFAULT_MAX_RESULTS = 10;
  /** Engram's default score threshold. */
  public static final double DEFAULT_THRESHOLD = 0.5;
  /** The query parameter that overrides {@link #maxResults()}. */
  public static final String MAX_RESULTS_PARAMETER = "maxResults";
  /** The query parameter that overrides {@link #threshold()}. */
  public static final String THRESHOLD_PARAMETER = "threshold";

  /** The kind of cue. */
  public enum Cue {
    /** A text cue. */
    TEXT,
    /** An embedding cue of 768 values. */
    EMBEDDING
  }

  private final Cue cue;
  private final String parameter;
  private final int maxResults;
  private final double threshold;
  private final Optional<String> space;

  private EngramRead(Cue cue, String parameter, int maxResults, double threshold, Optional<String> space) {
    this.cue = cue;
    this.parameter = parameter;
    this.maxResults = maxResults;
    this.threshold = threshold;
    this.space = space;
  }

  /** A recall whose text cue is the string parameter of this name. */
  public static EngramRead text(String parameter) {
    return new EngramRead(Cue.TEXT, requireNonNull(parameter, "parameter"), DEFAULT_MAX_RESULTS, DEFAULT_THRESHOLD,
        Optional.empty());
  }

  /**
   * A recall whose embedding cue is the parameter of this name: a {@code float[]}, a {@code double[]} or
   * a list of numbers, 768 long.
   */
  public static EngramRead embedding(String parameter) {
    return new EngramRead(Cue.EMBEDDING, requireNonNull(parameter, "parameter"), DEFAULT_MAX_RESULTS,
        DEFAULT_THRESHOLD, Optional.empty());
  }

  /**
   * This read with another number of results; default {@value #DEFAULT_MAX_RESULTS}.
   *
   * @throws IllegalArgumentException if maxResults is less than 1
   */
  public EngramRead maxResults(int maxResults) {
    if (maxResults < 1) {
      throw new IllegalArgumentException("maxResults must be at least 1: " + maxResults);
    }
    return new EngramRead(cue, parameter, maxResults, threshold, space);
  }

  /**
   * This read with another score threshold in [0, 1]; default {@value #DEFAULT_THRESHOLD}.
   *
   * @throws IllegalArgumentException if threshold is outside [0, 1]
   */
  public EngramRead threshold(double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold);
    }
    return new EngramRead(cue, parameter, maxResults, threshold, space);
  }

  /**
   * This read restricted to one space; by default it recalls from every space of the adapter's
   * partition and merges the hits by score.
   *
   * @throws IllegalArgumentException if the id breaks Engram's space-id rule
   */
  public EngramRead space(String space) {
    requireNonNull(space, "space");
    if (!SpacePartition.isValidSpaceId(space)) {
      throw new IllegalArgumentException("'" + space + "' is not an Engram space id");
    }
    return new EngramRead(cue, parameter, maxResults, threshold, Optional.of(space));
  }

  /** The kind of cue. */
  public Cue cue() {
    return cue;
  }

  /** The name of the parameter holding the cue. */
  public String parameter() {
    return parameter;
  }

  /** The number of results. */
  public int maxResults() {
    return maxResults;
  }

  /** The score threshold. */
  public double threshold() {
    return threshold;
  }

  /** The one space recalled from, if restricted. */
  public Optional<String> space() {
    return space;
  }

  @Override
  public String toString() {
    return "EngramRead[" + cue + " from '" + parameter + "', max " + maxResults + ", threshold " + threshold
        + space.map(s -> ", space " + s).orElse("") + "]";
  }
}
