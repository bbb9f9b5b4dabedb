package dev.graphshift.backfill;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A batch was written to the target and its cursor saved in the checkpoint store, with where its time
 * went. The durations are measured with the backfill's clock; in a partition's pipeline the read of a
 * batch overlaps the write of the one before, so {@code readTime} and {@code writeTime} add up to more
 * than {@code batchTime} when the overlap works, and {@code waitTime} shows what the overlap did not
 * hide.
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
 * @param readTime how long the batch took to read from the source and map (retries included)
 * @param waitTime how long the partition waited for that read to finish before it could write the batch
 *     (zero when the read ahead was done in time)
 * @param writeTime how long the target took to write the batch (retries included, rate-limit waits not)
 * @param batchTime the wall time from the partition's previous commit (or its start, for its first
 *     batch) to this commit: what the batch cost the partition
 */
public record BackfillBatchCommittedEvent(
    String name, Instant at, BackfillPhase phase, String partitionId, Optional<String> cursor,
    long read, long written, long skipped, long rejected,
    Duration readTime, Duration waitTime, Duration writeTime, Duration batchTime) {

  public BackfillBatchCommittedEvent {
    requireNonNull(name, "name");
    requireNonNull(at, "at");
    requireNonNull(phase, "phase");
    requireNonNull(partitionId, "partitionId");
    requireNonNull(cursor, "cursor");
    requireNonNull(readTime, "readTime");
    requireNonNull(waitTime, "waitTime");
    requireNonNull(writeTime, "writeTime");
    requireNonNull(batchTime, "batchTime");
  }
}
