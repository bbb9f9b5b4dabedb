package dev.graphshift.cli.internal;

import dev.graphshift.GraphDatabase;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kinds of database a target can be ({@code database:} in the targets file), the keys each allows and
 * requires, how its address reads in messages, and how its connectivity is checked cheaply.
 *
 * <p>Immutable.
 */
public enum TargetKind {
  /** Neo4j over Bolt. */
  NEO4J("neo4j", Neo4jTargets.KEYS, List.of("uri")),
  /** Amazon Neptune (database mode) over Gremlin. */
  NEPTUNE("neptune", NeptuneTargets.KEYS, List.of("mode", "host")),
  /** Engram over its HTTP API. */
  ENGRAM("engram", EngramTargets.KEYS, List.of("url")),
  /** An in-memory database: empty at the start of each command unless the embedding program gave one. */
  MEMORY("memory", Set.of(TargetsFile.DATABASE_KEY), List.of());

  /** A node id no migration uses, looked up to check that Neptune answers (a lookup by id is cheap there). */
  static final String PROBE_ID = "graphshift-connectivity-check";

  private final String key;
  private final Set<String> keys;
  private final List<String> required;

  TargetKind(String key, Set<String> keys, List<String> required) {
    this.key = key;
    this.keys = keys;
    this.required = required;
  }

  /** The value of {@code database:} that selects this kind. */
  public String key() {
    return key;
  }

  /** The keys a target of this kind may have. */
  public Set<String> keys() {
    return keys;
  }

  /** The keys a target of this kind must have. */
  public List<String> required() {
    return required;
  }

  /** The kind named by a {@code database:} value, if any. */
  public static Optional<TargetKind> of(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.key.equals(k)).findFirst();
  }

  /** The {@code database:} values, sorted, for messages. */
  public static Set<String> names() {
    Set<String> names = new TreeSet<>();
    for (TargetKind t : values()) {
      names.add(t.key);
    }
    return names;
  }

  /**
   * Checks that the database answers, with the cheapest read of its kind: a count from Neo4j's count store
   * or Engram's counter, a lookup by id on Neptune (whose counts scan).
   *
   * @throws dev.graphshift.DatabaseException if it does not
   */
  public void ping(GraphDatabase db) {
    if (this == NEPTUNE) {
      db.getNode(PROBE_ID);
    } else {
      db.countNodes();
    }
  }
}
