package dev.graphshift.cli.internal;

import static java.util.Objects.requireNonNull;

import dev.graphshift.ConfigurationException;
import dev.graphshift.config.ConfigSection;
import dev.graphshift.config.Yaml;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed access to one section of the targets file after environment substitution: the typed readers of
 * {@link ConfigSection} for values written in the file, and for values that came from the environment
 * ({@code port: ${NEPTUNE_PORT}}, always strings) the same types parsed from the text, with messages that
 * name the reference ({@code the value of ${NEPTUNE_PORT}}) rather than show the value. Secrets are read
 * with {@link #secret(String)}, whose messages never show a value either.
 *
 * <p>Immutable.
 */
public final class Settings {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");

  private final ConfigSection section;
  private final Map<String, String> references;

  /**
   * Settings over a substituted section.
   *
   * @param section the section, its values substituted
   * @param references the references each substituted path held (see {@link EnvSubstitution.Result})
   */
  public Settings(ConfigSection section, Map<String, String> references) {
    this.section = requireNonNull(section, "section");
    this.references = Map.copyOf(references);
  }

  /** The dotted path of the section, for example {@code targets.source}. */
  public String path() {
    return section.path();
  }

  /** The dotted path of a key. */
  public String pathOf(String key) {
    return section.pathOf(key);
  }

  /** An error about a key, its path first. */
  public ConfigurationException error(String key, String problem) {
    return section.error(key, problem);
  }

  /** Checks that every key is allowed (the error names the first unknown one and the allowed ones). */
  public void allowOnly(Collection<String> allowed) {
    section.allowOnly(allowed);
  }

  /** Whether the key is present. */
  public boolean has(String key) {
    return section.has(key);
  }

  /** A required string. */
  public String string(String key) {
    return section.string(key);
  }

  /** A string, if present. */
  public Optional<String> optionalString(String key) {
    return section.optionalString(key);
  }

  /** The raw value of a key (a string when it came from the environment), if present. */
  public Optional<Object> optionalValue(String key) {
    return section.optionalValue(key);
  }

  /** A list of strings (a single string is a list of one); absent is empty. */
  public List<String> strings(String key) {
    return section.strings(key);
  }

  /**
   * A secret (a password, an API key), if present; no message shows its value.
   *
   * @throws ConfigurationException if it is not a string, or is blank
   */
  public Optional<String> secret(String key) {
    Optional<Object> value = section.optionalValue(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!(value.get() instanceof String s)) {
      throw error(key, "expected a string, found a " + Yaml.kindOf(value.get()) + " (quote it)");
    }
    if (s.isBlank()) {
      throw error(key, "is empty" + (substituted(key) ? " (it is" + from(key) + ")" : "")
          + "; give the secret, or leave the key out");
    }
    return Optional.of(s);
  }

  /**
   * An integer in {@code [min, max]}, if present.
   *
   * @throws ConfigurationException if it is not an integer or out of range
   */
  public Optional<Integer> optionalInt(String key, int min, int max) {
    Optional<Long> value;
    if (substituted(key)) {
      String text = section.string(key).strip();
      if (!INTEGER.matcher(text).matches()) {
        throw error(key, "expected an integer, found" + from(key));
      }
      try {
        value = Optional.of(Long.parseLong(text));
      } catch (NumberFormatException e) {
        throw error(key, "expected an integer, found" + from(key) + ", which is out of range");
      }
    } else {
      value = section.optionalLong(key);
    }
    if (value.isPresent() && (value.get() < min || value.get() > max)) {
      throw error(key, "must be between " + min + " and " + max + ", found "
          + (substituted(key) ? from(key).strip() : value.get().toString()));
    }
    return value.map(Long::intValue);
  }

  /**
   * A number, if present.
   *
   * @throws ConfigurationException if it is not a number
   */
  public Optional<Double> optionalDouble(String key) {
    if (substituted(key)) {
      try {
        return Optional.of(Double.parseDouble(section.string(key).strip()));
      } catch (NumberFormatException e) {
        throw error(key, "expected a number, found" + from(key));
      }
    }
    return section.optionalDouble(key);
  }

  /**
   * {@code true} or {@code false}, if present.
   *
   * @throws ConfigurationException if it is neither
   */
  public Optional<Boolean> optionalBoolean(String key) {
    if (substituted(key)) {
      String text = section.string(key).strip().toLowerCase(Locale.ROOT);
      if (!text.equals("true") && !text.equals("false")) {
        throw error(key, "expected true or false, found" + from(key));
      }
      return Optional.of(Boolean.parseBoolean(text));
    }
    return section.optionalBoolean(key);
  }

  /**
   * A duration with its unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 {@code
   * PT30S}), if present.
   *
   * @throws ConfigurationException if it is not a duration or is negative
   */
  public Optional<Duration> optionalDuration(String key) {
    Optional<Object> raw = section.optionalValue(key);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    String shown = substituted(key) ? from(key) : " " + raw.get();
    if (!(raw.get() instanceof String text)) {
      throw error(key, "expected a duration with its unit (500ms, 30s, 5m, 1h), found a "
          + Yaml.kindOf(raw.get()) + " (" + raw.get() + ")");
    }
    return Optional.of(parseDuration(text).orElseThrow(() -> error(key,
        "expected a duration with its unit (500ms, 30s, 5m, 1h) or ISO-8601 (PT30S), found" + shown)));
  }

  /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or {@code PT30S}; empty if not one. */
  static Optional<Duration> parseDuration(String text) {
    String t = text.strip();
    Matcher m = DURATION.matcher(t);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        });
      }
      if (t.startsWith("P") || t.startsWith("p")) {
        Duration d = Duration.parse(t);
        return d.isNegative() ? Optional.empty() : Optional.of(d);
      }
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Whether the value of the key came from the environment. */
  public boolean substituted(String key) {
    return references.containsKey(section.pathOf(key));
  }

  /** {@code " the value of ${NAME}"} for a substituted key, {@code ""} otherwise. */
  private String from(String key) {
    String refs = references.get(section.pathOf(key));
    return refs == null ? "" : " the value of " + refs;
  }

  @Override
  public String toString() {
    return "Settings[" + section.path() + "]";
  }
}
