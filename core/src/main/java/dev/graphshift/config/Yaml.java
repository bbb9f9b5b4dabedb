package dev.graphshift.config;

import static java.util.Objects.requireNonNull;

import dev.graphshift.ConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the subset of YAML that GraphShift's configuration files use, without a YAML library.
 *
 * <p>What it reads:
 *
 * <ul>
 *   <li>block mappings ({@code key: value}) and block sequences ({@code - item}), nested by indentation
 *       with spaces, including a mapping or a sequence that starts on the line of a sequence item ({@code
 *       - name: a}) and a sequence at the indentation of its key;
 *   <li>flow sequences ({@code [a, b, "c"]}) and flow mappings ({@code {a: 1, b: x}}), nested, on one
 *       line;
 *   <li>plain, single-quoted ({@code 'it''s'}) and double-quoted ({@code "a\tb\u00e9"}) scalars on one
 *       line, and comments ({@code # ...}) at the start of a line or after a space;
 *   <li>an optional {@code ---} before the document and {@code ...} after it.
 * </ul>
 *
 * <p>What a value becomes: a mapping is an unmodifiable {@code Map<String, Object>} in document order; a
 * sequence an unmodifiable {@code List<Object>}; quoted scalars are {@code String}s; plain scalars are
 * resolved as in the YAML 1.2 core schema: {@code true}/{@code false} (also {@code True}, {@code TRUE},
 * ...) to {@code Boolean}, integers ({@code -12}, {@code 0x1F}, {@code 0o17}) to {@code Long}, decimals
 * ({@code 1.5}, {@code 2e-3}, {@code .inf}, {@code .nan}) to {@code Double}, anything else to {@code
 * String}. Keys are always strings.
 *
 * <p>What it refuses, with a {@link YamlException} naming the line: tabs in indentation, anchors and
 * aliases ({@code &}, {@code *}), tags ({@code !}), block scalars ({@code |}, {@code >}), values and
 * flow collections that continue on another line, complex keys ({@code ? }), directives ({@code %}),
 * several documents, duplicate keys, a plain value holding {@code ": "}, integers beyond {@code long},
 * and null values ({@code key:} with nothing under it, {@code null}, {@code ~}): configuration never
 * needs them, and an accidental one is better reported than read as absent. Quote a value to keep it a
 * string ({@code "null"}, {@code "0x1F"}, {@code "yes: no"}).
 *
 * <p>Thread-safe.
 */
public final class Yaml {
  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

  private Yaml() {}

  /**
   * Parses a document.
   *
   * @return a {@code Map}, {@code List}, {@code String}, {@code Long}, {@code Double} or {@code Boolean}
   * @throws YamlException if the document is empty, malformed, or outside the subset read here
   */
  public static Object parse(String text) {
    requireNonNull(text, "text");
    return new Parser(text).document();
  }

  /**
   * Reads a whole document from a reader (which is not closed) and parses it.
   *
   * @throws YamlException as {@link #parse(String)}
   * @throws ConfigurationException if the reader fails
   */
  public static Object parse(Reader reader) {
    return parse(read(reader));
  }

  /**
   * Parses a document that must be a mapping at its top, as configuration files are.
   *
   * @throws YamlException as {@link #parse(String)}, or if the top of the document is not a mapping
   */
  public static Map<String, Object> parseMapping(String text) {
    Object parsed = parse(text);
    if (!(parsed instanceof Map)) {
      throw new YamlException(1, "the document must be a mapping of 'key: value' lines, not a "
          + kindOf(parsed));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) parsed;
    return map;
  }

  /**
   * Reads a whole document from a reader (which is not closed) and parses it as {@link
   * #parseMapping(String)} does.
   */
  public static Map<String, Object> parseMapping(Reader reader) {
    return parseMapping(read(reader));
  }

  /** A word for the kind of a parsed value, for messages: mapping, sequence, string, integer, ... */
  public static String kindOf(Object value) {
    if (value instanceof Map) {
      return "mapping";
    } else if (value instanceof List) {
      return "sequence";
    } else if (value instanceof String) {
      return "string";
    } else if (value instanceof Long) {
      return "integer";
    } else if (value instanceof Double) {
      return "decimal";
    } else if (value instanceof Boolean) {
      return "boolean";
    }
    return value.getClass().getSimpleName();
  }

  private static String read(Reader reader) {
    requireNonNull(reader, "reader");
    StringBuilder sb = new StringBuilder();
    char[] buffer = new char[8192];
    try {
      for (int n; (n = reader.read(buffer)) >= 0; ) {
        sb.append(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new ConfigurationException(null, "cannot read the YAML document: " + e.getMessage(), e);
    }
    return sb.toString();
  }

  /** One significant line: its 1-based number, its indentation and its text without comment. */
  private record Line(int number, int indent, String text) {}

  /** Recursive descent over the significant lines; one instance per document. */
  private static final class Parser {
    private final List<Line> lines = new ArrayList<>();
    private int pos;

    Parser(String text) {
      String[] raw = LINE_BREAK.split(text, -1);
      boolean started = false;
      boolean ended = false;
      for (int i = 0; i < raw.length; i++) {
        String s = raw[i];
        int number = i + 1;
        if (i == 0 && s.startsWith("\uFEFF")) {
          s = s.substring(1);
        }
        int indent = 0;
        while (indent < s.length() && s.charAt(indent) == ' ') {
          indent++;
        }
        if (indent < s.length() && s.charAt(indent) == '\t') {
          String after = s.substring(indent).strip();
          if (!after.isEmpty() && !after.startsWith("#")) {
            throw new YamlException(number, "tabs are not allowed for indentation; use spaces");
          }
          continue;
        }
        String content = stripComment(s.substring(indent), number).stripTrailing();
        if (content.isEmpty()) {
          continue;
        }
        if (ended) {
          throw new YamlException(number, "content after the end of the document ('...')");
        }
        if (indent == 0 && content.equals("---")) {
          if (started) {
            throw new YamlException(number, "several documents in one file are not supported");
          }
          started = true;
          continue;
        }
        if (indent == 0 && content.equals("...")) {
          ended = true;
          continue;
        }
        if (indent == 0 && content.startsWith("%")) {
          throw new YamlException(number, "directives ('%...') are not supported");
        }
        if (indent == 0 && content.startsWith("--- ")) {
          throw new YamlException(number, "content on the '---' line is not supported; start it on the next line");
        }
        started = true;
        lines.add(new Line(number, indent, content));
      }
    }

    Object document() {
      if (lines.isEmpty()) {
        throw new YamlException(1, "the document is empty");
      }
      Object value = node();
      if (pos < lines.size()) {
        Line l = lines.get(pos);
        throw new YamlException(l.number(), "unexpected content at this indentation: '" + l.text() + "'");
      }
      return value;
    }

    /** The node whose first line is the current one; its indentation is that line's. */
    private Object node() {
      Line l = lines.get(pos);
      if (isSequenceItem(l.text())) {
        return sequence(l.indent());
      }
      if (keyEnd(l, l.text()) >= 0) {
        return mapping(l.indent());
      }
      pos++;
      Object value = inline(l, l.text());
      noContinuation(l.indent());
      return value;
    }

    private Map<String, Object> mapping(int indent) {
      Map<String, Object> map = new LinkedHashMap<>();
      while (pos < lines.size()) {
        Line l = lines.get(pos);
        if (l.indent() < indent) {
          break;
        }
        if (l.indent() > indent) {
          throw new YamlException(l.number(), "unexpected indentation");
        }
        String text = l.text();
        if (isSequenceItem(text)) {
          throw new YamlException(l.number(), "a sequence item ('- ...') where a 'key: value' line was expected");
        }
        int colon = keyEnd(l, text);
        if (colon < 0) {
          throw new YamlException(l.number(), "expected 'key: value', found '" + text + "'");
        }
        String key = key(l, text.substring(0, colon).stripTrailing());
        if (map.containsKey(key)) {
          throw new YamlException(l.number(), "duplicate key '" + key + "'");
        }
        String rest = text.substring(colon + 1).strip();
        pos++;
        Object value;
        if (rest.isEmpty()) {
          if (pos < lines.size() && lines.get(pos).indent() > indent) {
            value = node();
          } else if (pos < lines.size() && lines.get(pos).indent() == indent
              && isSequenceItem(lines.get(pos).text())) {
            value = sequence(indent);
          } else {
            throw new YamlException(l.number(), "key '" + key + "' has no value (null values are not "
                + "supported; write \"\" for an empty string, [] for an empty list or {} for an empty mapping)");
          }
        } else {
          if (isSequenceItem(rest)) {
            throw new YamlException(l.number(), "a sequence cannot start on the line of its key; "
                + "put '- ...' on the next lines");
          }
          value = inline(l, rest);
          noContinuation(indent);
        }
        map.put(key, value);
      }
      return Collections.unmodifiableMap(map);
    }

    private List<Object> sequence(int indent) {
      List<Object> list = new ArrayList<>();
      while (pos < lines.size()) {
        Line l = lines.get(pos);
        if (l.indent() < indent || (l.indent() == indent && !isSequenceItem(l.text()))) {
          break;
        }
        if (l.indent() > indent) {
          throw new YamlException(l.number(), "unexpected indentation");
        }
        String text = l.text();
        int offset = 1;
        while (offset < text.length() && text.charAt(offset) == ' ') {
          offset++;
        }
        String rest = text.substring(offset);
        Object value;
        if (rest.isEmpty()) {
          pos++;
          if (pos < lines.size() && lines.get(pos).indent() > indent) {
            value = node();
          } else {
            throw new YamlException(l.number(), "sequence item has no value (null values are not supported)");
          }
        } else if (isSequenceItem(rest) || keyEnd(l, rest) >= 0) {
          // A collection that starts on the item's line: read it as if it started on a line of its own.
          lines.set(pos, new Line(l.number(), indent + offset, rest));
          value = node();
        } else {
          pos++;
          value = inline(l, rest);
          noContinuation(indent);
        }
        list.add(value);
      }
      return List.copyOf(list);
    }

    private void noContinuation(int indent) {
      if (pos < lines.size() && lines.get(pos).indent() > indent) {
        throw new YamlException(lines.get(pos).number(), "unexpected indentation: a value that continues "
            + "on the next line is not supported (put it on one line, quoted if need be)");
      }
    }

    /** The value written on the rest of a line: a flow collection, a quoted or a plain scalar. */
    private Object inline(Line l, String text) {
      char c = text.charAt(0);
      if (c == '[' || c == '{' || c == '"' || c == '\'') {
        Flow flow = new Flow(l, text);
        Object value = flow.value();
        flow.skipSpaces();
        if (!flow.atEnd()) {
          throw new YamlException(l.number(), "unexpected text after the value: '" + flow.rest() + "'");
        }
        return value;
      }
      checkPlainStart(l, text);
      if (text.contains(": ")) {
        throw new YamlException(l.number(), "a plain value may not contain ': ' (quote it): '" + text + "'");
      }
      return resolve(l, text);
    }

    private static void checkPlainStart(Line l, String text) {
      char c = text.charAt(0);
      switch (c) {
        case '&':
        case '*':
          throw new YamlException(l.number(), "anchors and aliases ('&', '*') are not supported");
        case '!':
          throw new YamlException(l.number(), "tags ('!') are not supported");
        case '|':
        case '>':
          throw new YamlException(l.number(), "block scalars ('|', '>') are not supported; use a "
              + "double-quoted string with \\n escapes");
        case '%':
        case '@':
        case '`':
        case ',':
        case ']':
        case '}':
          throw new YamlException(l.number(), "a plain value cannot start with '" + c + "'; quote it");
        case '?':
        case ':':
        case '-':
          if (text.length() == 1 || text.charAt(1) == ' ') {
            throw new YamlException(l.number(), c == '?'
                ? "complex keys ('? ') are not supported"
                : "unexpected '" + c + "'; quote the value if it is text");
          }
          break;
        default:
          break;
      }
    }

    /**
     * The index of the colon that ends a key at the start of {@code text}, or -1 if the text is not a
     * {@code key: value} entry.
     */
    private static int keyEnd(Line l, String text) {
      char c = text.charAt(0);
      if (c == '"' || c == '\'') {
        int close = new Flow(l, text).quotedEnd();
        int i = close;
        while (i < text.length() && text.charAt(i) == ' ') {
          i++;
        }
        return i < text.length() && text.charAt(i) == ':' && separated(text, i + 1) ? i : -1;
      }
      if (c == '[' || c == '{') {
        return -1;
      }
      if (c == '?' && (text.length() == 1 || text.charAt(1) == ' ')) {
        throw new YamlException(l.number(), "complex keys ('? ') are not supported");
      }
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == ':' && separated(text, i + 1)) {
          return i == 0 ? -1 : i;
        }
      }
      return -1;
    }

    /** Whether index i of the text is its end or a space or tab (what must follow a key's colon). */
    private static boolean separated(String text, int i) {
      return i == text.length() || text.charAt(i) == ' ' || text.charAt(i) == '\t';
    }

    private static String key(Line l, String raw) {
      char c = raw.charAt(0);
      if (c == '"' || c == '\'') {
        Flow flow = new Flow(l, raw);
        return (String) flow.value();
      }
      checkPlainStart(l, raw);
      return raw;
    }

    private static boolean isSequenceItem(String text) {
      return text.equals("-") || text.startsWith("- ");
    }

    /** Removes a comment: a '#' at the start or after a space, outside quoted scalars. */
    private static String stripComment(String s, int number) {
      char quote = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (quote == '"') {
          if (c == '\\') {
            i++;
          } else if (c == '"') {
            quote = 0;
          }
        } else if (quote == '\'') {
          if (c == '\'') {
            if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
              i++;
            } else {
              quote = 0;
            }
          }
        } else if (c == '#' && (i == 0 || s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
          return s.substring(0, i);
        } else if ((c == '"' || c == '\'') && atScalarStart(s, i)) {
          quote = c;
        }
      }
      return s;
    }

    /** Whether a quote at index i opens a quoted scalar (rather than sitting inside a plain one). */
    private static boolean atScalarStart(String s, int i) {
      int j = i - 1;
      while (j >= 0 && s.charAt(j) == ' ') {
        j--;
      }
      if (j < 0) {
        return true;
      }
      char p = s.charAt(j);
      if (p == '[' || p == '{' || p == ',') {
        return true;
      }
      return (p == ':' || p == '-' || p == '?') && j < i - 1;
    }
  }

  /** A cursor over the flow part of one line: flow collections and quoted scalars. */
  private static final class Flow {
    private final Line line;
    private final String s;
    private int i;

    Flow(Line line, String s) {
      this.line = line;
      this.s = s;
    }

    boolean atEnd() {
      return i >= s.length();
    }

    String rest() {
      return s.substring(i);
    }

    void skipSpaces() {
      while (i < s.length() && s.charAt(i) == ' ') {
        i++;
      }
    }

    private YamlException error(String problem) {
      return new YamlException(line.number(), problem);
    }

    /** The index just past the quoted scalar at the start of the text. */
    int quotedEnd() {
      quoted();
      return i;
    }

    Object value() {
      skipSpaces();
      if (atEnd()) {
        throw unclosed();
      }
      char c = s.charAt(i);
      if (c == '[') {
        return sequence();
      } else if (c == '{') {
        return mapping();
      } else if (c == '"' || c == '\'') {
        return quoted();
      }
      String plain = plain(false);
      return resolve(line, plain);
    }

    private List<Object> sequence() {
      i++;
      List<Object> list = new ArrayList<>();
      skipSpaces();
      if (!atEnd() && s.charAt(i) == ']') {
        i++;
        return List.of();
      }
      while (true) {
        list.add(value());
        skipSpaces();
        if (atEnd()) {
          throw unclosed();
        }
        char c = s.charAt(i++);
        if (c == ']') {
          return List.copyOf(list);
        }
        if (c != ',') {
          throw error("expected ',' or ']' in a flow sequence, found '" + c + "'");
        }
        skipSpaces();
        if (!atEnd() && s.charAt(i) == ']') {
          i++;
          return List.copyOf(list);
        }
      }
    }

    private Map<String, Object> mapping() {
      i++;
      Map<String, Object> map = new LinkedHashMap<>();
      skipSpaces();
      if (!atEnd() && s.charAt(i) == '}') {
        i++;
        return Collections.unmodifiableMap(map);
      }
      while (true) {
        skipSpaces();
        if (atEnd()) {
          throw unclosed();
        }
        String key;
        char c = s.charAt(i);
        if (c == '"' || c == '\'') {
          key = quoted();
        } else if (c == '[' || c == '{') {
          throw error("collections as keys are not supported");
        } else {
          key = plain(true);
        }
        skipSpaces();
        if (atEnd() || s.charAt(i) != ':') {
          throw atEnd() ? unclosed() : error("expected ':' after the key '" + key + "' in a flow mapping");
        }
        i++;
        if (map.containsKey(key)) {
          throw error("duplicate key '" + key + "'");
        }
        map.put(key, value());
        skipSpaces();
        if (atEnd()) {
          throw unclosed();
        }
        char d = s.charAt(i++);
        if (d == '}') {
          return Collections.unmodifiableMap(map);
        }
        if (d != ',') {
          throw error("expected ',' or '}' in a flow mapping, found '" + d + "'");
        }
        skipSpaces();
        if (!atEnd() && s.charAt(i) == '}') {
          i++;
          return Collections.unmodifiableMap(map);
        }
      }
    }

    private YamlException unclosed() {
      return error("a flow collection must close on the line it opens on "
          + "(multi-line flow collections are not supported)");
    }

    /** A plain scalar inside a flow collection; a key ends at ':', any at ',', ']' or '}'. */
    private String plain(boolean key) {
      int start = i;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == ',' || c == ']' || c == '}' || c == '[' || c == '{') {
          break;
        }
        if (c == ':' && (key || i + 1 == s.length() || s.charAt(i + 1) == ' ')) {
          break;
        }
        i++;
      }
      String text = s.substring(start, i).strip();
      if (text.isEmpty()) {
        throw error("a value is missing in a flow collection");
      }
      Parser.checkPlainStart(line, text);
      return text;
    }

    private String quoted() {
      char q = s.charAt(i++);
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (atEnd()) {
          throw error("unterminated quoted string (quoted strings must close on the line they open on)");
        }
        char c = s.charAt(i++);
        if (q == '\'') {
          if (c == '\'') {
            if (!atEnd() && s.charAt(i) == '\'') {
              sb.append('\'');
              i++;
            } else {
              return sb.toString();
            }
          } else {
            sb.append(c);
          }
        } else if (c == '"') {
          return sb.toString();
        } else if (c == '\\') {
          escape(sb);
        } else {
          sb.append(c);
        }
      }
    }

    private void escape(StringBuilder sb) {
      if (atEnd()) {
        throw error("unterminated escape sequence at the end of the line");
      }
      char e = s.charAt(i++);
      switch (e) {
        case '0' -> sb.append('\0');
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 't', '\t' -> sb.append('\t');
        case 'n' -> sb.append('\n');
        case 'v' -> sb.append('\u000B');
        case 'f' -> sb.append('\f');
        case 'r' -> sb.append('\r');
        case 'e' -> sb.append('\u001B');
        case ' ', '"', '/', '\\' -> sb.append(e);
        case 'x' -> sb.appendCodePoint(hex(2));
        case 'u' -> sb.appendCodePoint(hex(4));
        case 'U' -> sb.appendCodePoint(hex(8));
        default -> throw error("unknown escape sequence '\\" + e + "' in a double-quoted string");
      }
    }

    private int hex(int digits) {
      if (i + digits > s.length()) {
        throw error("a \\x, \\u or \\U escape needs " + digits + " hexadecimal digits");
      }
      String h = s.substring(i, i + digits);
      i += digits;
      try {
        int cp = Integer.parseUnsignedInt(h, 16);
        if (!Character.isValidCodePoint(cp)) {
          throw error("escape '" + h + "' is not a Unicode code point");
        }
        return cp;
      } catch (NumberFormatException ex) {
        throw error("escape '" + h + "' is not hexadecimal");
      }
    }
  }

  /** Resolves a plain scalar as the YAML 1.2 core schema does. */
  private static Object resolve(Line l, String text) {
    switch (text) {
      case "true", "True", "TRUE":
        return Boolean.TRUE;
      case "false", "False", "FALSE":
        return Boolean.FALSE;
      case "null", "Null", "NULL", "~":
        throw new YamlException(l.number(), "null values are not supported (quote it, \"" + text
            + "\", if you mean the text)");
      case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
        return Double.POSITIVE_INFINITY;
      case "-.inf", "-.Inf", "-.INF":
        return Double.NEGATIVE_INFINITY;
      case ".nan", ".NaN", ".NAN":
        return Double.NaN;
      default:
        break;
    }
    char c = text.charAt(0);
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
      try {
        if (INTEGER.matcher(text).matches()) {
          return Long.parseLong(text);
        } else if (HEX.matcher(text).matches()) {
          return Long.parseLong(text.substring(2), 16);
        } else if (OCTAL.matcher(text).matches()) {
          return Long.parseLong(text.substring(2), 8);
        }
      } catch (NumberFormatException e) {
        throw new YamlException(l.number(), "integer " + text + " is out of range (at most "
            + Long.MAX_VALUE + "); quote it if it is text");
      }
      if (DECIMAL.matcher(text).matches()) {
        return Double.parseDouble(text);
      }
    }
    return text;
  }
}
