package dev.graphshift.engram;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * Read-after-write verification: which written memories the adapter reads back with {@code GET
 * /api/v1/memories/{id}} to compare their content with what it sent. Engram answers 201 even when it
 * skips a write whose embedding is within cosine 0.95 of a memory it holds, or when a later write
 * replaces it; verification turns such a silent drop into a rejection with {@link
 * dev.graphshift.Rules#ENGRAM_NOT_STORED}. It costs one GET per verified memory.
 *
 * <ul>
 *   <li>{@link #none()}: no read-back.
 *   <li>{@link #sampled(double)}: a deterministic sample of the written memories (chosen by a hash of
 *       the node id, so the same ids are verified on every run), which measures the drop rate cheaply.
 *   <li>{@link #full()}: every written memory; the only mode that catches every silent drop.
 * </ul>
 *
 * <p>Immutable.
 *
 * @param mode the mode
 * @param rate the fraction verified: 0 for {@code NONE}, 1 for {@code FULL}, in (0, 1] for {@code SAMPLED}
 */
public record Verification(Mode mode, double rate) {

  /** The verification modes. */
  public enum Mode {
    /** No read-back. */
    NONE,
    /** A deterministic sample. */
    SAMPLED,
    /** Every written memory. */
    FULL
  }

  private static final Verification NONE = new Verification(Mode.NONE, 0);
  private static final Verification FULL = new Verification(Mode.FULL, 1);

  /**
   * Creates a verification setting.
   *
   * @throws IllegalArgumentException if the rate does not fit the mode
   */
  public Verification {
    requireNonNull(mode, "mode");
    boolean ok = switch (mode) {
      case NONE -> rate == 0;
      case FULL -> rate == 1;
      case SAMPLED -> rate > 0 && rate <= 1;
    };
    if (!ok) {
      throw new IllegalArgumentException("rate " + rate + " does not fit mode " + mode
          + " (NONE: 0, FULL: 1, SAMPLED: in (0, 1])");
    }
  }

  /** No read-back. */
  public static Verification none() {
    return NONE;
  }

  /** Every written memory is read back. */
  public static Verification full() {
    return FULL;
  }

  /**
   * A deterministic sample of about {@code rate} of the written memories is read back.
   *
   * @throws IllegalArgumentException if rate is not in (0, 1]
   */
  public static Verification sampled(double rate) {
    return new Verification(Mode.SAMPLED, rate);
  }

  /** Whether the memory of this node id is read back. */
  public boolean selects(String nodeId) {
    return switch (mode) {
      case NONE -> false;
      case FULL -> true;
      case SAMPLED -> unitHash(nodeId) < rate;
    };
  }

  /** A hash of the id mapped to [0, 1): FNV-1a over the UTF-8 bytes, then a 64-bit finalizer. */
  private static double unitHash(String id) {
    long h = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (h >>> 11) * 0x1.0p-53;
  }
}
