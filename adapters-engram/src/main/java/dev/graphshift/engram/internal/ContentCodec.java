package dev.graphshift.engram.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.graphshift.Node;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a node into the content of an Engram memory and back.
 *
 * <p><b>Raw content.</b> A node without labels whose only properties are a non-blank {@code content}
 * string (and the {@code embedding}) is stored with that string as the memory's content, verbatim, so
 * Engram's text recall matches it as written. It reads back as a node without labels whose only
 * property is {@code content}.
 *
 * <p><b>The envelope.</b> Every other node is stored as canonical JSON (no white space, keys sorted):
 * <pre>{"graphshift":1,"id":"p1","labels":["Person"],"properties":{"born":1815,"name":"Ada"}}</pre>
 * {@code id} is the node id (it also makes the content of otherwise equal nodes differ), {@code labels}
 * are sorted, {@code properties} are all properties except {@code embedding} (which is the memory's
 * vector). JSON holds strings, booleans, longs (integers) and doubles (numbers always written with a
 * fraction or exponent, as {@link Double#toString(double)} does) and lists of them natively; every other
 * kind of the closed set is a one-field object whose key names the kind: {@code {"float[]":[...]}},
 * {@code {"double[]":[...]}}, {@code {"date":"2024-02-29"}}, {@code {"localTime":...}}, {@code
 * {"localDateTime":...}}, {@code {"time":...}}, {@code {"dateTime":...}}, {@code {"zonedDateTime":
 * "2024-02-29T13:45:07+01:00[Europe/Berlin]"}} (ISO-8601 text as {@code toString()} writes it). No property
 * value is a map, so an object is never ambiguous. Numbers are parsed from their text with {@code
 * Long.parseLong}, {@code Double.parseDouble} and {@code Float.parseFloat}, so every value of the closed
 * set reads back equal to what was written.
 *
 * <p>Content that is not a well-formed envelope (written by another client, or raw) reads back as raw
 * content: nothing is dropped.
 *
 * <p>Thread-safe.
 */
public final class ContentCodec {
  private ContentCodec() {}

  /** The envelope's marker key and format version. */
  public static final String MARKER = "graphshift";
  public static final int VERSION = 1;
  private static final String PREFIX = "{\"" + MARKER + "\":";

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * The content of a node's memory.
   *
   * @param contentProperty the name of the raw content property
   * @param embeddingProperty the name of the embedding property, left out of the content
   */
  public static String encode(Node node, String contentProperty, String embeddingProperty) {
    if (isRaw(node, contentProperty, embeddingProperty)) {
      return (String) node.properties().get(contentProperty);
    }
    StringWriter out = new StringWriter(64 + node.properties().size() * 24);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField(MARKER, VERSION);
      g.writeStringField("id", node.id());
      g.writeArrayFieldStart("labels");
      String[] labels = node.labels().toArray(new String[0]);
      Arrays.sort(labels);
      for (String label : labels) {
        g.writeString(label);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("properties");
      for (Map.Entry<String, Object> e : new TreeMap<>(node.properties()).entrySet()) {
        if (e.getKey().equals(embeddingProperty)) {
          continue;
        }
        g.writeFieldName(e.getKey());
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the content of " + node.describe(), e);
    }
    return out.toString();
  }

  private static boolean isRaw(Node node, String contentProperty, String embeddingProperty) {
    if (!node.labels().isEmpty() || !(node.properties().get(contentProperty) instanceof String text)) {
      return false;
    }
    for (String key : node.properties().keySet()) {
      if (!key.equals(contentProperty) && !key.equals(embeddingProperty)) {
        return false;
      }
    }
    return !isBlank(text) && !text.startsWith(PREFIX);
  }

  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(Double.toString(d));
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object e : list) {
        writeValue(g, e);
      }
      g.writeEndArray();
    } else if (v instanceof float[] f) {
      g.writeStartObject();
      g.writeArrayFieldStart("float[]");
      for (float x : f) {
        g.writeNumber(Float.toString(x));
      }
      g.writeEndArray();
      g.writeEndObject();
    } else if (v instanceof double[] d) {
      g.writeStartObject();
      g.writeArrayFieldStart("double[]");
      for (double x : d) {
        g.writeNumber(Double.toString(x));
      }
      g.writeEndArray();
      g.writeEndObject();
    } else {
      g.writeStartObject();
      g.writeStringField(temporalTag(v), v.toString());
      g.writeEndObject();
    }
  }

  private static String temporalTag(Object v) {
    if (v instanceof ZonedDateTime) {
      return "zonedDateTime";
    } else if (v instanceof OffsetDateTime) {
      return "dateTime";
    } else if (v instanceof LocalDateTime) {
      return "localDateTime";
    } else if (v instanceof LocalDate) {
      return "date";
    } else if (v instanceof LocalTime) {
      return "localTime";
    } else if (v instanceof OffsetTime) {
      return "time";
    }
    throw new IllegalArgumentException("not a value of the closed set: " + v.getClass().getName());
  }

  /**
   * The node a memory holds: the envelope's labels and properties, or, for raw content, a node without
   * labels whose only property is the content.
   */
  public static Node decode(String nodeId, String content, String contentProperty) {
    if (content.startsWith(PREFIX)) {
      Optional<Node> node = decodeEnvelope(nodeId, content);
      if (node.isPresent()) {
        return node.get();
      }
    }
    return new Node(nodeId, Set.of(), Map.of(contentProperty, content));
  }

  /** The labels of a memory's node, without decoding its properties (for counts and label filters). */
  public static Set<String> labels(String content) {
    if (!content.startsWith(PREFIX)) {
      return Set.of();
    }
    return decodeEnvelope("", content).map(Node::labels).orElse(Set.of());
  }

  private static Optional<Node> decodeEnvelope(String nodeId, String content) {
    try (JsonParser p = JSON.createParser(content)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      Set<String> labels = null;
      Map<String, Object> properties = null;
      boolean versionOk = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case MARKER -> versionOk = t == JsonToken.VALUE_NUMBER_INT && p.getIntValue() == VERSION;
          case "id" -> {
            if (t != JsonToken.VALUE_STRING) {
              return Optional.empty();
            }
          }
          case "labels" -> labels = readLabels(p, t);
          case "properties" -> properties = readProperties(p, t);
          default -> p.skipChildren();
        }
      }
      if (!versionOk || labels == null || properties == null || p.nextToken() != null) {
        return Optional.empty();
      }
      return Optional.of(new Node(nodeId, labels, properties));
    } catch (IOException | MalformedContent | DateTimeParseException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Thrown inside the decoder when the content is not a well-formed envelope; never escapes it. */
  private static final class MalformedContent extends Exception {
    MalformedContent() {
      super(null, null, false, false);
    }
  }

  private static Set<String> readLabels(JsonParser p, JsonToken t) throws IOException, MalformedContent {
    if (t != JsonToken.START_ARRAY) {
      throw new MalformedContent();
    }
    Set<String> labels = new LinkedHashSet<>();
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_STRING) {
        throw new MalformedContent();
      }
      labels.add(p.getText());
    }
    return labels;
  }

  private static Map<String, Object> readProperties(JsonParser p, JsonToken t) throws IOException, MalformedContent {
    if (t != JsonToken.START_OBJECT) {
      throw new MalformedContent();
    }
    Map<String, Object> properties = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      properties.put(key, readValue(p, p.nextToken()));
    }
    return properties;
  }

  private static Object readValue(JsonParser p, JsonToken t) throws IOException, MalformedContent {
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NUMBER_INT:
        return Long.parseLong(p.getText());
      case VALUE_NUMBER_FLOAT:
        return Double.parseDouble(p.getText());
      case START_ARRAY:
        return readList(p);
      case START_OBJECT:
        return readTagged(p);
      default:
        throw new MalformedContent();
    }
  }

  private static List<Object> readList(JsonParser p) throws IOException, MalformedContent {
    List<Object> list = new ArrayList<>();
    Class<?> kind = null;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
        throw new MalformedContent();
      }
      Object e = readValue(p, t);
      if (kind != null && kind != e.getClass()) {
        throw new MalformedContent();
      }
      kind = e.getClass();
      list.add(e);
    }
    return list;
  }

  private static Object readTagged(JsonParser p) throws IOException, MalformedContent {
    if (p.nextToken() != JsonToken.FIELD_NAME) {
      throw new MalformedContent();
    }
    String tag = p.currentName();
    JsonToken t = p.nextToken();
    Object value;
    switch (tag) {
      case "float[]" -> value = readFloats(p, t);
      case "double[]" -> value = readDoubles(p, t);
      default -> {
        if (t != JsonToken.VALUE_STRING) {
          throw new MalformedContent();
        }
        value = parseTemporal(tag, p.getText());
      }
    }
    if (p.nextToken() != JsonToken.END_OBJECT) {
      throw new MalformedContent();
    }
    return value;
  }

  private static Object parseTemporal(String tag, String text) throws MalformedContent {
    switch (tag) {
      case "date":
        return LocalDate.parse(text);
      case "localTime":
        return LocalTime.parse(text);
      case "localDateTime":
        return LocalDateTime.parse(text);
      case "time":
        return OffsetTime.parse(text);
      case "dateTime":
        return OffsetDateTime.parse(text);
      case "zonedDateTime":
        return ZonedDateTime.parse(text);
      default:
        throw new MalformedContent();
    }
  }

  /** The texts of an array of numbers, parsed by the caller so that no value passes through another type. */
  private static List<String> readNumberTexts(JsonParser p, JsonToken t) throws IOException, MalformedContent {
    if (t != JsonToken.START_ARRAY) {
      throw new MalformedContent();
    }
    List<String> texts = new ArrayList<>();
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (!t.isNumeric()) {
        throw new MalformedContent();
      }
      texts.add(p.getText());
    }
    return texts;
  }

  private static float[] readFloats(JsonParser p, JsonToken t) throws IOException, MalformedContent {
    List<String> texts = readNumberTexts(p, t);
    float[] values = new float[texts.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = Float.parseFloat(texts.get(i));
    }
    return values;
  }

  private static double[] readDoubles(JsonParser p, JsonToken t) throws IOException, MalformedContent {
    List<String> texts = readNumberTexts(p, t);
    double[] values = new double[texts.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = Double.parseDouble(texts.get(i));
    }
    return values;
  }

  /** The number of bytes of a string in UTF-8, without encoding it. */
  public static int utf8Length(String s) {
    int bytes = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** Whether a string holds only white space, as Rust's {@code trim().is_empty()} sees it. */
  public static boolean isBlank(String s) {
    return s.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp));
  }
}
