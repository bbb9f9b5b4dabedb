package dev.graphshift;

/**
 * How a write treats a record that already exists in the database.
 *
 * <p>Immutable.
 */
public enum WriteMode {
  /**
   * Create the record, or replace its labels (or type and endpoints) and all its properties with
   * the given ones. The write a dual write and a repair use.
   */
  UPSERT,
  /**
   * Create the record only if no record with its id exists; otherwise leave the existing one as it is
   * and count the record as skipped. The write a backfill uses, so that it never overwrites a newer
   * dual-written value. Atomic in databases whose {@link Capabilities#conditionalWrites()} is true.
   */
  INSERT_IF_ABSENT
}
