package dev.graphshift.backfill;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * The settings of a {@link Backfiller}, as built. See the {@link Backfiller.Builder} setters for each
 * default, unit and range.
 *
 * <p>Immutable.
 *
 * @param name the backfill's name, carried by its events, logs, metrics and checkpoint
 * @param batchSize records per scan page and per write
 * @param rateLimit records per second at most, over all partitions; empty for no limit
 * @param pauseBetweenBatches the pause each partition takes after committing a batch
 * @param parallelism how many partitions run at once
 * @param partitioning how the scans are cut into partitions
 * @param selection which nodes and relationships are copied
 * @param maxRetries how many times a scan or write failing with a retryable error is tried again
 * @param retryBackoff the backoff before the first retry; it doubles with each retry, up to 32 times
 * @param progressInterval how often progress is logged
 * @param consoleProgress whether a progress bar is drawn on the console when one is attached
 * @param maxRejectedExamples how many rejected records per rule the report keeps as examples
 */
public record BackfillConfig(
    String name,
    int batchSize,
    OptionalDouble rateLimit,
    Duration pauseBetweenBatches,
    int parallelism,
    Partitioning partitioning,
    BackfillSelection selection,
    int maxRetries,
    Duration retryBackoff,
    Duration progressInterval,
    boolean consoleProgress,
    int maxRejectedExamples) {

  public BackfillConfig {
    requireNonNull(name, "name");
    requireNonNull(rateLimit, "rateLimit");
    requireNonNull(pauseBetweenBatches, "pauseBetweenBatches");
    requireNonNull(partitioning, "partitioning");
    requireNonNull(selection, "selection");
    requireNonNull(retryBackoff, "retryBackoff");
    requireNonNull(progressInterval, "progressInterval");
  }
}
