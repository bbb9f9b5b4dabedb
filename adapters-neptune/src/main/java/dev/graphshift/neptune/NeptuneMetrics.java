package dev.graphshift.neptune;

/**
 * A snapshot of what a {@link NeptuneGraphDatabase} has done since it was built.
 *
 * <p>Immutable.
 *
 * @param database the name of the database
 * @param requests requests sent, retries included
 * @param retries requests sent again after a retryable failure
 * @param conflicts failures that were Neptune's {@code ConcurrentModificationException}
 * @param failedRequests requests that failed for good
 * @param recordsWritten records created, replaced or deleted
 * @param recordsSkipped records left alone because they existed ({@code INSERT_IF_ABSENT})
 * @param recordsRejected records rejected with a reason
 * @param maxStepsPerRequest the most Gremlin steps one request held
 * @param maxRecordsPerRequest the most property records one write request carried
 * @param inFlight requests in flight now (a gauge)
 * @param listenerFailures listener calls that threw
 */
public record NeptuneMetrics(
    String database,
    long requests,
    long retries,
    long conflicts,
    long failedRequests,
    long recordsWritten,
    long recordsSkipped,
    long recordsRejected,
    int maxStepsPerRequest,
    int maxRecordsPerRequest,
    int inFlight,
    long listenerFailures) {}
