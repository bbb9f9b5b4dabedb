package dev.graphshift.dualwrite;

import dev.graphshift.Capabilities;
import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A database whose {@link WriteMode#INSERT_IF_ABSENT} is a check followed by a separate write (as on
 * databases without {@link Capabilities#conditionalWrites()}), with a yield in between to widen the
 * window a concurrent writer can fall into. Thread-safe.
 */
final class NonAtomicInsertDatabase extends ForwardingGraphDatabase {

  NonAtomicInsertDatabase(GraphDatabase delegate) {
    super(delegate);
  }

  @Override
  public Capabilities capabilities() {
    Capabilities c = delegate().capabilities();
    return new Capabilities(c.relationships(), c.nodeDeletes(), c.relationshipDeletes(), false, c.nativeVectors(),
        c.transactions(), c.schema());
  }

  @Override
  public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
    if (mode == WriteMode.UPSERT) {
      return delegate().upsertNodes(nodes, mode);
    }
    List<String> ids = nodes.stream().map(Node::id).toList();
    Set<String> present = delegate().getNodes(ids).keySet();
    Thread.yield();
    List<Node> absent = new ArrayList<>();
    for (Node n : nodes) {
      if (!present.contains(n.id())) {
        absent.add(n);
      }
    }
    WriteResult r = delegate().upsertNodes(absent, WriteMode.UPSERT);
    return new WriteResult(r.written(), nodes.size() - absent.size(), r.rejected());
  }

  @Override
  public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
    if (mode == WriteMode.UPSERT) {
      return delegate().upsertRelationships(relationships, mode);
    }
    List<String> ids = relationships.stream().map(Relationship::id).toList();
    Set<String> present = delegate().getRelationships(ids).keySet();
    Thread.yield();
    List<Relationship> absent = new ArrayList<>();
    for (Relationship r : relationships) {
      if (!present.contains(r.id())) {
        absent.add(r);
      }
    }
    WriteResult r = delegate().upsertRelationships(absent, WriteMode.UPSERT);
    return new WriteResult(r.written(), relationships.size() - absent.size(), r.rejected());
  }

}
