package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.NEPTUNE_CONFLICTS;
import static dev.graphshift.micrometer.GraphShiftMeters.NEPTUNE_INFLIGHT;
import static dev.graphshift.micrometer.GraphShiftMeters.NEPTUNE_LISTENER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.NEPTUNE_RECORDS;
import static dev.graphshift.micrometer.GraphShiftMeters.NEPTUNE_REQUESTS;
import static dev.graphshift.micrometer.GraphShiftMeters.NEPTUNE_REQUEST_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.NEPTUNE_REQUEST_RECORDS_MAX;
import static dev.graphshift.micrometer.GraphShiftMeters.NEPTUNE_REQUEST_STEPS_MAX;
import static dev.graphshift.micrometer.GraphShiftMeters.NEPTUNE_RETRIES;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_DATABASE;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_OUTCOME;

import dev.graphshift.neptune.NeptuneGraphDatabase;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of a {@link NeptuneGraphDatabase}, read from {@link NeptuneGraphDatabase#metrics()}: requests,
 * retries, write conflicts and failed requests, records by outcome, the largest request seen, and the
 * requests in flight. It needs {@code graphshift-neptune} on the classpath, which this module declares
 * only as optional: nothing else in the module refers to this class.
 *
 * <p>Thread-safe.
 */
public final class NeptuneMetricsBinder extends GraphShiftMeterBinder<NeptuneGraphDatabase> {
  private static final String RECORDS = "Records created, replaced or deleted (written), left alone because they "
      + "existed (skipped), or rejected with a reason (rejected)";

  /**
   * A binder of the database's meters, tagged with its name and {@code database=neptune}.
   *
   * @throws NullPointerException if database is null
   */
  public NeptuneMetricsBinder(NeptuneGraphDatabase database) {
    this(database, Tags.empty());
  }

  /**
   * A binder of the database's meters, tagged with its name, {@code database=neptune} and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  public NeptuneMetricsBinder(NeptuneGraphDatabase database, Iterable<Tag> tags) {
    super(database, database.name(), Tags.of(tags).and(TAG_DATABASE, "neptune"));
  }

  @Override
  protected void declare(Meters<NeptuneGraphDatabase> meters) {
    meters
        .counter(NEPTUNE_REQUESTS, "requests", "Requests sent, retries included", d -> d.metrics().requests())
        .counter(NEPTUNE_RETRIES, "requests", "Requests sent again after a retryable failure",
            d -> d.metrics().retries())
        .counter(NEPTUNE_CONFLICTS, "requests", "Failures that were Neptune's ConcurrentModificationException",
            d -> d.metrics().conflicts())
        .counter(NEPTUNE_REQUEST_FAILURES, "requests", "Requests that failed for good",
            d -> d.metrics().failedRequests())
        .counter(NEPTUNE_RECORDS, "records", RECORDS, d -> d.metrics().recordsWritten(), TAG_OUTCOME, "written")
        .counter(NEPTUNE_RECORDS, "records", RECORDS, d -> d.metrics().recordsSkipped(), TAG_OUTCOME, "skipped")
        .counter(NEPTUNE_RECORDS, "records", RECORDS, d -> d.metrics().recordsRejected(), TAG_OUTCOME, "rejected")
        .gauge(NEPTUNE_REQUEST_STEPS_MAX, "steps", "The most Gremlin steps one request held",
            d -> d.metrics().maxStepsPerRequest())
        .gauge(NEPTUNE_REQUEST_RECORDS_MAX, "records", "The most property records one write request carried",
            d -> d.metrics().maxRecordsPerRequest())
        .gauge(NEPTUNE_INFLIGHT, "requests", "Requests in flight now", d -> d.metrics().inFlight())
        .counter(NEPTUNE_LISTENER_FAILURES, "calls", "Listener calls that threw", d -> d.metrics().listenerFailures());
  }
}
