package dev.graphshift.validation;

/**
 * A snapshot of a continuous validation's counters.
 *
 * <p>Immutable.
 *
 * @param name the validator's name
 * @param runs runs started
 * @param passed runs whose every check passed
 * @param failed runs with a failed check
 * @param errors runs that threw (a database down)
 * @param listenerFailures listener calls that threw
 */
public record ContinuousValidationMetrics(
    String name, long runs, long passed, long failed, long errors, long listenerFailures) {}
