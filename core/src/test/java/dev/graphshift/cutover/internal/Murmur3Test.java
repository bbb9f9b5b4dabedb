package dev.graphshift.cutover.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Murmur3Test {

  /** The textbook byte-array murmur3_x86_32, written independently of the streaming one. */
  static int reference(byte[] data) {
    int h1 = 0;
    int n = data.length / 4;
    for (int i = 0; i < n; i++) {
      int k = (data[4 * i] & 0xff) | (data[4 * i + 1] & 0xff) << 8 | (data[4 * i + 2] & 0xff) << 16 | data[4 * i + 3] << 24;
      k *= 0xcc9e2d51;
      k = Integer.rotateLeft(k, 15);
      k *= 0x1b873593;
      h1 ^= k;
      h1 = Integer.rotateLeft(h1, 13);
      h1 = h1 * 5 + 0xe6546b64;
    }
    int k = 0;
    int tail = 4 * n;
    int rest = data.length & 3;
    if (rest == 3) {
      k ^= (data[tail + 2] & 0xff) << 16;
    }
    if (rest >= 2) {
      k ^= (data[tail + 1] & 0xff) << 8;
    }
    if (rest >= 1) {
      k ^= data[tail] & 0xff;
      k *= 0xcc9e2d51;
      k = Integer.rotateLeft(k, 15);
      k *= 0x1b873593;
      h1 ^= k;
    }
    h1 ^= data.length;
    h1 ^= h1 >>> 16;
    h1 *= 0x85ebca6b;
    h1 ^= h1 >>> 13;
    h1 *= 0xc2b2ae35;
    h1 ^= h1 >>> 16;
    return h1;
  }

  @Test
  void shouldMatchThePublishedVectorsWhenThePrefixIsEmpty() {
    // given
    Murmur3 m = Murmur3.withPrefix("");

    // then: published murmur3_x86_32 values, seed 0
    assertThat(m.hash("")).isEqualTo(0);
    assertThat(m.hash("hello")).isEqualTo(0x248bfa47);
    assertThat(m.hash("The quick brown fox jumps over the lazy dog")).isEqualTo(0x2e4ff723);
  }

  @Test
  void shouldEqualTheByteArrayHashOfPrefixBytesThenKeyBytesWhenKeysHoldAnyUtf16() {
    // given: random prefixes and keys of every length, with ASCII, 2-, 3- and 4-byte characters and lone surrogates
    SplittableRandom random = new SplittableRandom(7);
    char[] alphabet = {'a', 'Z', '0', ':', 'é', 'ß', 'Ω', '€', '中', '\uD83D', '\uDE00', '\uD800', '\uDFFF', '\u007f', '\u0080'};
    for (int round = 0; round < 5_000; round++) {
      String prefix = randomString(random, alphabet, random.nextInt(7));
      String key = randomString(random, alphabet, random.nextInt(12));
      byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
      byte[] k = key.getBytes(StandardCharsets.UTF_8);
      byte[] both = new byte[p.length + k.length];
      System.arraycopy(p, 0, both, 0, p.length);
      System.arraycopy(k, 0, both, p.length, k.length);

      // when
      int streamed = Murmur3.withPrefix(prefix).hash(key);
      int separated = Murmur3.withPrefix(prefix + ":").hash(key);

      // then: prefix and key are encoded separately; with a ':' between them that is the whole string's encoding
      assertThat(streamed).as("prefix=%s key=%s", escape(prefix), escape(key)).isEqualTo(reference(both));
      assertThat(separated).isEqualTo(reference((prefix + ":" + key).getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    s.chars().forEach(c -> b.append(c < 0x80 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
    return b.toString();
  }

  private static String randomString(SplittableRandom random, char[] alphabet, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet[random.nextInt(alphabet.length)]);
    }
    return b.toString();
  }
}
