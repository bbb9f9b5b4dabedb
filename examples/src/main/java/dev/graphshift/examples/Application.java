package dev.graphshift.examples;

import static java.util.Objects.requireNonNull;

import dev.graphshift.Checked;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteResult;
import dev.graphshift.mapping.RecordMapper;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The application's side of the migration: it keeps one handle (the runbook's) for the whole run and
 * speaks the source's terms until the target becomes the primary, then the target's (it maps its own
 * records with the migration's mapper, as {@code MigrationRunbook} asks of an application whose mapping
 * changes labels or properties, e.g. Neo4j to Engram). The switch of terms happens together with the
 * change of phase: {@link #switchTerms(Runnable)} holds new writes (never reads) while the phase changes,
 * exactly as the runbook itself holds writes during a change, so that no write speaks the wrong terms.
 *
 * <p>Thread-safe.
 */
final class Application {
  /*
   * Design: writes take the read side of `terms`, the switch takes the write side; so a write either
   * completes entirely before the switch (source terms, old composition) or starts after it (target
   * terms, new composition). Reads take no lock.
   */
  private final GraphDatabase handle;
  private final RecordMapper mapper;
  private final boolean targetHoldsRelationships;
  private final ReentrantReadWriteLock terms = new ReentrantReadWriteLock();
  private volatile boolean targetTerms;

  /**
   * An application on this handle; {@code targetHoldsRelationships} false means that, once the target is the
   * only store, the application stops writing relationships (Engram cannot hold them).
   */
  Application(GraphDatabase handle, RecordMapper mapper, boolean targetHoldsRelationships) {
    this.handle = requireNonNull(handle, "handle");
    this.mapper = requireNonNull(mapper, "mapper");
    this.targetHoldsRelationships = targetHoldsRelationships;
  }

  /** What a write sent, and whether it went out in the target's terms (after decommission). */
  record Sent(WriteResult result, boolean targetTerms) {}

  Sent upsertNodes(List<Node> nodes) {
    terms.readLock().lock();
    try {
      if (!targetTerms) {
        return new Sent(handle.upsertNodes(nodes), false);
      }
      Checked<Node> mapped = mapper.mapNodes(nodes);
      WriteResult written = mapped.accepted().isEmpty() ? WriteResult.empty() : handle.upsertNodes(mapped.accepted());
      return new Sent(written.withRejected(mapped.rejected()), true);
    } finally {
      terms.readLock().unlock();
    }
  }

  /** Empty when the application no longer writes relationships (the target, now the only store, cannot hold them). */
  Optional<Sent> upsertRelationships(List<Relationship> relationships) {
    terms.readLock().lock();
    try {
      if (!targetTerms) {
        return Optional.of(new Sent(handle.upsertRelationships(relationships), false));
      }
      if (!targetHoldsRelationships) {
        return Optional.empty();
      }
      Checked<Relationship> mapped = mapper.mapRelationships(relationships);
      WriteResult written = mapped.accepted().isEmpty() ? WriteResult.empty()
          : handle.upsertRelationships(mapped.accepted());
      return Optional.of(new Sent(written.withRejected(mapped.rejected()), true));
    } finally {
      terms.readLock().unlock();
    }
  }

  Sent deleteNodes(Collection<String> ids) {
    terms.readLock().lock();
    try {
      return new Sent(handle.deleteNodes(ids), targetTerms);
    } finally {
      terms.readLock().unlock();
    }
  }

  /** Empty when the application no longer writes relationships, as {@link #upsertRelationships(List)}. */
  Optional<Sent> deleteRelationships(Collection<String> ids) {
    terms.readLock().lock();
    try {
      return targetTerms && !targetHoldsRelationships ? Optional.empty()
          : Optional.of(new Sent(handle.deleteRelationships(ids), targetTerms));
    } finally {
      terms.readLock().unlock();
    }
  }

  Optional<Node> getNode(String id) {
    return handle.getNode(targetTerms ? mapper.nodeId(id) : id);
  }

  boolean speaksTargetTerms() {
    return targetTerms;
  }

  /** Runs {@code change} (the change of phase that makes the target the primary) with writes held, then speaks the target's terms. */
  void switchTerms(Runnable change) {
    terms.writeLock().lock();
    try {
      change.run();
      targetTerms = true;
    } finally {
      terms.writeLock().unlock();
    }
  }
}
