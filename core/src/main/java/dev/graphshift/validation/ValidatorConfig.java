package dev.graphshift.validation;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * The settings of a {@link Validator}, as built. See the {@link Validator.Builder} setters for defaults
 * and ranges.
 *
 * <p>Immutable.
 *
 * @param name the validator's name
 * @param sampleSize nodes per sampled validation
 * @param seed the sampling seed
 * @param thresholds the tolerated failure rates
 * @param batchSize records per scan page and per lookup
 * @param maxExamples examples kept per check
 * @param maxDifferences differences a full validation keeps
 * @param ignoredProperties properties left out of comparisons (for example fields a target adds itself)
 */
public record ValidatorConfig(
    String name, int sampleSize, long seed, ValidationThresholds thresholds, int batchSize, int maxExamples,
    int maxDifferences, Set<String> ignoredProperties) {

  public ValidatorConfig {
    requireNonNull(name, "name");
    requireNonNull(thresholds, "thresholds");
    ignoredProperties = Set.copyOf(ignoredProperties);
  }
}
