package dev.graphshift.cli.internal;

import static java.util.Objects.requireNonNull;

/**
 * A target as messages name it: its name, kind and address (never with credentials), known before its
 * database is built, so that a failure while building it is described as well as one after.
 *
 * <p>Immutable.
 *
 * @param name the target's name in the targets file
 * @param kind its kind
 * @param address where it is
 */
public record TargetRef(String name, TargetKind kind, String address) {
  public TargetRef {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(address, "address");
  }

  /** {@code target 'source' (neo4j at neo4j://db:7687)}. */
  public String describe() {
    return "target '" + name + "' (" + kind.key() + " at " + address + ")";
  }
}
