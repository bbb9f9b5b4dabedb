package dev.graphshift.cli.internal;

import static java.util.Objects.requireNonNull;

import dev.graphshift.ConfigurationException;
import dev.graphshift.config.ConfigSection;
import dev.graphshift.config.Yaml;
import dev.graphshift.config.YamlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The targets file, {@code graphshift.yaml}, shaped like nodestream's {@code targets:} block:
 *
 * <pre>{@code
 * targets:
 *   source:
 *     database: neo4j
 *     uri: neo4j://localhost:7687
 *     username: neo4j
 *     password: ${NEO4J_PASSWORD}
 *   people:
 *     database: engram
 *     url: http://localhost:7432
 *     space: people
 * mapping: mapping.yaml      # optional: a SchemaMapping (docs/mapping.md), relative to this file
 * embedder: hashing          # optional: generates missing embeddings (a deterministic stand-in)
 * }</pre>
 *
 * <p>Loading checks the structure of every target (a mapping with a known {@code database:}, no unknown
 * key, every required key present), so a misspelt key fails every command. Values, and the environment
 * variables they name, are read only when a command opens the target: a command never needs the secrets of
 * targets it does not use.
 *
 * <p>Immutable.
 */
public final class TargetsFile {
  /** The name of the targets file in the working directory when no {@code --config} is given. */
  public static final String DEFAULT_FILE_NAME = "graphshift.yaml";
  /** The key that selects a target's kind, as in nodestream. */
  public static final String DATABASE_KEY = "database";
  /** The top-level keys. */
  static final Set<String> TOP_LEVEL_KEYS = Set.of("targets", "mapping", "embedder");

  private final Path file;
  private final Map<String, Entry> targets;
  private final Map<String, Object> top;

  /**
   * One target as the file declares it, before substitution.
   *
   * <p>Immutable.
   *
   * @param name the target's name (its key under {@code targets:})
   * @param kind its kind
   * @param path its dotted path, {@code targets.<name>}
   * @param values its keys and values as written
   */
  public record Entry(String name, TargetKind kind, String path, Map<String, Object> values) {
    public Entry {
      requireNonNull(name, "name");
      requireNonNull(kind, "kind");
      requireNonNull(path, "path");
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public String toString() {
      return "Entry[" + name + ", " + kind.key() + "]";
    }
  }

  private TargetsFile(Path file, Map<String, Entry> targets, Map<String, Object> top) {
    this.file = file;
    this.targets = targets;
    this.top = top;
  }

  /**
   * Reads and checks a targets file.
   *
   * @throws ConfigurationException if it is absent, unreadable, not the YAML {@link Yaml} reads (a {@link
   *     YamlException} is the cause), or malformed, naming the file, the line or the path of the key, and what to fix
   */
  public static TargetsFile load(Path file) {
    requireNonNull(file, "file");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigurationException("no targets file at " + file + ": create " + DEFAULT_FILE_NAME
          + " (see docs/cli.md), or name one with --config FILE");
    } catch (IOException e) {
      throw new ConfigurationException(null, "cannot read the targets file " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(file, Yaml.parseMapping(text));
    } catch (ConfigurationException e) {
      throw new ConfigurationException(null, file + ": " + e.getMessage(), e);
    }
  }

  private static TargetsFile parse(Path file, Map<String, Object> document) {
    ConfigSection root = ConfigSection.root(document);
    root.allowOnly(TOP_LEVEL_KEYS);
    ConfigSection section = root.section("targets");
    if (section.keys().isEmpty()) {
      throw root.error("targets", "no target is defined; add one, for example 'source: {database: neo4j, uri: "
          + "neo4j://localhost:7687}'");
    }
    Map<String, Entry> targets = new LinkedHashMap<>();
    for (String name : section.keys()) {
      ConfigSection t = section.section(name);
      String database = t.string(DATABASE_KEY);
      TargetKind kind = TargetKind.of(database).orElseThrow(() -> t.error(DATABASE_KEY, "unknown database '"
          + database + "' (known: " + String.join(", ", TargetKind.names()) + ")"));
      t.allowOnly(kind.keys());
      for (String key : kind.required()) {
        t.value(key);
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (String key : t.keys()) {
        values.put(key, t.optionalValue(key).orElseThrow());
      }
      targets.put(name, new Entry(name, kind, t.path(), values));
    }
    root.optionalValue("mapping").ifPresent(v -> root.optionalString("mapping"));
    root.optionalValue("embedder").ifPresent(v -> root.optionalString("embedder"));
    return new TargetsFile(file, Collections.unmodifiableMap(targets), document);
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** The directory relative paths in the file resolve against. */
  public Path directory() {
    Path parent = file.toAbsolutePath().getParent();
    return parent != null ? parent : file.toAbsolutePath();
  }

  /** The names of the targets, in the order of the file. */
  public List<String> names() {
    return new ArrayList<>(targets.keySet());
  }

  /** The targets, in the order of the file. */
  public List<Entry> entries() {
    return new ArrayList<>(targets.values());
  }

  /**
   * The target of a name.
   *
   * @param role where the name came from, for the message ({@code --from}, {@code --target})
   * @throws ConfigurationException naming the unknown target, where it came from, and the known ones
   */
  public Entry target(String name, String role) {
    Entry e = targets.get(name);
    if (e == null) {
      throw new ConfigurationException("unknown target '" + name + "' (" + role + "): " + file + " defines "
          + (targets.size() == 1 ? "the target " : "the targets ") + String.join(", ", new TreeSet<>(targets.keySet())));
    }
    return e;
  }

  /** The top-level values other than the targets ({@code mapping}, {@code embedder}), as written. */
  public Map<String, Object> topLevel() {
    Map<String, Object> m = new LinkedHashMap<>(top);
    m.remove("targets");
    return Collections.unmodifiableMap(m);
  }

  @Override
  public String toString() {
    return "TargetsFile[" + file + ", targets=" + targets.keySet() + "]";
  }
}
