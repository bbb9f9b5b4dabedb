package dev.graphshift.migration;

import java.time.Instant;

/**
 * A run of the schema migrator finished.
 *
 * <p>Immutable.
 *
 * @param name the migrator's name
 * @param at when, by the migrator's clock
 * @param report what it did
 */
public record MigrationsCompletedEvent(String name, Instant at, MigrationReport report) {}
