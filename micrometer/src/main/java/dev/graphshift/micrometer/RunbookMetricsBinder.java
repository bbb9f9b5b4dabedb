package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_ADOPTED;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_ADVANCES;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_ADVANCES_FORCED;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_CLOSE_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_EVIDENCE;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_LISTENER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_PHASE;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_REFUSALS;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_ROLLBACKS;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_TRANSITION_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_WRITES_HELD;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_MIGRATION_PHASE;

import dev.graphshift.runbook.MigrationPhase;
import dev.graphshift.runbook.MigrationRunbook;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;

/**
 * The meters of a {@link MigrationRunbook}, read from {@link MigrationRunbook#metrics()}: the phase its
 * handle serves (one gauge per phase, 1 for the current one), advances, refusals, rollbacks, failed
 * changes of phase, writes held during a change, evidence stored. The coordinators the runbook runs keep
 * their own meters: bind {@code runbook.dualWrite()}, {@code shadowRead()} and {@code cutover()} with
 * their binders while they run.
 *
 * <p>Thread-safe.
 */
public final class RunbookMetricsBinder extends GraphShiftMeterBinder<MigrationRunbook> {
  private static final String PHASE = "1 for the phase the runbook's handle serves, 0 for the others";

  /**
   * A binder of the runbook's meters, tagged with its name.
   *
   * @throws NullPointerException if runbook is null
   */
  public RunbookMetricsBinder(MigrationRunbook runbook) {
    this(runbook, Tags.empty());
  }

  /**
   * A binder of the runbook's meters, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  public RunbookMetricsBinder(MigrationRunbook runbook, Iterable<Tag> tags) {
    super(runbook, runbook.name(), tags);
  }

  @Override
  protected void declare(Meters<MigrationRunbook> meters) {
    meters
        .counter(RUNBOOK_ADVANCES, null, "Advances made by this runbook, forced ones included",
            r -> r.metrics().advances())
        .counter(RUNBOOK_ADVANCES_FORCED, null, "Advances forced past failing gates", r -> r.metrics().forcedAdvances())
        .counter(RUNBOOK_REFUSALS, null, "Advances refused by gates", r -> r.metrics().refusals())
        .counter(RUNBOOK_ROLLBACKS, null, "Rollbacks made by this runbook", r -> r.metrics().rollbacks())
        .counter(RUNBOOK_TRANSITION_FAILURES, null, "Changes of phase that could not complete (and did not happen)",
            r -> r.metrics().transitionFailures())
        .counter(RUNBOOK_ADOPTED, null, "Changes of phase another process stored, followed by refresh()",
            r -> r.metrics().adopted())
        .counter(RUNBOOK_WRITES_HELD, "writes", "Writes that waited while the handle switched phases",
            r -> r.metrics().writesHeld())
        .counter(RUNBOOK_EVIDENCE, null, "Evidence stored", r -> r.metrics().evidenceRecorded())
        .counter(RUNBOOK_CLOSE_FAILURES, null, "Coordinators that failed to close when retired",
            r -> r.metrics().closeFailures())
        .counter(RUNBOOK_LISTENER_FAILURES, "calls", "Listener calls that threw", r -> r.metrics().listenerFailures());
    for (MigrationPhase phase : MigrationPhase.values()) {
      meters.gauge(RUNBOOK_PHASE, null, PHASE, r -> r.phase() == phase ? 1 : 0,
          TAG_MIGRATION_PHASE, phase.name().toLowerCase(Locale.ROOT));
    }
  }
}
