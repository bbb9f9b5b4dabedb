package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The state of one cutover: the share of reads that goes to the secondary, the phase, and where the
 * schedule stands. It is what the router routes by (held in one atomic reference, so a rollback is a
 * single flip), what {@link GradualCutoverRouter#state()} reports, and what a {@link
 * CutoverControlStore} shares between application instances, versioned for compare-and-set.
 *
 * <p>Immutable.
 *
 * @param version the version in the control store; 0 before the state was first stored, then one more
 *     with every change
 * @param shareBasisPoints the share of reads routed to the secondary, in basis points, 0..10 000
 * @param phase the phase
 * @param step the index of the schedule step in force, or -1 for a router without a schedule
 * @param stepStartedAt when the step in force began (its hold counts from there)
 * @param changedAt when this state was set
 * @param changedBy the instance that set it
 * @param reason why it was set, for operators
 */
public record CutoverState(
    long version,
    int shareBasisPoints,
    CutoverPhase phase,
    int step,
    Instant stepStartedAt,
    Instant changedAt,
    String changedBy,
    String reason) {

  /** The largest share: every read. */
  public static final int ALL = RoutingHash.BUCKETS;

  /**
   * Creates a state.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the version is negative, the share outside 0..10 000, or the
   *     step below -1
   */
  public CutoverState {
    requireNonNull(phase, "phase");
    requireNonNull(stepStartedAt, "stepStartedAt");
    requireNonNull(changedAt, "changedAt");
    requireNonNull(changedBy, "changedBy");
    requireNonNull(reason, "reason");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative: " + version);
    }
    checkShare(shareBasisPoints);
    if (step < -1) {
      throw new IllegalArgumentException("step must be -1 or more: " + step);
    }
  }

  static int checkShare(int basisPoints) {
    if (basisPoints < 0 || basisPoints > ALL) {
      throw new IllegalArgumentException("share must be within 0..10000 basis points: " + basisPoints);
    }
    return basisPoints;
  }

  /** Whether reads have been returned to the primary. */
  public boolean rolledBack() {
    return phase == CutoverPhase.ROLLED_BACK;
  }

  /** The share as a percentage, 0..100. */
  public double sharePercent() {
    return shareBasisPoints / 100.0;
  }

  /** This state as the next version, set by {@code by} at {@code at} for {@code why}. */
  CutoverState next(int share, CutoverPhase newPhase, int newStep, Instant newStepStartedAt, Instant at, String by, String why) {
    return new CutoverState(version + 1, share, newPhase, newStep, newStepStartedAt, at, by, why);
  }

  /** This state under another version (a local change about to be stored). */
  CutoverState withVersion(long newVersion) {
    return new CutoverState(newVersion, shareBasisPoints, phase, step, stepStartedAt, changedAt, changedBy, reason);
  }

  /** A one-line description for logs and the MBean. */
  public String describe() {
    return "phase=" + phase + " share=" + shareBasisPoints + "bp step=" + step + " version=" + version
        + " stepStartedAt=" + stepStartedAt + " changedAt=" + changedAt + " changedBy=" + changedBy
        + " reason=" + reason;
  }
}
