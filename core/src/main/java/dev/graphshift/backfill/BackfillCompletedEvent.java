package dev.graphshift.backfill;

import java.time.Instant;

/**
 * A backfill finished every partition of both phases.
 *
 * <p>Immutable.
 *
 * @param name the backfill's name
 * @param at when, by the backfill's clock
 * @param report what it did
 */
public record BackfillCompletedEvent(String name, Instant at, BackfillReport report) {}
