package dev.graphshift.migration;

import java.time.Instant;

/**
 * A migration was applied on a target and recorded there.
 *
 * <p>Immutable.
 *
 * @param name the migrator's name
 * @param at when, by the migrator's clock
 * @param target the target database's name
 * @param migrationName the name it is recorded under
 * @param created whether the element was created (false: it was present already)
 */
public record MigrationAppliedEvent(String name, Instant at, String target, String migrationName, boolean created) {}
