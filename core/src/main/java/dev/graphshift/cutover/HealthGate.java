package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The health gates a {@link GradualCutoverRouter} judges the secondary by, over a sliding window of
 * the reads it routed: the window is cut into {@code slices}; each time a slice ends, the gates are
 * judged over the last {@code slices} slices (one window). A gate trips, and the router rolls back to
 * 0 at once, when the window holds at least {@code minSamples} reads on the secondary and
 *
 * <ul>
 *   <li>the secondary's error rate (failed reads / reads) is above {@code maxErrorRate}, or
 *   <li>the secondary's P99 latency is above {@code maxLatencyRatio} times the primary's (judged only
 *       when both sides served at least {@code minSamples} reads in the window; at a share of 100% the
 *       primary serves none, so only the error rate is judged there).
 * </ul>
 *
 * Latencies are those the router measured around each call, successful calls only.
 *
 * <p>Immutable.
 *
 * @param enabled whether the gates are judged at all
 * @param maxErrorRate the largest tolerated error rate of the secondary, in [0, 1]
 * @param maxLatencyRatio the largest tolerated ratio of the secondary's P99 to the primary's, at least 1
 * @param minSamples the fewest reads a window needs before it is judged, at least 1
 * @param window the length of the sliding window
 * @param slices how many slices the window is cut into (the gates are judged once per slice), at least 1
 */
public record HealthGate(
    boolean enabled, double maxErrorRate, double maxLatencyRatio, long minSamples, Duration window, int slices) {

  /** Default error-rate gate: 1%. */
  public static final double DEFAULT_MAX_ERROR_RATE = 0.01;
  /** Default latency gate: the secondary's P99 may be up to 1.2 times the primary's. */
  public static final double DEFAULT_MAX_LATENCY_RATIO = 1.2;
  /** Default fewest reads a window needs before it is judged: 100. */
  public static final long DEFAULT_MIN_SAMPLES = 100;
  /** Default window: 5 minutes. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
  /** Default number of slices: 5 (judged once a minute over the last five minutes). */
  public static final int DEFAULT_SLICES = 5;

  /**
   * Creates health gates.
   *
   * @throws NullPointerException if window is null
   * @throws IllegalArgumentException if a value is out of its range
   */
  public HealthGate {
    requireNonNull(window, "window");
    if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
      throw new IllegalArgumentException("maxErrorRate must be within [0, 1]: " + maxErrorRate);
    }
    if (!(maxLatencyRatio >= 1) || Double.isInfinite(maxLatencyRatio)) {
      throw new IllegalArgumentException("maxLatencyRatio must be a finite number of at least 1: " + maxLatencyRatio);
    }
    if (minSamples < 1) {
      throw new IllegalArgumentException("minSamples must be at least 1: " + minSamples);
    }
    if (slices < 1) {
      throw new IllegalArgumentException("slices must be at least 1: " + slices);
    }
    if (window.isNegative() || window.isZero() || window.dividedBy(slices).isZero()) {
      throw new IllegalArgumentException("window must be positive and at least one nanosecond per slice: " + window);
    }
  }

  /** The default gates: error rate above 1% or P99 above 1.2× the primary's, 100 reads, 5-minute window in 5 slices. */
  public static HealthGate defaults() {
    return builder().build();
  }

  /** No gate: the router never rolls back on its own. */
  public static HealthGate disabled() {
    return builder().enabled(false).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The length of one slice: the window divided by the number of slices. */
  public Duration slice() {
    return window.dividedBy(slices);
  }

  /**
   * Builds a {@link HealthGate}; starts from the defaults.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private boolean enabled = true;
    private double maxErrorRate = DEFAULT_MAX_ERROR_RATE;
    private double maxLatencyRatio = DEFAULT_MAX_LATENCY_RATIO;
    private long minSamples = DEFAULT_MIN_SAMPLES;
    private Duration window = DEFAULT_WINDOW;
    private int slices = DEFAULT_SLICES;

    private Builder() {}

    /** Whether the gates are judged; default true. */
    public Builder enabled(boolean value) {
      this.enabled = value;
      return this;
    }

    /** The largest tolerated error rate of the secondary, in [0, 1]; default 0.01. */
    public Builder maxErrorRate(double value) {
      this.maxErrorRate = value;
      return this;
    }

    /** The largest tolerated ratio of the secondary's P99 latency to the primary's, at least 1; default 1.2. */
    public Builder maxLatencyRatio(double value) {
      this.maxLatencyRatio = value;
      return this;
    }

    /** The fewest reads a window needs before it is judged, at least 1; default 100. */
    public Builder minSamples(long value) {
      this.minSamples = value;
      return this;
    }

    /** The length of the sliding window; default 5 minutes. */
    public Builder window(Duration value) {
      this.window = requireNonNull(value, "value");
      return this;
    }

    /** How many slices the window is cut into, at least 1; default 5. */
    public Builder slices(int value) {
      this.slices = value;
      return this;
    }

    /**
     * Builds the gates.
     *
     * @throws IllegalArgumentException if a value is out of its range
     */
    public HealthGate build() {
      return new HealthGate(enabled, maxErrorRate, maxLatencyRatio, minSamples, window, slices);
    }
  }
}
