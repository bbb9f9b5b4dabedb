package dev.graphshift.migration;

/**
 * Receives a schema migrator's events; every method defaults to doing nothing. A listener that throws is
 * logged at WARN ({@code graphshift.migration.listener_failed}) and counted; it never fails the run.
 *
 * <p>Implementations must be thread-safe.
 */
public interface MigrationListener {

  /** A migration was applied (its element created, or found present) and recorded. */
  default void onApplied(MigrationAppliedEvent event) {}

  /** A run finished, including a reported no-op. */
  default void onCompleted(MigrationsCompletedEvent event) {}
}
