package dev.graphshift.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes the JSON lines of {@code --json}: one object per line, with Jackson. Values are strings, numbers,
 * booleans, lists, maps, and already-written JSON documents ({@link #parse(String)}).
 *
 * <p>Thread-safe.
 */
final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLines() {}

  /** Writes one object as one line. */
  static void write(Appendable out, Map<String, ?> line) {
    String text;
    try {
      text = JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON line could not be written: " + e.getOriginalMessage(), e);
    }
    try {
      out.append(text + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a JSON line", e);
    }
  }

  /** A JSON document (a report's own JSON) as a value to embed in a line. */
  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a report's JSON could not be read: " + e.getOriginalMessage(), e);
    }
  }
}
