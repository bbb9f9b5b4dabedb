package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_EMBEDDER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_LISTENER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_NEAR_DUPLICATES;
import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_NOT_STORED;
import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_REJECTED;
import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_REMEMBERED;
import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_REQUESTS;
import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_REQUEST_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_RETRIES;
import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_SCAN_UNSTABLE;
import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_SPACE_FULL;
import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_VERIFIED;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_DATABASE;

import dev.graphshift.engram.EngramGraphDatabase;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of an {@link EngramGraphDatabase}, read from {@link EngramGraphDatabase#metrics()}: requests,
 * failures and retries, memories remembered, the silent drops the adapter catches (near-duplicates held
 * back, a full space, memories verification found missing), embedder failures and unstable scan pages.
 * It needs {@code graphshift-engram} on the classpath, which this module declares only as optional:
 * nothing else in the module refers to this class.
 *
 * <p>Thread-safe.
 */
public final class EngramMetricsBinder extends GraphShiftMeterBinder<EngramGraphDatabase> {

  /**
   * A binder of the database's meters, tagged with its name and {@code database=engram}.
   *
   * @throws NullPointerException if database is null
   */
  public EngramMetricsBinder(EngramGraphDatabase database) {
    this(database, Tags.empty());
  }

  /**
   * A binder of the database's meters, tagged with its name, {@code database=engram} and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  public EngramMetricsBinder(EngramGraphDatabase database, Iterable<Tag> tags) {
    super(database, database.name(), Tags.of(tags).and(TAG_DATABASE, "engram"));
  }

  @Override
  protected void declare(Meters<EngramGraphDatabase> meters) {
    meters
        .counter(ENGRAM_REQUESTS, "requests", "HTTP requests sent, each attempt", d -> d.metrics().requests())
        .counter(ENGRAM_REQUEST_FAILURES, "requests", "Requests that failed, each attempt",
            d -> d.metrics().failedRequests())
        .counter(ENGRAM_RETRIES, "requests", "Requests retried", d -> d.metrics().retries())
        .counter(ENGRAM_REMEMBERED, "memories", "Memories Engram answered 201 for", d -> d.metrics().remembered())
        .counter(ENGRAM_REJECTED, "records", "Records rejected with a reason", d -> d.metrics().rejected())
        .counter(ENGRAM_NEAR_DUPLICATES, "nodes", "Nodes held back as near-duplicates of another of their batch",
            d -> d.metrics().nearDuplicates())
        .counter(ENGRAM_SPACE_FULL, "nodes", "Nodes held back because their space would pass its capacity",
            d -> d.metrics().spaceFull())
        .counter(ENGRAM_VERIFIED, "memories", "Memories read back by verification", d -> d.metrics().verified())
        .counter(ENGRAM_NOT_STORED, "memories", "Memories verification found missing or different",
            d -> d.metrics().notStored())
        .counter(ENGRAM_EMBEDDER_FAILURES, "calls", "Embedder calls that failed", d -> d.metrics().embedderFailures())
        .counter(ENGRAM_SCAN_UNSTABLE, "pages", "Scan pages during which the space's counter changed",
            d -> d.metrics().unstableScanPages())
        .counter(ENGRAM_LISTENER_FAILURES, "calls", "Listener calls that threw", d -> d.metrics().listenerFailures());
  }
}
