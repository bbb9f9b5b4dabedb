package dev.graphshift.cutover.internal;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * murmur3_x86_32 with seed 0 over the UTF-8 bytes of a fixed prefix followed by a key, computed without
 * allocating: the prefix is absorbed once, and each key is encoded to UTF-8 on the fly, one char at a
 * time, as {@link String#getBytes(java.nio.charset.Charset)} would encode it (an unpaired surrogate
 * becomes {@code '?'}). Prefix and key are encoded separately (a high surrogate ending the prefix does
 * not pair with a low one starting the key); when the prefix ends with an ASCII character, as the
 * routing hash's {@code salt + ":"} does, that is exactly the encoding of the whole string. The output
 * equals Guava's {@code Hashing.murmur3_32_fixed()} over the same bytes.
 *
 * <p>Immutable.
 */
public final class Murmur3 {
  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  /** The state after the prefix: the running hash, the pending (fewer than four) bytes, the length. */
  private final int h1;
  private final int pending;
  private final int pendingBytes;
  private final int length;

  private Murmur3(int h1, int pending, int pendingBytes, int length) {
    this.h1 = h1;
    this.pending = pending;
    this.pendingBytes = pendingBytes;
    this.length = length;
  }

  /** A hasher whose every input is preceded by the UTF-8 bytes of {@code prefix}. */
  public static Murmur3 withPrefix(String prefix) {
    byte[] bytes = requireNonNull(prefix, "prefix").getBytes(StandardCharsets.UTF_8);
    int h = 0;
    int i = 0;
    for (; i + 4 <= bytes.length; i += 4) {
      int k = (bytes[i] & 0xFF) | (bytes[i + 1] & 0xFF) << 8 | (bytes[i + 2] & 0xFF) << 16 | (bytes[i + 3] & 0xFF) << 24;
      h = mixH1(h, mixK1(k));
    }
    int pending = 0;
    int n = 0;
    for (; i < bytes.length; i++, n++) {
      pending |= (bytes[i] & 0xFF) << (8 * n);
    }
    return new Murmur3(h, pending, n, bytes.length);
  }

  /** The 32-bit hash of the prefix followed by the UTF-8 bytes of {@code key}. */
  public int hash(CharSequence key) {
    int h = h1;
    int buf = pending;
    int nbuf = pendingBytes;
    int total = length;
    int n = key.length();
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      int enc;
      int bytes;
      if (c < 0x80) {
        enc = c;
        bytes = 1;
      } else if (c < 0x800) {
        enc = (0xC0 | (c >>> 6)) | (0x80 | (c & 0x3F)) << 8;
        bytes = 2;
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(key.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, key.charAt(++i));
          enc = (0xF0 | (cp >>> 18))
              | (0x80 | ((cp >>> 12) & 0x3F)) << 8
              | (0x80 | ((cp >>> 6) & 0x3F)) << 16
              | (0x80 | (cp & 0x3F)) << 24;
          bytes = 4;
        } else {
          enc = '?';
          bytes = 1;
        }
      } else {
        enc = (0xE0 | (c >>> 12)) | (0x80 | ((c >>> 6) & 0x3F)) << 8 | (0x80 | (c & 0x3F)) << 16;
        bytes = 3;
      }
      total += bytes;
      for (int j = 0; j < bytes; j++) {
        buf |= ((enc >>> (8 * j)) & 0xFF) << (8 * nbuf);
        if (++nbuf == 4) {
          h = mixH1(h, mixK1(buf));
          buf = 0;
          nbuf = 0;
        }
      }
    }
    if (nbuf > 0) {
      h ^= mixK1(buf);
    }
    h ^= total;
    return fmix(h);
  }

  private static int mixK1(int k) {
    k *= C1;
    k = Integer.rotateLeft(k, 15);
    return k * C2;
  }

  private static int mixH1(int h, int k) {
    h ^= k;
    h = Integer.rotateLeft(h, 13);
    return h * 5 + 0xe6546b64;
  }

  private static int fmix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
