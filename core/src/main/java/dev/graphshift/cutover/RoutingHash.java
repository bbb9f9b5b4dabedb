package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import dev.graphshift.cutover.internal.Murmur3;

/**
 * The stable hash that puts a routing key into one of {@value #BUCKETS} buckets, so that a key always
 * lands in the same bucket, in every JVM and every release.
 *
 * <p><b>The algorithm, exactly.</b> For a salt {@code s} and a key {@code k}:
 *
 * <ol>
 *   <li>take the UTF-8 bytes of the string {@code s + ":" + k} (an unpaired surrogate encodes as
 *       {@code '?'}, as {@link String#getBytes(java.nio.charset.Charset)} does);
 *   <li>compute murmur3_x86_32 with seed 0 over them (the same value as Guava's {@code
 *       Hashing.murmur3_32_fixed()}); read the 32 bits as an unsigned number {@code h};
 *   <li>the bucket is {@code floor(h * 10 000 / 2^32)}, in {@code [0, 10 000)}.
 * </ol>
 *
 * A key goes to the secondary when its bucket is below the share in basis points. Because a key's
 * bucket never changes, raising the share only adds keys: a key that went to the secondary at 1% still
 * goes there at 10%, 50% and 100%. The salt decorrelates independent decisions (cutover routing from
 * shadow sampling, one migration from another). Pinned test vectors guard the algorithm.
 *
 * <p>Computing a bucket allocates nothing; the salt's bytes are absorbed once, here.
 *
 * <p>Immutable.
 */
public final class RoutingHash {
  /** The number of buckets: one per basis point. */
  public static final int BUCKETS = 10_000;

  private final String salt;
  private final Murmur3 murmur;

  private RoutingHash(String salt) {
    this.salt = salt;
    this.murmur = Murmur3.withPrefix(salt + ":");
  }

  /**
   * The hash for a salt.
   *
   * @throws NullPointerException if salt is null
   */
  public static RoutingHash salted(String salt) {
    return new RoutingHash(requireNonNull(salt, "salt"));
  }

  /** The salt. */
  public String salt() {
    return salt;
  }

  /** The bucket of a key, in {@code [0, 10 000)}. */
  public int bucket(CharSequence key) {
    long h = murmur.hash(key) & 0xFFFF_FFFFL;
    return (int) ((h * BUCKETS) >>> 32);
  }

  /** Whether a key falls below a share in basis points (0 means none, 10 000 means all). */
  public boolean within(CharSequence key, int basisPoints) {
    return basisPoints >= BUCKETS || (basisPoints > 0 && bucket(key) < basisPoints);
  }

  @Override
  public String toString() {
    return "RoutingHash[murmur3_x86_32(utf8(salt + \":\" + key)) * 10000 >>> 32, salt=" + salt + "]";
  }
}
