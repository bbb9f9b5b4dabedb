package dev.graphshift.validation;

/**
 * A snapshot of a validator's counters since it was built.
 *
 * <p>Immutable.
 *
 * @param name the validator's name
 * @param validations validations finished
 * @param passed validations whose every check passed
 * @param failed validations with a failed check
 * @param recordsChecked records compared (sampled or scanned)
 * @param differencesFound differences found by full validations
 * @param repairs repairs finished
 * @param recordsRepaired differences repaired (upserted or deleted)
 * @param listenerFailures listener calls that threw
 */
public record ValidationMetrics(
    String name, long validations, long passed, long failed, long recordsChecked, long differencesFound,
    long repairs, long recordsRepaired, long listenerFailures) {}
