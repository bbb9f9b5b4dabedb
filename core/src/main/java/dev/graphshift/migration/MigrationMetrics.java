package dev.graphshift.migration;

/**
 * A snapshot of a schema migrator's counters since it was built.
 *
 * <p>Immutable.
 *
 * @param name the migrator's name
 * @param runs runs finished (including no-ops)
 * @param noOps runs against a target without schema
 * @param created elements created
 * @param alreadyPresent elements found present and recorded
 * @param alreadyApplied migrations skipped as applied before
 * @param notCarried elements whose label or type the mapping does not carry
 * @param lockConflicts runs refused because another held the lock
 * @param listenerFailures listener calls that threw
 */
public record MigrationMetrics(
    String name, long runs, long noOps, long created, long alreadyPresent, long alreadyApplied, long notCarried,
    long lockConflicts, long listenerFailures) {}
