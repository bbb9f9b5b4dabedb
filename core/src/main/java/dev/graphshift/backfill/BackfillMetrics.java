package dev.graphshift.backfill;

/**
 * A snapshot of a backfiller's counters (since it was built, over all its runs) and gauges (of the run
 * in progress, or the last one).
 *
 * <p>Immutable.
 *
 * @param name the backfill's name
 * @param running whether a run is in progress
 * @param nodesRead nodes read and committed
 * @param nodesWritten nodes written
 * @param nodesSkipped nodes skipped because the target held their id
 * @param nodesRejected nodes rejected
 * @param relationshipsRead relationships read and committed
 * @param relationshipsWritten relationships written
 * @param relationshipsSkipped relationships skipped
 * @param relationshipsRejected relationships rejected
 * @param batchesCommitted batches written and checkpointed
 * @param retries scans and writes retried after a retryable failure
 * @param partitionsCompleted partitions finished
 * @param partitionsFailed partitions stopped by a permanent failure
 * @param activePartitions partitions running now (gauge)
 * @param done records done in the current or last run, including those committed before a resume (gauge)
 * @param total records to do in the current or last run (gauge)
 * @param recordsPerSecond the recent rate (gauge)
 * @param listenerFailures listener calls that threw
 * @param tasksRunInline tasks the executor refused, run by the thread that needed them instead
 * @param readAheadsDiscarded read-aheads whose result was dropped because their partition stopped
 */
public record BackfillMetrics(
    String name,
    boolean running,
    long nodesRead,
    long nodesWritten,
    long nodesSkipped,
    long nodesRejected,
    long relationshipsRead,
    long relationshipsWritten,
    long relationshipsSkipped,
    long relationshipsRejected,
    long batchesCommitted,
    long retries,
    long partitionsCompleted,
    long partitionsFailed,
    long activePartitions,
    long done,
    long total,
    double recordsPerSecond,
    long listenerFailures,
    long tasksRunInline,
    long readAheadsDiscarded) {}
