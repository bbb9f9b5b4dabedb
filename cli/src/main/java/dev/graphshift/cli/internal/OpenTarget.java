package dev.graphshift.cli.internal;

import static java.util.Objects.requireNonNull;

import dev.graphshift.GraphDatabase;

/**
 * A target a command has opened: its name, kind and address (for messages), and its database.
 *
 * <p>The database itself is thread-safe, as every {@link GraphDatabase} is.
 *
 * <p>Immutable.
 *
 * @param name the target's name in the targets file
 * @param kind its kind
 * @param address where it is, as messages show it (never with credentials)
 * @param database the adapter
 * @param owned whether the command line closes it when the command ends (false for a database the
 *     embedding program gave)
 */
public record OpenTarget(String name, TargetKind kind, String address, GraphDatabase database, boolean owned) {
  public OpenTarget {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(address, "address");
    requireNonNull(database, "database");
  }

  /** {@code target 'source' (neo4j at neo4j://db:7687)}. */
  public String describe() {
    return "target '" + name + "' (" + kind.key() + " at " + address + ")";
  }

  @Override
  public String toString() {
    return "OpenTarget[" + name + ", " + kind.key() + ", " + address + "]";
  }
}
