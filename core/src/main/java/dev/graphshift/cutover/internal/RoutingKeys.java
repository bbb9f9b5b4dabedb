package dev.graphshift.cutover.internal;

import dev.graphshift.cutover.RoutingKeyExtractor;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The built-in routing key extractors and the canonical rendering of parameter values.
 *
 * <p>Immutable.
 */
public final class RoutingKeys {
  private RoutingKeys() {}

  /** Name and every parameter, keys sorted. */
  public static final RoutingKeyExtractor NAME_AND_PARAMETERS = new RoutingKeyExtractor() {
    @Override
    public Optional<String> key(String queryName, Map<String, Object> parameters) {
      StringBuilder b = new StringBuilder(queryName.length() + 16 * parameters.size() + 1);
      b.append(queryName).append('?');
      boolean first = true;
      for (Map.Entry<String, Object> e : new TreeMap<>(parameters).entrySet()) {
        if (!first) {
          b.append('&');
        }
        first = false;
        b.append(e.getKey()).append('=');
        append(b, e.getValue());
      }
      return Optional.of(b.toString());
    }

    @Override
    public String toString() {
      return "RoutingKeyExtractor.nameAndParameters()";
    }
  };

  /** No key. */
  public static final RoutingKeyExtractor NONE = new RoutingKeyExtractor() {
    @Override
    public Optional<String> key(String queryName, Map<String, Object> parameters) {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "RoutingKeyExtractor.none()";
    }
  };

  /** The key of a read of several ids: the smallest id, whatever the order they were given in. */
  public static String smallest(Collection<String> ids) {
    String min = null;
    for (String id : ids) {
      if (min == null || id.compareTo(min) < 0) {
        min = id;
      }
    }
    if (min == null) {
      throw new IllegalArgumentException("no id to key the read by");
    }
    return min;
  }

  /** A value rendered so that equal values give equal strings in every JVM. */
  public static String canonical(Object value) {
    if (value instanceof String s) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    append(b, value);
    return b.toString();
  }

  private static void append(StringBuilder b, Object value) {
    if (value instanceof float[] f) {
      b.append("float[").append(f.length).append('#').append(Arrays.hashCode(f)).append(']');
    } else if (value instanceof double[] d) {
      b.append("double[").append(d.length).append('#').append(Arrays.hashCode(d)).append(']');
    } else if (value instanceof Collection<?> c) {
      b.append('[');
      boolean first = true;
      for (Object o : c) {
        if (!first) {
          b.append(',');
        }
        first = false;
        append(b, o);
      }
      b.append(']');
    } else if (value instanceof Map<?, ?> m) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted(m).entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        b.append(e.getKey()).append('=');
        append(b, e.getValue());
      }
      b.append('}');
    } else {
      b.append(value);
    }
  }

  private static TreeMap<String, Object> sorted(Map<?, ?> m) {
    TreeMap<String, Object> t = new TreeMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      t.put(String.valueOf(e.getKey()), e.getValue() == null ? "null" : e.getValue());
    }
    return t;
  }
}
