package dev.graphshift.config;

import static java.util.Objects.requireNonNull;

import dev.graphshift.ConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mapping read from a configuration file (see {@link Yaml}), with the dotted path it sits at and typed
 * accessors whose errors name that path: {@code nodes.labels.Person.convert.age: expected a string,
 * found a sequence}. Unknown keys are reported rather than ignored ({@link #allowOnly(Collection)}), so a
 * misspelt setting never passes silently.
 *
 * <pre>{@code
 * ConfigSection root = ConfigSection.root(Yaml.parseMapping(text));
 * root.allowOnly(List.of("name", "batch-size"));
 * String name = root.string("name");
 * long batchSize = root.optionalLong("batch-size").orElse(1000L);
 * }</pre>
 *
 * <p>Immutable.
 */
public final class ConfigSection {
  private final String path;
  private final Map<String, Object> values;

  private ConfigSection(String path, Map<String, Object> values) {
    this.path = path;
    this.values = values;
  }

  /** The top of a document. */
  public static ConfigSection root(Map<String, ?> values) {
    return of("", values);
  }

  /**
   * A section at a path.
   *
   * @param path the dotted path of this section, {@code ""} for the top
   * @param values the parsed mapping, as {@link Yaml} returns it
   */
  public static ConfigSection of(String path, Map<String, ?> values) {
    requireNonNull(path, "path");
    requireNonNull(values, "values");
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) values;
    return new ConfigSection(path, map);
  }

  /** The dotted path of this section; {@code ""} for the top of the document. */
  public String path() {
    return path;
  }

  /** The keys, in document order. */
  public Set<String> keys() {
    return values.keySet();
  }

  /** Whether the key is present. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The dotted path of a key of this section. */
  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** An error about a key of this section, with its path in the message. */
  public ConfigurationException error(String key, String problem) {
    return new ConfigurationException(pathOf(key) + ": " + problem);
  }

  /**
   * Checks that every key is one of those allowed.
   *
   * @throws ConfigurationException naming the first unknown key and the allowed ones
   */
  public void allowOnly(Collection<String> allowed) {
    for (String key : values.keySet()) {
      if (!allowed.contains(key)) {
        throw error(key, "unknown key (allowed here: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
  }

  /** The raw value of a key, if present. */
  public Optional<Object> optionalValue(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /**
   * The raw value of a required key.
   *
   * @throws ConfigurationException if it is absent
   */
  public Object value(String key) {
    Object v = values.get(key);
    if (v == null) {
      throw new ConfigurationException((path.isEmpty() ? "the document" : path) + ": the key '" + key
          + "' is required");
    }
    return v;
  }

  /** A required string. */
  public String string(String key) {
    return expect(key, value(key), String.class, "a string");
  }

  /** A string, if present. */
  public Optional<String> optionalString(String key) {
    return optionalValue(key).map(v -> expect(key, v, String.class, "a string"));
  }

  /** An integer, if present. */
  public Optional<Long> optionalLong(String key) {
    return optionalValue(key).map(v -> expect(key, v, Long.class, "an integer"));
  }

  /** A number (an integer is accepted), if present. */
  public Optional<Double> optionalDouble(String key) {
    return optionalValue(key).map(v -> number(key, v));
  }

  /** A boolean, if present. */
  public Optional<Boolean> optionalBoolean(String key) {
    return optionalValue(key).map(v -> expect(key, v, Boolean.class, "true or false"));
  }

  /** A required nested mapping. */
  public ConfigSection section(String key) {
    return section(key, value(key));
  }

  /** A nested mapping, if present. */
  public Optional<ConfigSection> optionalSection(String key) {
    return optionalValue(key).map(v -> section(key, v));
  }

  /**
   * A list of strings; a single string is read as a list of one; absent is empty.
   *
   * @throws ConfigurationException if the value or an element is not a string
   */
  public List<String> strings(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (!(v instanceof List<?> list)) {
      throw error(key, "expected a list of strings, found a " + Yaml.kindOf(v));
    }
    List<String> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      Object e = list.get(i);
      if (!(e instanceof String s)) {
        throw error(key + "[" + i + "]", "expected a string, found a " + Yaml.kindOf(e));
      }
      out.add(s);
    }
    return List.copyOf(out);
  }

  /** Reads a number (an integer or a decimal) found under a key of this section. */
  public double number(String key, Object value) {
    if (value instanceof Long l) {
      return l;
    }
    return expect(key, value, Double.class, "a number");
  }

  private ConfigSection section(String key, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw error(key, "expected a mapping of 'key: value', found a " + Yaml.kindOf(value));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) map;
    return new ConfigSection(pathOf(key), m);
  }

  private <T> T expect(String key, Object value, Class<T> type, String what) {
    if (!type.isInstance(value)) {
      throw error(key, "expected " + what + ", found a " + Yaml.kindOf(value) + " (" + value + ")");
    }
    return type.cast(value);
  }

  @Override
  public String toString() {
    return "ConfigSection[" + (path.isEmpty() ? "<top>" : path) + "]";
  }
}
