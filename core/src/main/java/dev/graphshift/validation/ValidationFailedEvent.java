package dev.graphshift.validation;

import java.time.Instant;

/**
 * A scheduled validation could not run to its end (an exception, for example a database that was down);
 * the next one runs as scheduled.
 *
 * <p>Immutable.
 *
 * @param name the validator's name
 * @param at when, by the clock
 * @param run the number of the scheduled run, from 1
 * @param error the failure's message
 */
public record ValidationFailedEvent(String name, Instant at, long run, String error) {}
