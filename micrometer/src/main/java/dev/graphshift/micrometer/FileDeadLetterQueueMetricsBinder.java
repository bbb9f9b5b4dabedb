package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.DLQ_COMPACTIONS;
import static dev.graphshift.micrometer.GraphShiftMeters.DLQ_FSYNCS;
import static dev.graphshift.micrometer.GraphShiftMeters.DLQ_JOURNAL_LIVE;
import static dev.graphshift.micrometer.GraphShiftMeters.DLQ_JOURNAL_SIZE;
import static dev.graphshift.micrometer.GraphShiftMeters.DLQ_TORN;
import static dev.graphshift.micrometer.GraphShiftMeters.DLQ_WARNINGS;

import dev.graphshift.dualwrite.FileDeadLetterQueue;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of a durable {@link FileDeadLetterQueue}'s journal, read from {@link
 * FileDeadLetterQueue#metrics()}: its size on disk and live bytes, compactions, fsyncs, warnings and the
 * torn tail found when it was opened. The queue's depth and parked entries are the dual-write
 * coordinator's meters ({@link DualWriteMetricsBinder}).
 *
 * <p>Thread-safe.
 */
public final class FileDeadLetterQueueMetricsBinder extends GraphShiftMeterBinder<FileDeadLetterQueue> {

  /**
   * A binder of the queue's meters, tagged with its name.
   *
   * @throws NullPointerException if queue is null
   */
  public FileDeadLetterQueueMetricsBinder(FileDeadLetterQueue queue) {
    this(queue, Tags.empty());
  }

  /**
   * A binder of the queue's meters, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  public FileDeadLetterQueueMetricsBinder(FileDeadLetterQueue queue, Iterable<Tag> tags) {
    super(queue, queue.name(), tags);
  }

  @Override
  protected void declare(Meters<FileDeadLetterQueue> meters) {
    meters
        .gauge(DLQ_JOURNAL_SIZE, "bytes", "The size of the dead-letter journal", q -> q.metrics().fileBytes())
        .gauge(DLQ_JOURNAL_LIVE, "bytes", "The journal's bytes of entries still in the queue",
            q -> q.metrics().liveBytes())
        .counter(DLQ_COMPACTIONS, "compactions", "Compactions of the journal", q -> q.metrics().compactions())
        .counter(DLQ_FSYNCS, "fsyncs", "Forces of the journal to disk", q -> q.metrics().fsyncs())
        .counter(DLQ_WARNINGS, "warnings", "Non-fatal journal problems logged at WARN", q -> q.metrics().warnings())
        .gauge(DLQ_TORN, "bytes", "The torn tail moved aside when the journal was opened",
            q -> q.metrics().tornBytes());
  }
}
