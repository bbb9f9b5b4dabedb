package dev.graphshift.neo4j;

import dev.graphshift.Rejected;
import java.time.Instant;
import java.util.List;

/**
 * A write call to a {@link Neo4jGraphDatabase} finished.
 *
 * <p>Immutable.
 *
 * @param database the database's name
 * @param at when it finished, from the adapter's clock
 * @param kind {@code "node"} or {@code "relationship"}
 * @param ids the ids of the records offered, in order
 * @param written how many were written
 * @param skipped how many were skipped because they existed (INSERT_IF_ABSENT)
 * @param rejected the rejected records, with rules and messages
 */
public record BatchWrittenEvent(String database, Instant at, String kind, List<String> ids, int written, int skipped,
    List<Rejected> rejected) {

  public BatchWrittenEvent {
    ids = List.copyOf(ids);
    rejected = List.copyOf(rejected);
  }
}
