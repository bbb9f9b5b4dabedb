package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.MIGRATION_ELEMENTS;
import static dev.graphshift.micrometer.GraphShiftMeters.MIGRATION_LISTENER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.MIGRATION_LOCK_CONFLICTS;
import static dev.graphshift.micrometer.GraphShiftMeters.MIGRATION_NOOPS;
import static dev.graphshift.micrometer.GraphShiftMeters.MIGRATION_RUNS;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_OUTCOME;

import dev.graphshift.migration.SchemaMigrator;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of a {@link SchemaMigrator}, read from {@link SchemaMigrator#metrics()}: runs, no-op runs,
 * schema elements by outcome, and runs refused by the lock. For the duration of each run, register a
 * {@link MeteringListener} on the migrator's builder too.
 *
 * <p>Thread-safe.
 */
public final class SchemaMigratorMetricsBinder extends GraphShiftMeterBinder<SchemaMigrator> {
  private static final String ELEMENTS = "Schema elements created, found present, applied before, or not carried "
      + "by the mapping";

  /**
   * A binder of the migrator's meters, tagged with its name.
   *
   * @throws NullPointerException if migrator is null
   */
  public SchemaMigratorMetricsBinder(SchemaMigrator migrator) {
    this(migrator, Tags.empty());
  }

  /**
   * A binder of the migrator's meters, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  public SchemaMigratorMetricsBinder(SchemaMigrator migrator, Iterable<Tag> tags) {
    super(migrator, migrator.name(), tags);
  }

  @Override
  protected void declare(Meters<SchemaMigrator> meters) {
    meters
        .counter(MIGRATION_RUNS, "runs", "Migration runs finished, no-ops included", m -> m.metrics().runs())
        .counter(MIGRATION_NOOPS, "runs", "Runs against a target without schema", m -> m.metrics().noOps())
        .counter(MIGRATION_ELEMENTS, "elements", ELEMENTS, m -> m.metrics().created(), TAG_OUTCOME, "created")
        .counter(MIGRATION_ELEMENTS, "elements", ELEMENTS, m -> m.metrics().alreadyPresent(), TAG_OUTCOME, "present")
        .counter(MIGRATION_ELEMENTS, "elements", ELEMENTS, m -> m.metrics().alreadyApplied(),
            TAG_OUTCOME, "already_applied")
        .counter(MIGRATION_ELEMENTS, "elements", ELEMENTS, m -> m.metrics().notCarried(), TAG_OUTCOME, "not_carried")
        .counter(MIGRATION_LOCK_CONFLICTS, "runs", "Runs refused because another held the lock",
            m -> m.metrics().lockConflicts())
        .counter(MIGRATION_LISTENER_FAILURES, "calls", "Listener calls that threw",
            m -> m.metrics().listenerFailures());
  }
}
