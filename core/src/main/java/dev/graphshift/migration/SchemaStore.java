package dev.graphshift.migration;

import java.util.List;

/**
 * The schema of a database that has one (constraints and indexes), with the bookkeeping of migrations:
 * the SPI an adapter implements besides {@link dev.graphshift.GraphDatabase} when its {@code
 * capabilities().schema()} is true. The {@link SchemaMigrator} finds it by {@code instanceof}, or is given
 * it.
 *
 * <p>What implementations must guarantee: {@link #create(SchemaElement)} is idempotent (create if
 * absent, as Cypher's {@code IF NOT EXISTS}); the applied migrations and the lock live in the database
 * itself, so every process sees them; {@link #lock(String)} is atomic: of two concurrent callers exactly
 * one gets the lock and the other a {@link MigrationLockedException}. Bookkeeping records use labels
 * starting with {@link #BOOKKEEPING_LABEL_PREFIX}, which the validator ignores.
 *
 * <p>The Neo4j adapter implements it ({@code Neo4jGraphDatabase}): {@code SHOW CONSTRAINTS} and {@code SHOW
 * INDEXES} for {@link #readSchema()}; {@code CREATE CONSTRAINT … IF NOT EXISTS} and {@code CREATE … INDEX …
 * IF NOT EXISTS} named after {@link SchemaElement#migrationName()}; applied migrations as {@code
 * (:__GraphShiftMigration {name})} nodes; the lock as one {@code (:__GraphShiftMigrationLock {lock: 'lock',
 * owner, since})} node under a uniqueness constraint on {@code lock}, so that only one run can hold it.
 *
 * <p>Implementations must be thread-safe.
 */
public interface SchemaStore {

  /** The prefix of the labels of bookkeeping records (applied migrations, the lock). */
  String BOOKKEEPING_LABEL_PREFIX = "__GraphShift";
  /** The label of an applied-migration record. */
  String MIGRATION_LABEL = "__GraphShiftMigration";
  /** The label of the lock record. */
  String LOCK_LABEL = "__GraphShiftMigrationLock";

  /** The uniqueness constraints and indexes the database has, of the kinds {@link SchemaElement} knows. */
  List<SchemaElement> readSchema();

  /**
   * Creates the element if the database does not have it.
   *
   * @return whether it was created (false if it existed)
   */
  boolean create(SchemaElement element);

  /** The migrations recorded as applied, in the order they were applied. */
  List<AppliedMigration> appliedMigrations();

  /** Records a migration as applied. */
  void recordApplied(AppliedMigration migration);

  /**
   * Takes the migration lock.
   *
   * @param owner who takes it, for the message another run gets
   * @throws MigrationLockedException if another owner holds it
   */
  MigrationLock lock(String owner);

  /** Removes the lock whoever holds it, for a run that died holding it. */
  void breakLock();
}
