package dev.graphshift.mapping.internal;

import dev.graphshift.internal.Json;
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
      Json.quote(sb, sortedLabels[i]);
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
      Json.quote(sb, key);
      sb.append(':');
      value(sb, properties.get(key));
    }
    return sb.append("}}").toString();
  }

  private static void value(StringBuilder sb, Object v) {
    if (v instanceof String s) {
      Json.quote(sb, s);
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
          Json.quote(sb, Float.toString(f[i]));
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
      Json.quote(sb, String.valueOf(v));
    }
  }

  private static void number(StringBuilder sb, double d) {
    if (Double.isFinite(d)) {
      sb.append(d);
    } else {
      Json.quote(sb, Double.toString(d));
    }
  }
}
