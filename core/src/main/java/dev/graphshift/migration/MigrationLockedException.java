package dev.graphshift.migration;

import dev.graphshift.GraphShiftException;
import java.time.Instant;

/**
 * Another run holds the target's migration lock, so this run did not start. Wait for it to finish; if a
 * run died holding the lock, {@link SchemaMigrator#breakLock()} removes it.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class MigrationLockedException extends GraphShiftException {
  private final String holder;
  private final Instant since;

  /**
   * Creates the exception.
   *
   * @param database the target's name
   * @param holder the owner of the lock
   * @param since when the holder took it
   */
  public MigrationLockedException(String database, String holder, Instant since) {
    super(database, "the migration lock is held by '" + holder + "' since " + since
        + "; wait for that run to finish, or break the lock if it died", null);
    this.holder = holder;
    this.since = since;
  }

  /** The owner of the lock. */
  public String holder() {
    return holder;
  }

  /** When the holder took the lock. */
  public Instant since() {
    return since;
  }
}
