package dev.graphshift.cli.internal;

import static java.util.Objects.requireNonNull;

import dev.graphshift.GraphDatabase;

/**
 * A target a command has opened: how messages name it, and its database.
 *
 * <p>The database itself is thread-safe, as every {@link GraphDatabase} is.
 *
 * <p>Immutable.
 *
 * @param ref the target's name, kind and address
 * @param database the adapter
 * @param owned whether the command line closes it when the command ends (false for a database the
 *     embedding program gave)
 */
public record OpenTarget(TargetRef ref, GraphDatabase database, boolean owned) {
  public OpenTarget {
    requireNonNull(ref, "ref");
    requireNonNull(database, "database");
  }

  /** The target's name in the targets file. */
  public String name() {
    return ref.name();
  }

  /** Its kind. */
  public TargetKind kind() {
    return ref.kind();
  }

  /** Where it is, as messages show it. */
  public String address() {
    return ref.address();
  }

  /** {@code target 'source' (neo4j at neo4j://db:7687)}. */
  public String describe() {
    return ref.describe();
  }

  @Override
  public String toString() {
    return "OpenTarget[" + ref.name() + ", " + ref.kind().key() + ", " + ref.address() + "]";
  }
}
