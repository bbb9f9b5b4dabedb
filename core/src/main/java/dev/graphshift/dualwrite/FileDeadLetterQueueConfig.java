package dev.graphshift.dualwrite;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings of a {@link FileDeadLetterQueue}.
 *
 * <p>Immutable.
 *
 * @param journal the journal file
 * @param name the queue's name
 * @param fsync when the journal is forced to disk
 * @param fsyncInterval the group-commit interval under {@link FsyncPolicy#INTERVAL}
 * @param compactionRatio the share of dead bytes above which the journal is compacted
 * @param minCompactionBytes the journal size below which it is never compacted
 * @see FileDeadLetterQueue.Builder
 */
public record FileDeadLetterQueueConfig(
    Path journal,
    String name,
    FsyncPolicy fsync,
    Duration fsyncInterval,
    double compactionRatio,
    long minCompactionBytes) {}
