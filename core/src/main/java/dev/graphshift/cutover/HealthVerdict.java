package dev.graphshift.cutover;

/**
 * The outcome of judging one health window.
 *
 * <p>Immutable.
 */
public enum HealthVerdict {
  /** Enough reads, and every gate passed. */
  HEALTHY,
  /** Too few reads on the secondary to judge; nothing is concluded. */
  INSUFFICIENT_SAMPLES,
  /** The secondary's error rate was above the gate. */
  ERROR_RATE_TRIPPED,
  /** The secondary's P99 latency was above the gate's ratio of the primary's. */
  LATENCY_TRIPPED;

  /** Whether this verdict rolls a cutover back. */
  public boolean tripped() {
    return this == ERROR_RATE_TRIPPED || this == LATENCY_TRIPPED;
  }
}
