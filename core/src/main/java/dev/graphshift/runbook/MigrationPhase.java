package dev.graphshift.runbook;

import java.util.Optional;

/**
 * The phases of a migration, in order. What the runbook's {@link MigrationRunbook#database() handle}
 * does in each (old = the database migrated from, new = the database migrated to):
 *
 * <pre>
 * phase          writes                                       reads                               composition
 * SINGLE_WRITE   old only                                     old                                 old
 * DUAL_WRITE     old, then new (async, ordered, dead letters) old                                 DualWrite(old, new)
 * BACKFILL       as DUAL_WRITE; runBackfill() copies the rest old                                 DualWrite(old, new)
 * VALIDATE       as DUAL_WRITE; runValidation() compares     old                                 DualWrite(old, new)
 * SHADOW_READ    as DUAL_WRITE                                old, compared with new off-thread   Shadow(DualWrite(old, new), new)
 * CUTOVER        as DUAL_WRITE                                a sticky share on new, the rest old Router(Shadow(DualWrite(old, new), new), new)
 * DECOMMISSION   new, then old if reverse dual writes are on  new                                 DualWrite(new, old), or new
 * COMPLETE       new only                                     new                                 new
 * </pre>
 *
 * The same order as LaunchDarkly's migration stages (off, dualwrite, shadow, live, rampdown,
 * complete), with the backfill and the validation as phases of their own, and the "live" stage made
 * gradual by the cutover router.
 *
 * <p>Immutable.
 */
public enum MigrationPhase {
  /** Before the migration: the application writes and reads the old database only. */
  SINGLE_WRITE,
  /** Every write reaches the new database too; reads stay on the old one. */
  DUAL_WRITE,
  /** Dual writes go on while the records that existed before them are copied. */
  BACKFILL,
  /** Dual writes go on while the new database is compared with the old one. */
  VALIDATE,
  /** Reads are answered by the old database and compared, off the caller's thread, with the new one. */
  SHADOW_READ,
  /** A growing share of reads is answered by the new database, following the cutover schedule. */
  CUTOVER,
  /**
   * The new database is the primary; the old one gets no more writes, or (reverse dual writes) gets them
   * after the new one, so that a rollback stays possible during the rollback window.
   */
  DECOMMISSION,
  /** The migration is over: the new database only. */
  COMPLETE;

  private static final MigrationPhase[] ALL = values();

  /** The phase after this one; empty for {@link #COMPLETE}. */
  public Optional<MigrationPhase> next() {
    return ordinal() + 1 < ALL.length ? Optional.of(ALL[ordinal() + 1]) : Optional.empty();
  }

  /** Whether this phase comes before {@code other}. */
  public boolean isBefore(MigrationPhase other) {
    return compareTo(other) < 0;
  }

  /** Whether writes go to the old database first and then to the new one: {@link #DUAL_WRITE} to {@link #CUTOVER}. */
  public boolean dualWritesForward() {
    return compareTo(DUAL_WRITE) >= 0 && compareTo(CUTOVER) <= 0;
  }

  /** Whether reads are compared with the new database: {@link #SHADOW_READ} and {@link #CUTOVER}. */
  public boolean shadowsReads() {
    return this == SHADOW_READ || this == CUTOVER;
  }

  /** Whether the new database is the primary: {@link #DECOMMISSION} and {@link #COMPLETE}. */
  public boolean newDatabaseIsPrimary() {
    return this == DECOMMISSION || this == COMPLETE;
  }
}
