package dev.graphshift.benchmarks.backfill;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the runner's results as indented JSON: records (by their components, in declaration order),
 * maps, collections, optionals (empty as {@code null}), strings, booleans and numbers (a number that is
 * not finite as {@code null}).
 *
 * <p>Immutable.
 */
final class JsonWriter {
  private JsonWriter() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "");
    return out.append('\n').toString();
  }

  private static void write(Object value, StringBuilder out, String indent) {
    if (value instanceof Optional<?> optional) {
      if (optional.isPresent()) {
        write(optional.get(), out, indent);
      } else {
        out.append("null");
      }
    } else if (value instanceof Record record) {
      RecordComponent[] components = record.getClass().getRecordComponents();
      out.append('{');
      for (int i = 0; i < components.length; i++) {
        field(components[i].getName(), read(record, components[i]), out, indent, i == 0);
      }
      out.append('\n').append(indent).append('}');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        field(String.valueOf(e.getKey()), e.getValue(), out, indent, first);
        first = false;
      }
      out.append(map.isEmpty() ? "" : "\n" + indent).append('}');
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      boolean first = true;
      for (Object element : list) {
        out.append(first ? "\n" : ",\n").append(indent).append("  ");
        write(element, out, indent + "  ");
        first = false;
      }
      out.append(list.isEmpty() ? "" : "\n" + indent).append(']');
    } else if (value instanceof Double d) {
      out.append(d.isNaN() || d.isInfinite() ? "null" : d.toString());
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      quote(String.valueOf(value), out);
    }
  }

  private static void field(String name, Object value, StringBuilder out, String indent, boolean first) {
    out.append(first ? "\n" : ",\n").append(indent).append("  ");
    quote(name, out);
    out.append(": ");
    write(value, out, indent + "  ");
  }

  private static Object read(Record record, RecordComponent component) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass(), e);
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
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
