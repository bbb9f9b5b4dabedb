package dev.graphshift.internal;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The small JSON writer and reader core uses instead of a JSON library (core depends on slf4j-api,
 * caffeine and jspecify only). It writes maps, collections, strings, numbers, booleans, {@code
 * Optional}s, temporals (as ISO strings) and null, escaping strings per RFC 8259 (quote, backslash and
 * every control character; U+2028 and U+2029 too, so that the output is also safe JavaScript). It reads
 * what it writes: objects become insertion-ordered maps, arrays lists, integral numbers {@code Long}, the
 * other numbers {@code Double}.
 *
 * <p>Thread-safe.
 */
public final class Json {
  private Json() {}

  /** Writes a value on one line. */
  public static String write(@Nullable Object value) {
    StringBuilder out = new StringBuilder(128);
    write(out, value, -1, 0);
    return out.toString();
  }

  /** Writes a value indented by two spaces per level, one member a line. */
  public static String writePretty(@Nullable Object value) {
    StringBuilder out = new StringBuilder(256);
    write(out, value, 2, 0);
    return out.append('\n').toString();
  }

  private static void write(StringBuilder out, @Nullable Object value, int indent, int depth) {
    if (value instanceof Optional<?> optional) {
      value = optional.orElse(null);
    } else if (value instanceof OptionalLong optionalLong) {
      value = optionalLong.isPresent() ? optionalLong.getAsLong() : null;
    } else if (value instanceof OptionalDouble optionalDouble) {
      value = optionalDouble.isPresent() ? optionalDouble.getAsDouble() : null;
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      quote(out, s);
    } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer
        || value instanceof Short || value instanceof Byte) {
      out.append(value);
    } else if (value instanceof Number n) {
      double d = n.doubleValue();
      out.append(Double.isFinite(d) ? Double.toString(d) : "null");
    } else if (value instanceof Map<?, ?> map) {
      writeObject(out, map, indent, depth);
    } else if (value instanceof Collection<?> collection) {
      writeArray(out, collection.iterator(), collection.isEmpty(), indent, depth);
    } else if (value instanceof Enum<?> e) {
      quote(out, e.name());
    } else if (value instanceof TemporalAccessor || value instanceof java.time.Duration) {
      quote(out, value.toString());
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  private static void writeObject(StringBuilder out, Map<?, ?> map, int indent, int depth) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(out, indent, depth + 1);
      quote(out, String.valueOf(e.getKey()));
      out.append(indent < 0 ? ":" : ": ");
      write(out, e.getValue(), indent, depth + 1);
    }
    newline(out, indent, depth);
    out.append('}');
  }

  private static void writeArray(StringBuilder out, Iterator<?> it, boolean empty, int indent, int depth) {
    if (empty) {
      out.append("[]");
      return;
    }
    out.append('[');
    boolean first = true;
    while (it.hasNext()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(out, indent, depth + 1);
      write(out, it.next(), indent, depth + 1);
    }
    newline(out, indent, depth);
    out.append(']');
  }

  private static void newline(StringBuilder out, int indent, int depth) {
    if (indent >= 0) {
      out.append('\n');
      out.append(" ".repeat(indent * depth));
    }
  }

  /** Appends a string as a JSON string literal. */
  public static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
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
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c) && !pairedAt(s, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Whether the surrogate at {@code i} is half of a well-formed pair (lone halves are escaped). */
  private static boolean pairedAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /**
   * Reads one JSON value.
   *
   * @throws IllegalArgumentException with the position, if the text is not JSON
   */
  public static @Nullable Object parse(String text) {
    Reader reader = new Reader(text);
    reader.skipWhitespace();
    Object value = reader.value();
    reader.skipWhitespace();
    if (reader.pos != text.length()) {
      throw reader.error("unexpected text after the value");
    }
    return value;
  }

  /** Reads a JSON object, failing if the text holds another kind of value. */
  @SuppressWarnings("unchecked")
  public static Map<String, @Nullable Object> parseObject(String text) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    return (Map<String, @Nullable Object>) value;
  }

  private static final class Reader {
    private final String text;
    private int pos;

    Reader(String text) {
      this.text = text;
    }

    IllegalArgumentException error(String message) {
      return new IllegalArgumentException(message + " at offset " + pos);
    }

    void skipWhitespace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
          return;
        }
        pos++;
      }
    }

    @Nullable Object value() {
      if (pos >= text.length()) {
        throw error("unexpected end of text");
      }
      char c = text.charAt(pos);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("unexpected character '" + c + "'");
      }
    }

    private @Nullable Object literal(String word, @Nullable Object value) {
      if (!text.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
      return value;
    }

    private Map<String, @Nullable Object> object() {
      Map<String, @Nullable Object> map = new LinkedHashMap<>();
      pos++;
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return map;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw error("expected a member name");
        }
        String key = string();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        map.put(key, value());
        skipWhitespace();
        char c = next();
        if (c == '}') {
          return map;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or '}'");
        }
      }
    }

    private List<@Nullable Object> array() {
      List<@Nullable Object> list = new ArrayList<>();
      pos++;
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return list;
      }
      while (true) {
        skipWhitespace();
        list.add(value());
        skipWhitespace();
        char c = next();
        if (c == ']') {
          return list;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or ']'");
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return sb.toString();
        }
        if (c < 0x20) {
          pos--;
          throw error("unescaped control character in a string");
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case '/' -> sb.append('/');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw error("truncated \\u escape");
            }
            try {
              sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
          }
          default -> {
            pos--;
            throw error("bad escape '\\" + e + "'");
          }
        }
      }
    }

    private Object number() {
      int start = pos;
      boolean integral = true;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '.' || c == 'e' || c == 'E') {
          integral = false;
        } else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
          break;
        }
        pos++;
      }
      String s = text.substring(start, pos);
      try {
        return integral ? (Object) Long.parseLong(s) : (Object) Double.parseDouble(s);
      } catch (NumberFormatException ex) {
        pos = start;
        throw error("bad number '" + s + "'");
      }
    }

    private char peek() {
      if (pos >= text.length()) {
        throw error("unexpected end of text");
      }
      return text.charAt(pos);
    }

    private char next() {
      char c = peek();
      pos++;
      return c;
    }

    private void expect(char c) {
      if (next() != c) {
        pos--;
        throw error("expected '" + c + "'");
      }
    }
  }
}
