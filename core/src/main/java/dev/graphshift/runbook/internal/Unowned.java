package dev.graphshift.runbook.internal;

import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.GraphDatabase;

/**
 * A database the runbook uses but does not own: every call is forwarded except {@link #close()}, which
 * does nothing. The coordinators close what they wrap; the runbook gives them these views so that
 * retiring a coordinator at a change of phase never closes the application's databases.
 *
 * <p>Thread-safe.
 */
public final class Unowned extends ForwardingGraphDatabase {

  /** A view of {@code database} that {@code close()} leaves open. */
  public Unowned(GraphDatabase database) {
    super(database);
  }

  /** Does nothing: the caller that opened the database closes it. */
  @Override
  public void close() {
    // not ours to close
  }

  @Override
  public String toString() {
    return delegate().toString();
  }
}
