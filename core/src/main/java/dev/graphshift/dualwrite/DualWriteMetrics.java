package dev.graphshift.dualwrite;

/**
 * A snapshot of a {@link DualWriteCoordinator}'s counters (since it was built) and gauges (now).
 * Counts are of records (or ids, for deletes), not of calls.
 *
 * <p>Immutable.
 *
 * @param writes records the primary accepted and the coordinator forwarded to the secondary
 * @param secondaryWrites records the secondary applied (directly or by retry), rejected ones excluded
 * @param secondaryFailures records whose write to the secondary failed, counted per attempt
 * @param deadLettered records that entered the dead-letter queue (for any {@link
 *     DeadLetteredEvent.Cause})
 * @param spilled records that entered the queue because the coordinator's capacity was full
 * @param retries records the retry worker tried again
 * @param rejected records the mapper or the secondary rejected with a reason
 * @param queueDepth gauge: dead letters waiting or being retried ({@link DeadLetterQueue#depth()})
 * @param parked gauge: dead letters parked for a human
 * @param inFlight gauge: records queued for, or being sent to, the secondary
 * @param backfillWritten records the backfill view wrote (or found present)
 * @param backfillSkipped records the backfill view skipped because a dual write deleted them
 * @param backfillClaimOverruns backfill batches that outlasted their claim and re-checked tombstones
 * @param forwardFailures records the primary accepted that could neither be sent nor dead-lettered (the
 *     queue itself failed); logged at ERROR with their ids for a repair
 * @param listenerFailures listener calls that threw
 * @param workerFailures retry-worker rounds that failed (the queue could not be read or written); logged
 *     at WARN, tried again on the next round
 * @param secondaryDown gauge: whether the coordinator is holding writes back because the secondary fails
 */
public record DualWriteMetrics(
    long writes,
    long secondaryWrites,
    long secondaryFailures,
    long deadLettered,
    long spilled,
    long retries,
    long rejected,
    long queueDepth,
    long parked,
    long inFlight,
    long backfillWritten,
    long backfillSkipped,
    long backfillClaimOverruns,
    long forwardFailures,
    long listenerFailures,
    long workerFailures,
    boolean secondaryDown) {}
