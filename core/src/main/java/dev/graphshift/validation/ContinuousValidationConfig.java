package dev.graphshift.validation;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The settings of a {@link ContinuousValidation}, as built.
 *
 * <p>Immutable.
 *
 * @param interval the time between the end of one run and the start of the next
 * @param initialDelay the time before the first run
 */
public record ContinuousValidationConfig(Duration interval, Duration initialDelay) {

  public ContinuousValidationConfig {
    requireNonNull(interval, "interval");
    requireNonNull(initialDelay, "initialDelay");
  }
}
