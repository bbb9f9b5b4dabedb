package dev.graphshift.backfill;

import java.time.Instant;

/**
 * A partition committed its last batch.
 *
 * <p>Immutable.
 *
 * @param name the backfill's name
 * @param at when, by the backfill's clock
 * @param phase nodes or relationships
 * @param partitionId the partition
 * @param read records it read, over every run
 * @param written records it wrote
 * @param skipped records it skipped
 * @param rejected records it rejected
 */
public record BackfillPartitionCompletedEvent(
    String name, Instant at, BackfillPhase phase, String partitionId, long read, long written, long skipped,
    long rejected) {}
