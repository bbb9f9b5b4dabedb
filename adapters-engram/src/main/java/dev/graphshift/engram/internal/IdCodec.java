package dev.graphshift.engram.internal;

import java.util.Optional;

/**
 * The reversible encoding of node ids into Engram memory ids that satisfy Engram's query-language
 * identifier rule {@code [A-Za-z_][A-Za-z0-9_]*}.
 *
 * <p>A memory id is {@code n_} followed by the node id, code point by code point: ASCII letters and
 * digits stay as they are, an underscore becomes two underscores, and every other code point becomes
 * an underscore, its lowercase hexadecimal value without leading zeros, and an underscore. For
 * example {@code neo4j:42} becomes {@code n_neo4j_3a_42}, {@code person_7} becomes {@code
 * n_person__7} and {@code é} becomes {@code n__e9_}. Decoding accepts exactly the strings encoding
 * produces (the mapping is a bijection), so a memory id that is not such a string (one written by
 * another client) is reported as foreign.
 *
 * <p>Thread-safe.
 */
public final class IdCodec {
  private IdCodec() {}

  /** The prefix of every encoded id. */
  public static final String PREFIX = "n_";

  /** Encodes a node id. */
  public static String encode(String nodeId) {
    StringBuilder out = new StringBuilder(PREFIX.length() + nodeId.length() + 8);
    out.append(PREFIX);
    for (int i = 0; i < nodeId.length(); ) {
      int cp = nodeId.codePointAt(i);
      i += Character.charCount(cp);
      if (isPlain(cp)) {
        out.append((char) cp);
      } else if (cp == '_') {
        out.append("__");
      } else {
        out.append('_').append(Integer.toHexString(cp)).append('_');
      }
    }
    return out.toString();
  }

  /** Decodes a memory id, or empty if it is not an encoding this codec produces. */
  public static Optional<String> decode(String memoryId) {
    if (!memoryId.startsWith(PREFIX)) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder(memoryId.length());
    int i = PREFIX.length();
    int n = memoryId.length();
    while (i < n) {
      char c = memoryId.charAt(i);
      if (isPlain(c)) {
        out.append(c);
        i++;
        continue;
      }
      if (c != '_' || i + 1 >= n) {
        return Optional.empty();
      }
      char next = memoryId.charAt(i + 1);
      if (next == '_') {
        out.append('_');
        i += 2;
        continue;
      }
      int end = memoryId.indexOf('_', i + 1);
      if (end < 0 || end - i - 1 > 6 || (next == '0' && end - i - 1 > 1)) {
        return Optional.empty();
      }
      int cp = 0;
      for (int k = i + 1; k < end; k++) {
        int digit = Character.digit(memoryId.charAt(k), 16);
        if (digit < 0 || Character.isUpperCase(memoryId.charAt(k))) {
          return Optional.empty();
        }
        cp = cp * 16 + digit;
      }
      if (cp > Character.MAX_CODE_POINT || isPlain(cp) || cp == '_') {
        return Optional.empty();
      }
      out.appendCodePoint(cp);
      i = end + 1;
    }
    return Optional.of(out.toString());
  }

  /** Whether a string satisfies Engram's identifier rule {@code [A-Za-z_][A-Za-z0-9_]*}. */
  public static boolean isIdentifier(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPlain(int cp) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
}
