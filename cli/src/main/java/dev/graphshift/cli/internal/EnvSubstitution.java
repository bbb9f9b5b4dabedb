package dev.graphshift.cli.internal;

import static java.util.Objects.requireNonNull;

import dev.graphshift.ConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Replaces environment references in the string values of a parsed configuration section, so that secrets
 * stay out of files: {@code ${NAME}} is the variable's value (an error naming the variable when it is not
 * set), {@code ${NAME:-default}} the value, or {@code default} when the variable is unset or empty (as in a
 * POSIX shell), and {@code $${} a literal {@code ${}. Names are letters, digits and {@code _}, not starting
 * with a digit. Keys are never substituted; neither are values that are not strings.
 *
 * <p>The environment is a function, so tests inject one instead of changing the process's. Messages name
 * the path of the value and the variable, never a value.
 *
 * <p>Thread-safe.
 */
public final class EnvSubstitution {
  private final Function<String, Optional<String>> environment;

  /** Substitution from this environment. */
  public EnvSubstitution(Function<String, Optional<String>> environment) {
    this.environment = requireNonNull(environment, "environment");
  }

  /**
   * A substituted section: its values, and for each value that held references, the references it held
   * (for messages that must not show the value), by path.
   *
   * <p>Immutable.
   *
   * @param values the mapping with every reference replaced
   * @param references for each substituted path (dotted, as {@code ConfigSection} names them), its
   *     references as written, for example {@code ${NEO4J_PASSWORD}}
   */
  public record Result(Map<String, Object> values, Map<String, String> references) {
    public Result {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
      references = Map.copyOf(references);
    }
  }

  /**
   * Substitutes every string value of a mapping, recursively.
   *
   * @param path the dotted path of the mapping ({@code ""} for the top of the document)
   * @throws ConfigurationException naming the path and the variable, for an unset variable or a malformed
   *     reference
   */
  public Result apply(String path, Map<String, ?> values) {
    Map<String, String> references = new LinkedHashMap<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> substituted = (Map<String, Object>) walk(path, values, references);
    return new Result(substituted, references);
  }

  private Object walk(String path, Object value, Map<String, String> references) {
    if (value instanceof String s) {
      List<String> found = new ArrayList<>(1);
      String out = substitute(path, s, found);
      if (!found.isEmpty()) {
        references.put(path, String.join(" ", found));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = (String) e.getKey();
        out.put(key, walk(path.isEmpty() ? key : path + "." + key, e.getValue(), references));
      }
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.add(walk(path + "[" + i + "]", list.get(i), references));
      }
      return List.copyOf(out);
    }
    return value;
  }

  /**
   * Substitutes the references of one string.
   *
   * @param path the path of the value, for messages
   * @param text the value as written
   * @param found receives each reference as written ({@code ${NAME}}), in order
   */
  String substitute(String path, String text, List<String> found) {
    int start = text.indexOf('$');
    if (start < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    out.append(text, 0, start);
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
      } else if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          throw new ConfigurationException(path + ": a '${' has no closing '}' (write $${ for a literal ${)");
        }
        String body = text.substring(i + 2, close);
        int dash = body.indexOf(":-");
        String name = dash < 0 ? body : body.substring(0, dash);
        if (!isName(name)) {
          throw new ConfigurationException(path + ": '${" + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
              + "}' is not a valid reference: "
              + "an environment variable name is letters, digits and '_', not starting with a digit, as in ${NAME} "
              + "or ${NAME:-default} (write $${ for a literal ${)");
        }
        found.add("${" + name + "}");
        Optional<String> value = environment.apply(name);
        if (dash >= 0) {
          out.append(value.filter(v -> !v.isEmpty()).orElse(body.substring(dash + 2)));
        } else {
          out.append(value.orElseThrow(() -> new ConfigurationException(path + ": the environment variable " + name
              + " is not set; set it, or give a default: ${" + name + ":-value}")));
        }
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static boolean isName(String name) {
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }
}
