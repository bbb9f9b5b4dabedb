package dev.graphshift.neo4j;

import dev.graphshift.GraphShiftException;
import java.time.Instant;
import java.util.List;

/**
 * A call to a {@link Neo4jGraphDatabase} failed after the driver's retries.
 *
 * <p>Immutable.
 *
 * @param database the database's name
 * @param at when it failed, from the adapter's clock
 * @param operation what was being done, for example {@code write of 1000 nodes}
 * @param ids the ids of the records the call carried, possibly none
 * @param failure the exception the caller receives (its cause is the driver's)
 */
public record OperationFailedEvent(String database, Instant at, String operation, List<String> ids,
    GraphShiftException failure) {

  public OperationFailedEvent {
    ids = List.copyOf(ids);
  }
}
