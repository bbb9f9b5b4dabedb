package dev.graphshift;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The normalized answer of a named application read ({@link GraphDatabase#query(String, Map)}): ranked
 * hits, each an id with a score and properties. Every database answers a name in its own native way (a
 * Cypher statement, a Gremlin traversal, an Engram recall) and returns this one shape, which is what
 * shadow reads compare and cutover routes.
 *
 * <p>Immutable.
 *
 * @param hits the hits, best first
 */
public record QueryResult(List<Hit> hits) {

  private static final QueryResult EMPTY = new QueryResult(List.of());

  public QueryResult {
    hits = List.copyOf(hits);
  }

  /** No hits. */
  public static QueryResult empty() {
    return EMPTY;
  }

  /** Hits for the given ids, in order, each with score 1 and no properties. */
  public static QueryResult ofIds(List<String> ids) {
    List<Hit> hits = new ArrayList<>(ids.size());
    for (String id : ids) {
      hits.add(new Hit(id, 1.0, Map.of()));
    }
    return new QueryResult(hits);
  }

  /** The ids of the hits, in rank order. */
  public List<String> ids() {
    List<String> ids = new ArrayList<>(hits.size());
    for (Hit h : hits) {
      ids.add(h.id());
    }
    return ids;
  }

  /** The ids of the hits as a set (rank ignored), in rank order. */
  public Set<String> idSet() {
    return new LinkedHashSet<>(ids());
  }

  /** The number of hits. */
  public int size() {
    return hits.size();
  }

  /**
   * One hit of a query.
   *
   * <p>Immutable.
   *
   * @param id the migration id of the record found
   * @param score the database's score (similarity, activation, or 1 when the database has none)
   * @param properties properties the query returned, possibly none
   */
  public record Hit(String id, double score, Map<String, Object> properties) {
    public Hit {
      requireNonNull(id, "id");
      properties = PropertyValues.normalize(requireNonNull(properties, "properties"));
    }

    @Override
    public boolean equals(Object o) {
      return this == o
          || (o instanceof Hit h
              && id.equals(h.id)
              && Double.compare(score, h.score) == 0
              && PropertyValues.equals(properties, h.properties));
    }

    @Override
    public int hashCode() {
      return 31 * (31 * id.hashCode() + Double.hashCode(score)) + PropertyValues.hashCode(properties);
    }
  }
}
