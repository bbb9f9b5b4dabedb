package dev.graphshift.backfill;

import dev.graphshift.DatabaseException;
import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test support: a database that dies on its K-th node write, or its K-th relationship write, and on every
 * write of that kind after it, with a permanent (not retryable) failure, {@code killed at node write K}:
 * a kill at a batch boundary, for resume tests. 0 never dies.
 */
public final class DyingDatabase extends ForwardingGraphDatabase {
  private final int dieAtNodeWrite;
  private final int dieAtRelationshipWrite;
  private final AtomicInteger nodeWrites = new AtomicInteger();
  private final AtomicInteger relationshipWrites = new AtomicInteger();

  public DyingDatabase(GraphDatabase delegate, int dieAtNodeWrite, int dieAtRelationshipWrite) {
    super(delegate);
    this.dieAtNodeWrite = dieAtNodeWrite;
    this.dieAtRelationshipWrite = dieAtRelationshipWrite;
  }

  @Override
  public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
    int write = nodeWrites.incrementAndGet();
    if (dieAtNodeWrite > 0 && write >= dieAtNodeWrite) {
      throw new DatabaseException(name(), "killed at node write " + write, null);
    }
    return super.upsertNodes(nodes, mode);
  }

  @Override
  public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
    int write = relationshipWrites.incrementAndGet();
    if (dieAtRelationshipWrite > 0 && write >= dieAtRelationshipWrite) {
      throw new DatabaseException(name(), "killed at relationship write " + write, null);
    }
    return super.upsertRelationships(relationships, mode);
  }
}
