package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_CONTINUOUS_ERRORS;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_CONTINUOUS_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_CONTINUOUS_LISTENER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_CONTINUOUS_RUNNING;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_CONTINUOUS_RUNS;

import dev.graphshift.validation.ContinuousValidation;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of a {@link ContinuousValidation}, read from {@link ContinuousValidation#metrics()}: runs,
 * runs with a failed check, runs that threw, and whether the schedule is running. The meters are tagged
 * with the validator's name; bind the validator itself with {@link ValidatorMetricsBinder}.
 *
 * <p>Thread-safe.
 */
public final class ContinuousValidationMetricsBinder extends GraphShiftMeterBinder<ContinuousValidation> {

  /**
   * A binder of the schedule's meters, tagged with its name.
   *
   * @throws NullPointerException if validation is null
   */
  public ContinuousValidationMetricsBinder(ContinuousValidation validation) {
    this(validation, Tags.empty());
  }

  /**
   * A binder of the schedule's meters, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  public ContinuousValidationMetricsBinder(ContinuousValidation validation, Iterable<Tag> tags) {
    super(validation, validation.metrics().name(), tags);
  }

  @Override
  protected void declare(Meters<ContinuousValidation> meters) {
    meters
        .counter(VALIDATION_CONTINUOUS_RUNS, "runs", "Scheduled runs started", v -> v.metrics().runs())
        .counter(VALIDATION_CONTINUOUS_FAILURES, "runs", "Scheduled runs with a failed check",
            v -> v.metrics().failed())
        .counter(VALIDATION_CONTINUOUS_ERRORS, "runs", "Scheduled runs that threw (a database down)",
            v -> v.metrics().errors())
        .gauge(VALIDATION_CONTINUOUS_RUNNING, null, "1 while the schedule is running",
            v -> v.running() ? 1 : 0)
        .counter(VALIDATION_CONTINUOUS_LISTENER_FAILURES, "calls", "Listener calls of the schedule that threw",
            v -> v.metrics().listenerFailures());
  }
}
