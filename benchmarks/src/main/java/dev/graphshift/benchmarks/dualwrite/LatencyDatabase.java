package dev.graphshift.benchmarks.dualwrite;

import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A database with a fixed latency added to every write, or down: the stand-in for a remote database in
 * the benchmarks. {@link Wait#SPIN} busy-waits (precise, and it occupies the calling thread, as the
 * primary's work occupies the caller); {@link Wait#PARK} parks (a remote database's latency is waiting,
 * and must not take CPU from the caller's core on a small machine). Reads pass without latency.
 *
 * <p>Thread-safe.
 */
final class LatencyDatabase extends ForwardingGraphDatabase {

  /** How the latency is spent. */
  enum Wait {
    SPIN,
    PARK,
    DOWN
  }

  private final long nanos;
  private final Wait wait;

  LatencyDatabase(GraphDatabase delegate, long nanos, Wait wait) {
    super(delegate);
    this.nanos = nanos;
    this.wait = wait;
  }

  private void pause() {
    if (wait == Wait.DOWN) {
      throw new DatabaseUnavailableException(delegate().name(), "down for the benchmark", null);
    }
    if (nanos <= 0) {
      return;
    }
    if (wait == Wait.PARK) {
      LockSupport.parkNanos(nanos);
      return;
    }
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
  }

  @Override
  public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
    pause();
    return delegate().upsertNodes(nodes, mode);
  }

  @Override
  public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
    pause();
    return delegate().upsertRelationships(relationships, mode);
  }

  @Override
  public WriteResult deleteNodes(Collection<String> ids) {
    pause();
    return delegate().deleteNodes(ids);
  }

  @Override
  public WriteResult deleteRelationships(Collection<String> ids) {
    pause();
    return delegate().deleteRelationships(ids);
  }
}
