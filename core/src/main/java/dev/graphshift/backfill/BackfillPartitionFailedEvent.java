package dev.graphshift.backfill;

import java.time.Instant;
import java.util.Optional;

/**
 * A partition stopped on a permanent failure (or on retries given up). Its checkpoint stays at the last
 * committed batch, so running the backfill again resumes after it.
 *
 * <p>Immutable.
 *
 * @param name the backfill's name
 * @param at when, by the backfill's clock
 * @param phase nodes or relationships
 * @param partitionId the partition
 * @param lastCommittedCursor the cursor of the last committed batch; empty if none was committed
 * @param error the failure's message
 */
public record BackfillPartitionFailedEvent(
    String name, Instant at, BackfillPhase phase, String partitionId, Optional<String> lastCommittedCursor,
    String error) {}
