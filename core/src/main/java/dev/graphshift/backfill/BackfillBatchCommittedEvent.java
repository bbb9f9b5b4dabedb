package dev.graphshift.backfill;

import java.time.Instant;
import java.util.Optional;

/**
 * A batch was written to the target and its cursor saved in the checkpoint store.
 *
 * <p>Immutable.
 *
 * @param name the backfill's name
 * @param at when, by the backfill's clock
 * @param phase nodes or relationships
 * @param partitionId the partition the batch belongs to
 * @param cursor the cursor saved after the batch; empty when the batch ended the partition
 * @param read records the batch read
 * @param written records written
 * @param skipped records skipped because the target held their id
 * @param rejected records rejected
 */
public record BackfillBatchCommittedEvent(
    String name, Instant at, BackfillPhase phase, String partitionId, Optional<String> cursor,
    long read, long written, long skipped, long rejected) {}
