package dev.graphshift.dualwrite;

import dev.graphshift.mapping.RecordMapper;
import dev.graphshift.retry.Backoff;
import java.time.Duration;

/**
 * The settings of a {@link DualWriteCoordinator}.
 *
 * <p>Immutable.
 *
 * @param name the coordinator's name
 * @param mapper how primary records become secondary records
 * @param delivery when writes are journaled
 * @param capacity how many records may be queued for or in flight to the secondary before writes spill
 * @param parallelism how many secondary writes run at once
 * @param batchSize the most records one secondary write carries
 * @param maxAttempts attempts per write before it is parked
 * @param backoff the delay between attempts, and the pause after the secondary failed
 * @param retryInterval how often the retry worker looks for due dead letters
 * @param retryBatchSize the most dead letters tried in one secondary write
 * @param lockStripes the number of caller lock stripes
 * @param backfillLease how long a backfill claim lasts, and the longest a delete waits for one
 * @param closeTimeout how long {@code close()} waits for queued secondary writes
 * @param seed the seed of the backoff jitter
 * @see DualWriteCoordinator.Builder
 */
public record DualWriteConfig(
    String name,
    RecordMapper mapper,
    DeliveryMode delivery,
    int capacity,
    int parallelism,
    int batchSize,
    int maxAttempts,
    Backoff backoff,
    Duration retryInterval,
    int retryBatchSize,
    int lockStripes,
    Duration backfillLease,
    Duration closeTimeout,
    long seed) {}
