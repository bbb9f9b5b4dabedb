package dev.graphshift.migration;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A migration recorded on a target as applied.
 *
 * <p>Immutable.
 *
 * @param name the migration's name ({@link SchemaElement#migrationName()})
 * @param description what it did
 * @param appliedAt when
 * @param appliedBy the owner of the run that applied it
 */
public record AppliedMigration(String name, String description, Instant appliedAt, String appliedBy) {

  public AppliedMigration {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(appliedAt, "appliedAt");
    requireNonNull(appliedBy, "appliedBy");
  }
}
