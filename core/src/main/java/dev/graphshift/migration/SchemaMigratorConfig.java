package dev.graphshift.migration;

import static java.util.Objects.requireNonNull;

/**
 * The settings of a {@link SchemaMigrator}, as built.
 *
 * <p>Immutable.
 *
 * @param name the migrator's name
 * @param owner who takes the lock and is recorded as applying the migrations
 */
public record SchemaMigratorConfig(String name, String owner) {

  public SchemaMigratorConfig {
    requireNonNull(name, "name");
    requireNonNull(owner, "owner");
  }
}
