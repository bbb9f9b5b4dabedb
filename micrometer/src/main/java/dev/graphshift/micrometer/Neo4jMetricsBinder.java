package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.NEO4J_DELETED;
import static dev.graphshift.micrometer.GraphShiftMeters.NEO4J_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.NEO4J_LISTENER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.NEO4J_RECORDS;
import static dev.graphshift.micrometer.GraphShiftMeters.NEO4J_REJECTED;
import static dev.graphshift.micrometer.GraphShiftMeters.NEO4J_SCANNED;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_DATABASE;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_KIND;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_OUTCOME;

import dev.graphshift.neo4j.Neo4jGraphDatabase;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of a {@link Neo4jGraphDatabase}, read from {@link Neo4jGraphDatabase#metrics()}: records
 * written and skipped by kind, rejected records, deleted ids, scanned records, and failed calls. It needs
 * {@code graphshift-neo4j} on the classpath, which this module declares only as optional: nothing else
 * in the module refers to this class.
 *
 * <p>Thread-safe.
 */
public final class Neo4jMetricsBinder extends GraphShiftMeterBinder<Neo4jGraphDatabase> {
  private static final String RECORDS = "Records written (created or replaced) or skipped (INSERT_IF_ABSENT found "
      + "them), by kind";
  private static final String SCANNED = "Records of scan pages, read into the model or rejected";

  /**
   * A binder of the database's meters, tagged with its name and {@code database=neo4j}.
   *
   * @throws NullPointerException if database is null
   */
  public Neo4jMetricsBinder(Neo4jGraphDatabase database) {
    this(database, Tags.empty());
  }

  /**
   * A binder of the database's meters, tagged with its name, {@code database=neo4j} and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  public Neo4jMetricsBinder(Neo4jGraphDatabase database, Iterable<Tag> tags) {
    super(database, database.name(), Tags.of(tags).and(TAG_DATABASE, "neo4j"));
  }

  @Override
  protected void declare(Meters<Neo4jGraphDatabase> meters) {
    meters
        .counter(NEO4J_RECORDS, "records", RECORDS, d -> d.metrics().nodesWritten(),
            TAG_KIND, "node", TAG_OUTCOME, "written")
        .counter(NEO4J_RECORDS, "records", RECORDS, d -> d.metrics().nodesSkipped(),
            TAG_KIND, "node", TAG_OUTCOME, "skipped")
        .counter(NEO4J_RECORDS, "records", RECORDS, d -> d.metrics().relationshipsWritten(),
            TAG_KIND, "relationship", TAG_OUTCOME, "written")
        .counter(NEO4J_RECORDS, "records", RECORDS, d -> d.metrics().relationshipsSkipped(),
            TAG_KIND, "relationship", TAG_OUTCOME, "skipped")
        .counter(NEO4J_REJECTED, "records", "Records rejected by a write", d -> d.metrics().recordsRejected())
        .counter(NEO4J_DELETED, "ids", "Ids processed by deletes", d -> d.metrics().idsDeleted())
        .counter(NEO4J_SCANNED, "records", SCANNED, d -> d.metrics().recordsScanned(), TAG_OUTCOME, "read")
        .counter(NEO4J_SCANNED, "records", SCANNED, d -> d.metrics().scanRejected(), TAG_OUTCOME, "rejected")
        .counter(NEO4J_FAILURES, "calls", "Calls that failed after the driver's retries", d -> d.metrics().failures())
        .counter(NEO4J_LISTENER_FAILURES, "calls", "Listener calls that threw", d -> d.metrics().listenerFailures());
  }
}
