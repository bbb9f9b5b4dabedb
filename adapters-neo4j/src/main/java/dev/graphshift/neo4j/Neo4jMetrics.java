package dev.graphshift.neo4j;

/**
 * A snapshot of a {@link Neo4jGraphDatabase}'s counters since it was built.
 *
 * <p>Immutable.
 *
 * @param name the database's name
 * @param nodesWritten nodes created or replaced
 * @param nodesSkipped nodes left alone by INSERT_IF_ABSENT because they existed
 * @param relationshipsWritten relationships created or replaced
 * @param relationshipsSkipped relationships left alone by INSERT_IF_ABSENT because they existed
 * @param recordsRejected records rejected by a write, with a rule
 * @param idsDeleted ids processed by deletes
 * @param recordsScanned records returned by scan pages
 * @param scanRejected records of scan pages that could not be read into the model
 * @param failures calls that failed with an exception after the driver's retries
 * @param listenerFailures listener calls that threw (logged and ignored)
 */
public record Neo4jMetrics(
    String name,
    long nodesWritten,
    long nodesSkipped,
    long relationshipsWritten,
    long relationshipsSkipped,
    long recordsRejected,
    long idsDeleted,
    long recordsScanned,
    long scanRejected,
    long failures,
    long listenerFailures) {}
