package dev.graphshift.dualwrite;

/**
 * A snapshot of a {@link FileDeadLetterQueue}'s journal.
 *
 * <p>Immutable.
 *
 * @param fileBytes the size of the journal
 * @param liveBytes the bytes of the records of entries still in the queue
 * @param compactions how many times the journal was compacted since it was opened
 * @param fsyncs how many times the journal was forced to disk since it was opened
 * @param warnings non-fatal problems logged at WARN: a failed compaction (retried later), an interval
 *     fsync that met a journal just replaced by compaction, a directory that cannot be forced, a failure
 *     to close
 * @param tornBytes bytes at the end of the journal that were not a complete, intact record when it was
 *     opened (a write cut short by a crash); they were moved aside to a {@code .corrupt-*} file
 */
public record FileDeadLetterQueueMetrics(
    long fileBytes, long liveBytes, long compactions, long fsyncs, long warnings, long tornBytes) {}
