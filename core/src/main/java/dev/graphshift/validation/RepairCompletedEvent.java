package dev.graphshift.validation;

import java.time.Instant;

/**
 * A repair finished.
 *
 * <p>Immutable.
 *
 * @param name the validator's name
 * @param at when, by the validator's clock
 * @param report what it did
 */
public record RepairCompletedEvent(String name, Instant at, RepairReport report) {}
