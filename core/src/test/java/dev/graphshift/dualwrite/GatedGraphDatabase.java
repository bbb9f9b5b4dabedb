package dev.graphshift.dualwrite;

import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database whose writes wait on a gate until the test opens it (a secondary that hangs), and which
 * records the writes it applied in order. Reads pass. Thread-safe.
 */
final class GatedGraphDatabase extends ForwardingGraphDatabase {
  private final CountDownLatch gate = new CountDownLatch(1);
  private final AtomicInteger waiting = new AtomicInteger();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  GatedGraphDatabase(GraphDatabase delegate, boolean open) {
    super(delegate);
    if (open) {
      gate.countDown();
    }
  }

  void open() {
    gate.countDown();
  }

  /** Writes waiting at the gate now. */
  int waiting() {
    return waiting.get();
  }

  /** The applied writes, as "upsertNode:id:v", "deleteNode:id", ... in order. */
  List<String> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  private void pass() {
    waiting.incrementAndGet();
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at the gate", e);
    } finally {
      waiting.decrementAndGet();
    }
  }

  @Override
  public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
    pass();
    WriteResult r = delegate().upsertNodes(nodes, mode);
    for (Node n : nodes) {
      log.add("upsertNode:" + n.id() + ":" + n.properties().get("v"));
    }
    return r;
  }

  @Override
  public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
    pass();
    WriteResult r = delegate().upsertRelationships(relationships, mode);
    for (Relationship x : relationships) {
      log.add("upsertRelationship:" + x.id() + ":" + x.properties().get("v"));
    }
    return r;
  }

  @Override
  public WriteResult deleteNodes(Collection<String> ids) {
    pass();
    WriteResult r = delegate().deleteNodes(ids);
    for (String id : ids) {
      log.add("deleteNode:" + id);
    }
    return r;
  }

  @Override
  public WriteResult deleteRelationships(Collection<String> ids) {
    pass();
    WriteResult r = delegate().deleteRelationships(ids);
    for (String id : ids) {
      log.add("deleteRelationship:" + id);
    }
    return r;
  }

  @Override
  public void close() {
    gate.countDown();
    delegate().close();
  }
}
