package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_BATCHES;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_DONE;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_LISTENER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_PARTITIONS;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_PARTITIONS_ACTIVE;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_RATE;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_READAHEADS_DISCARDED;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_RECORDS;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_RETRIES;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_RUNNING;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_TASKS_INLINE;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_TOTAL;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_OUTCOME;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_PHASE;

import dev.graphshift.backfill.Backfiller;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of a {@link Backfiller}, read from {@link Backfiller#metrics()}: records read, written,
 * skipped and rejected per phase, batches, retries, partitions, and the progress of the run in progress
 * (done, total, rate). For the duration of each run, register a {@link MeteringListener} on the
 * backfiller's builder too.
 *
 * <p>Thread-safe.
 */
public final class BackfillMetricsBinder extends GraphShiftMeterBinder<Backfiller> {
  private static final String RECORDS = "Records read, written, skipped (the target held them) or rejected, per phase";
  private static final String PARTITIONS = "Partitions finished (completed) or stopped by a permanent failure (failed)";
  private static final String NODES = "nodes";
  private static final String RELATIONSHIPS = "relationships";

  /**
   * A binder of the backfiller's meters, tagged with its name.
   *
   * @throws NullPointerException if backfiller is null
   */
  public BackfillMetricsBinder(Backfiller backfiller) {
    this(backfiller, Tags.empty());
  }

  /**
   * A binder of the backfiller's meters, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  public BackfillMetricsBinder(Backfiller backfiller, Iterable<Tag> tags) {
    super(backfiller, backfiller.name(), tags);
  }

  @Override
  protected void declare(Meters<Backfiller> meters) {
    meters
        .counter(BACKFILL_RECORDS, "records", RECORDS, b -> b.metrics().nodesRead(),
            TAG_PHASE, NODES, TAG_OUTCOME, "read")
        .counter(BACKFILL_RECORDS, "records", RECORDS, b -> b.metrics().nodesWritten(),
            TAG_PHASE, NODES, TAG_OUTCOME, "written")
        .counter(BACKFILL_RECORDS, "records", RECORDS, b -> b.metrics().nodesSkipped(),
            TAG_PHASE, NODES, TAG_OUTCOME, "skipped")
        .counter(BACKFILL_RECORDS, "records", RECORDS, b -> b.metrics().nodesRejected(),
            TAG_PHASE, NODES, TAG_OUTCOME, "rejected")
        .counter(BACKFILL_RECORDS, "records", RECORDS, b -> b.metrics().relationshipsRead(),
            TAG_PHASE, RELATIONSHIPS, TAG_OUTCOME, "read")
        .counter(BACKFILL_RECORDS, "records", RECORDS, b -> b.metrics().relationshipsWritten(),
            TAG_PHASE, RELATIONSHIPS, TAG_OUTCOME, "written")
        .counter(BACKFILL_RECORDS, "records", RECORDS, b -> b.metrics().relationshipsSkipped(),
            TAG_PHASE, RELATIONSHIPS, TAG_OUTCOME, "skipped")
        .counter(BACKFILL_RECORDS, "records", RECORDS, b -> b.metrics().relationshipsRejected(),
            TAG_PHASE, RELATIONSHIPS, TAG_OUTCOME, "rejected")
        .counter(BACKFILL_BATCHES, "batches", "Batches written and checkpointed", b -> b.metrics().batchesCommitted())
        .counter(BACKFILL_RETRIES, "retries", "Scans and writes retried after a retryable failure",
            b -> b.metrics().retries())
        .counter(BACKFILL_PARTITIONS, "partitions", PARTITIONS, b -> b.metrics().partitionsCompleted(),
            TAG_OUTCOME, "completed")
        .counter(BACKFILL_PARTITIONS, "partitions", PARTITIONS, b -> b.metrics().partitionsFailed(),
            TAG_OUTCOME, "failed")
        .gauge(BACKFILL_PARTITIONS_ACTIVE, "partitions", "Partitions running now", b -> b.metrics().activePartitions())
        .gauge(BACKFILL_RUNNING, null, "1 while a run is in progress", b -> b.metrics().running() ? 1 : 0)
        .gauge(BACKFILL_DONE, "records", "Records done in the current or last run, resumed ones included",
            b -> b.metrics().done())
        .gauge(BACKFILL_TOTAL, "records", "Records to do in the current or last run", b -> b.metrics().total())
        .gauge(BACKFILL_RATE, "records.per.second", "The recent rate", b -> b.metrics().recordsPerSecond())
        .counter(BACKFILL_TASKS_INLINE, "tasks", "Tasks the executor refused, run inline instead",
            b -> b.metrics().tasksRunInline())
        .counter(BACKFILL_READAHEADS_DISCARDED, "reads", "Read-aheads dropped because their partition stopped",
            b -> b.metrics().readAheadsDiscarded())
        .counter(BACKFILL_LISTENER_FAILURES, "calls", "Listener calls that threw", b -> b.metrics().listenerFailures());
  }
}
