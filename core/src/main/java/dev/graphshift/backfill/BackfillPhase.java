package dev.graphshift.backfill;

/**
 * The two phases of a backfill, run in this order: relationships need their endpoints on the target.
 *
 * <p>Immutable.
 */
public enum BackfillPhase {
  /** Copying nodes. */
  NODES,
  /** Copying relationships, after every node partition has finished. */
  RELATIONSHIPS;

  /** {@code nodes} or {@code relationships}, for logs, ids and JSON. */
  public String key() {
    return this == NODES ? "nodes" : "relationships";
  }
}
