package dev.graphshift.mapping.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Canonical JSON of a node's labels and properties: sorted, escaped, one spelling per value.
 *
 * <p>Thread-safe.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** {@code {"labels":[...],"properties":{...}}}, labels and keys sorted, {@code excluded} left out. */
  public static String of(Set<String> labels, Map<String, Object> properties, String excluded) {
    StringBuilder sb = new StringBuilder(64 + properties.size() * 24);
    sb.append("{\"labels\":[");
    String[] sortedLabels = labels.toArray(new String[0]);
    Arrays.sort(sortedLabels);
    for (int i = 0; i < sortedLabels.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      quote(sb, sortedLabels[i]);
    }
    sb.append("],\"properties\":{");
    String[] keys = properties.keySet().toArray(new String[0]);
    Arrays.sort(keys);
    boolean first = true;
    for (String key : keys) {
      if (key.equals(excluded)) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      quote(sb, key);
      sb.append(':');
      value(sb, properties.get(key));
    }
    return sb.append("}}").toString();
  }

  private static void value(StringBuilder sb, Object v) {
    if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Long || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Double d) {
      number(sb, d);
    } else if (v instanceof float[] f) {
      sb.append('[');
      for (int i = 0; i < f.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        if (Float.isFinite(f[i])) {
          sb.append(f[i]);
        } else {
          quote(sb, Float.toString(f[i]));
        }
      }
      sb.append(']');
    } else if (v instanceof double[] d) {
      sb.append('[');
      for (int i = 0; i < d.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        number(sb, d[i]);
      }
      sb.append(']');
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        value(sb, list.get(i));
      }
      sb.append(']');
    } else {
      quote(sb, String.valueOf(v));
    }
  }

  private static void number(StringBuilder sb, double d) {
    if (Double.isFinite(d)) {
      sb.append(d);
    } else {
      quote(sb, Double.toString(d));
    }
  }

  /** Appends a string as a JSON string: quoted, with {@code "}, {@code \\} and control characters escaped. */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
