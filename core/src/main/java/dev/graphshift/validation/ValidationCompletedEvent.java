package dev.graphshift.validation;

import java.time.Instant;

/**
 * A validation finished.
 *
 * <p>Immutable.
 *
 * @param name the validator's name
 * @param at when, by the validator's clock
 * @param passed whether every check passed
 * @param report the report
 */
public record ValidationCompletedEvent(String name, Instant at, boolean passed, ValidationReport report) {}
