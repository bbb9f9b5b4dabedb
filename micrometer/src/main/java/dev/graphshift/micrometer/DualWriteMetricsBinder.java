package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_BACKFILL_CLAIM_OVERRUNS;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_BACKFILL_RECORDS;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_DEADLETTERED;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_DEADLETTER_DEPTH;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_FORWARD_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_INFLIGHT;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_LISTENER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_PARKED;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_REJECTED;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_RETRIES;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_SECONDARY_DOWN;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_SECONDARY_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_SECONDARY_WRITES;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_SPILLED;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_WORKER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_WRITES;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_OUTCOME;

import dev.graphshift.dualwrite.DualWriteCoordinator;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of a {@link DualWriteCoordinator}, read from {@link DualWriteCoordinator#metrics()}: writes,
 * secondary writes and failures, dead-lettered, spilled, retried and rejected records, the dead-letter
 * queue's depth and parked entries, the records in flight, and the backfill view's counts.
 *
 * <pre>{@code
 * new DualWriteMetricsBinder(dual).bindTo(registry);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class DualWriteMetricsBinder extends GraphShiftMeterBinder<DualWriteCoordinator> {
  private static final String BACKFILL_RECORDS =
      "Records the backfill view wrote or found present (written), or skipped as deleted by dual writes (skipped)";

  /**
   * A binder of the coordinator's meters, tagged with its name.
   *
   * @throws NullPointerException if coordinator is null
   */
  public DualWriteMetricsBinder(DualWriteCoordinator coordinator) {
    this(coordinator, Tags.empty());
  }

  /**
   * A binder of the coordinator's meters, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  public DualWriteMetricsBinder(DualWriteCoordinator coordinator, Iterable<Tag> tags) {
    super(coordinator, coordinator.name(), tags);
  }

  @Override
  protected void declare(Meters<DualWriteCoordinator> meters) {
    meters
        .counter(DUALWRITE_WRITES, "records", "Writes the primary accepted and the coordinator forwarded",
            c -> c.metrics().writes())
        .counter(DUALWRITE_SECONDARY_WRITES, "records", "Records the secondary applied, directly or by retry",
            c -> c.metrics().secondaryWrites())
        .counter(DUALWRITE_SECONDARY_FAILURES, "records", "Records whose secondary write failed, per attempt",
            c -> c.metrics().secondaryFailures())
        .counter(DUALWRITE_DEADLETTERED, "records", "Records that entered the dead-letter queue",
            c -> c.metrics().deadLettered())
        .counter(DUALWRITE_SPILLED, "records", "Records queued because the coordinator's capacity was full",
            c -> c.metrics().spilled())
        .counter(DUALWRITE_RETRIES, "records", "Records the retry worker tried again",
            c -> c.metrics().retries())
        .counter(DUALWRITE_REJECTED, "records", "Records the mapper or the secondary rejected",
            c -> c.metrics().rejected())
        .gauge(DUALWRITE_DEADLETTER_DEPTH, "entries", "Dead letters waiting or being retried",
            c -> c.metrics().queueDepth())
        .gauge(DUALWRITE_PARKED, "entries", "Dead letters parked for a human",
            c -> c.metrics().parked())
        .gauge(DUALWRITE_INFLIGHT, "records", "Records queued for, or being sent to, the secondary",
            c -> c.metrics().inFlight())
        .gauge(DUALWRITE_SECONDARY_DOWN, null, "1 while writes are held back because the secondary fails",
            c -> c.metrics().secondaryDown() ? 1 : 0)
        .counter(DUALWRITE_BACKFILL_RECORDS, "records", BACKFILL_RECORDS,
            c -> c.metrics().backfillWritten(), TAG_OUTCOME, "written")
        .counter(DUALWRITE_BACKFILL_RECORDS, "records", BACKFILL_RECORDS,
            c -> c.metrics().backfillSkipped(), TAG_OUTCOME, "skipped")
        .counter(DUALWRITE_BACKFILL_CLAIM_OVERRUNS, "batches", "Backfill batches that outlasted their claim",
            c -> c.metrics().backfillClaimOverruns())
        .counter(DUALWRITE_FORWARD_FAILURES, "records", "Records neither sent nor dead-lettered; repair them",
            c -> c.metrics().forwardFailures())
        .counter(DUALWRITE_WORKER_FAILURES, "rounds", "Retry-worker rounds that failed",
            c -> c.metrics().workerFailures())
        .counter(DUALWRITE_LISTENER_FAILURES, "calls", "Listener calls that threw",
            c -> c.metrics().listenerFailures());
  }
}
