package dev.graphshift.neptune.internal;

import java.util.List;

/**
 * The JSON arrays the value policy writes for lists and vectors: strings escaped per RFC 8259, numbers
 * as {@code Long.toString}, {@code Float.toString} and {@code Double.toString} (valid JSON numbers for
 * the finite values the model allows), booleans as {@code true}/{@code false}.
 *
 * <p>Thread-safe.
 */
final class Json {
  private Json() {}

  static String array(List<?> values) {
    StringBuilder out = new StringBuilder(values.size() * 8 + 2).append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object v = values.get(i);
      if (v instanceof String s) {
        string(out, s);
      } else {
        out.append(v);
      }
    }
    return out.append(']').toString();
  }

  static String floats(float[] values) {
    StringBuilder out = new StringBuilder(values.length * 10 + 2).append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(values[i]);
    }
    return out.append(']').toString();
  }

  static String doubles(double[] values) {
    StringBuilder out = new StringBuilder(values.length * 12 + 2).append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(values[i]);
    }
    return out.append(']').toString();
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
