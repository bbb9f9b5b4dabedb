package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_DIFFERENCES;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_LISTENER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_RECORDS_CHECKED;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_RECORDS_REPAIRED;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_REPAIRS;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_VALIDATIONS;

import dev.graphshift.validation.Validator;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of a {@link Validator}, read from {@link Validator#metrics()}: validations and those that
 * failed a check, records checked, differences found, repairs and records repaired. For the duration of
 * each validation and repair, register a {@link MeteringListener} on the validator's builder too.
 *
 * <p>Thread-safe.
 */
public final class ValidatorMetricsBinder extends GraphShiftMeterBinder<Validator> {

  /**
   * A binder of the validator's meters, tagged with its name.
   *
   * @throws NullPointerException if validator is null
   */
  public ValidatorMetricsBinder(Validator validator) {
    this(validator, Tags.empty());
  }

  /**
   * A binder of the validator's meters, tagged with its name and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  public ValidatorMetricsBinder(Validator validator, Iterable<Tag> tags) {
    super(validator, validator.name(), tags);
  }

  @Override
  protected void declare(Meters<Validator> meters) {
    meters
        .counter(VALIDATION_VALIDATIONS, "validations", "Validations finished, passed or not",
            v -> v.metrics().validations())
        .counter(VALIDATION_FAILURES, "validations", "Validations with a failed check", v -> v.metrics().failed())
        .counter(VALIDATION_RECORDS_CHECKED, "records", "Records compared", v -> v.metrics().recordsChecked())
        .counter(VALIDATION_DIFFERENCES, "differences", "Differences found by full validations",
            v -> v.metrics().differencesFound())
        .counter(VALIDATION_REPAIRS, "repairs", "Repairs finished", v -> v.metrics().repairs())
        .counter(VALIDATION_RECORDS_REPAIRED, "records", "Differences repaired", v -> v.metrics().recordsRepaired())
        .counter(VALIDATION_LISTENER_FAILURES, "calls", "Listener calls that threw",
            v -> v.metrics().listenerFailures());
  }
}
