package dev.graphshift.backfill;

import java.time.Duration;
import java.time.Instant;

/**
 * A scan or a write failed with a {@code Retryable} error and is tried again after a backoff.
 *
 * <p>Immutable.
 *
 * @param name the backfill's name
 * @param at when, by the backfill's clock
 * @param phase nodes or relationships
 * @param partitionId the partition
 * @param operation {@code scan} or {@code write}
 * @param attempt the number of the attempt that failed, from 1
 * @param delay the backoff before the next attempt
 * @param error the failure's message
 */
public record BackfillBatchRetriedEvent(
    String name, Instant at, BackfillPhase phase, String partitionId, String operation, int attempt,
    Duration delay, String error) {}
