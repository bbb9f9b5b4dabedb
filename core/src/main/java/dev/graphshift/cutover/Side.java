package dev.graphshift.cutover;

/**
 * The two sides a read can go to: the {@code PRIMARY} (the database being migrated from, or the
 * coordinator wrapping it) and the {@code SECONDARY} (the database being migrated to).
 *
 * <p>Immutable.
 */
public enum Side {
  /** The database being migrated from; it takes every write. */
  PRIMARY,
  /** The database being migrated to; it only answers reads routed to it. */
  SECONDARY;

  /** The other side. */
  public Side other() {
    return this == PRIMARY ? SECONDARY : PRIMARY;
  }
}
