package dev.graphshift;

import java.util.Set;
import java.util.TreeSet;

/**
 * A named read was asked of a database that has no answer registered under that name.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class UnknownQueryException extends GraphShiftException {
  private final String queryName;

  public UnknownQueryException(String database, String queryName, Set<String> known) {
    super(database, "no query named '" + queryName + "' is registered; known: " + new TreeSet<>(known), null);
    this.queryName = queryName;
  }

  /** The name that was asked for. */
  public String queryName() {
    return queryName;
  }
}
