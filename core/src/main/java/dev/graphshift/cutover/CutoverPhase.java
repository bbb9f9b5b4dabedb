package dev.graphshift.cutover;

/**
 * Where a cutover stands.
 *
 * <p>Immutable.
 */
public enum CutoverPhase {
  /** The schedule drives the share and advances on its own when a step's hold has passed. */
  RUNNING,
  /**
   * The share stays where it is: paused by an operator, set by hand, or a router without a schedule.
   * Health gates still watch it and roll it back if they trip.
   */
  PAUSED,
  /**
   * Every read goes to the primary and none falls back to the secondary, until an operator resumes or
   * sets a share. Nothing leaves this phase on its own.
   */
  ROLLED_BACK
}
