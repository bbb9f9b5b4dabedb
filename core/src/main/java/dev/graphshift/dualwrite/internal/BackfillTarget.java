package dev.graphshift.dualwrite.internal;

import static java.util.Objects.requireNonNull;

import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.dualwrite.BackfillClaim;
import dev.graphshift.dualwrite.BackfillRecordsSkippedEvent;
import dev.graphshift.dualwrite.OrderingKey;
import dev.graphshift.dualwrite.TombstoneStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secondary as a backfill must see it: reads go to the secondary; writes are ordered with the
 * coordinator's dual writes of the same ids (one {@link KeyedScheduler}), and {@link
 * WriteMode#INSERT_IF_ABSENT} writes skip records a dual write deleted.
 *
 * <p><b>Design.</b> An insert batch (1) publishes a {@link BackfillClaim} of its ids and the nodes its
 * relationships need, (2) waits until every earlier conflicting dual write of this process has
 * completed, (3) reads tombstones and drops tombstoned records and relationships with a tombstoned
 * endpoint, (4) inserts the rest, (5) releases its keys and the claim. A delete in this process is
 * ordered before or after the batch by the scheduler; a delete in another process records its tombstone
 * and then waits for claims of other owners, so either (3) sees its tombstone or the delete lands after
 * (4). If (4) ends after the claim expired, the batch re-checks tombstones and deletes what was deleted
 * meanwhile. {@link WriteMode#UPSERT} writes and deletes through the view are ordered but not filtered
 * (they are repairs, not copies). See {@code docs/consistency.md}.
 *
 * <p>Thread-safe.
 */
public final class BackfillTarget extends ForwardingGraphDatabase {
  private static final Logger log = LoggerFactory.getLogger(BackfillTarget.class);

  private final String coordinator;
  private final String name;
  private final GraphDatabase secondary;
  private final KeyedScheduler scheduler;
  private final TombstoneStore tombstones;
  private final String owner;
  private final Clock clock;
  private final Duration lease;
  private final Telemetry telemetry;
  private final Runnable ensureOpen;

  public BackfillTarget(String coordinator, GraphDatabase secondary, KeyedScheduler scheduler,
      TombstoneStore tombstones, String owner, Clock clock, Duration lease, Telemetry telemetry, Runnable ensureOpen) {
    super(secondary);
    this.coordinator = coordinator;
    this.name = coordinator + "/backfill-target";
    this.secondary = secondary;
    this.scheduler = scheduler;
    this.tombstones = tombstones;
    this.owner = owner;
    this.clock = clock;
    this.lease = lease;
    this.telemetry = telemetry;
    this.ensureOpen = ensureOpen;
  }

  @Override
  public String name() {
    return name;
  }

  // ------------------------------------------------------------------------------------------- writes

  @Override
  public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
    requireNonNull(nodes, "nodes");
    requireNonNull(mode, "mode");
    ensureOpen.run();
    if (nodes.isEmpty()) {
      return WriteResult.empty();
    }
    List<OrderingKey> keys = new ArrayList<>(nodes.size());
    Set<String> ids = new LinkedHashSet<>();
    for (Node n : nodes) {
      keys.add(OrderingKey.node(n.id()));
      ids.add(n.id());
    }
    if (mode == WriteMode.UPSERT) {
      return ordered(keys, nodes.size(), () -> secondary.upsertNodes(nodes, mode));
    }
    BackfillClaim claim = tombstones.claim(owner, ids, List.of(), clock.instant().plus(lease));
    try {
      return ordered(keys, nodes.size(), () -> {
        Set<String> dead = tombstones.deletedNodes(ids);
        List<Node> keep = nodes;
        if (!dead.isEmpty()) {
          keep = new ArrayList<>(nodes.size());
          for (Node n : nodes) {
            if (!dead.contains(n.id())) {
              keep.add(n);
            }
          }
        }
        WriteResult written = keep.isEmpty() ? WriteResult.empty() : secondary.upsertNodes(keep, mode);
        if (clock.instant().isAfter(claim.until()) && !keep.isEmpty()) {
          Set<String> kept = new LinkedHashSet<>();
          keep.forEach(n -> kept.add(n.id()));
          Set<String> late = tombstones.deletedNodes(kept);
          overrun(late, false, () -> secondary.deleteNodes(List.copyOf(late)));
        }
        return finish(written, nodes.size() - keep.size(), dead, false);
      });
    } finally {
      tombstones.release(claim);
    }
  }

  @Override
  public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
    requireNonNull(relationships, "relationships");
    requireNonNull(mode, "mode");
    ensureOpen.run();
    if (relationships.isEmpty()) {
      return WriteResult.empty();
    }
    List<OrderingKey> keys = new ArrayList<>(relationships.size() * 3);
    Set<String> ids = new LinkedHashSet<>();
    Set<String> endpoints = new LinkedHashSet<>();
    for (Relationship r : relationships) {
      keys.add(OrderingKey.relationship(r.id()));
      keys.add(OrderingKey.endpoint(r.startId()));
      keys.add(OrderingKey.endpoint(r.endId()));
      ids.add(r.id());
      endpoints.add(r.startId());
      endpoints.add(r.endId());
    }
    if (mode == WriteMode.UPSERT) {
      return ordered(keys, relationships.size(), () -> secondary.upsertRelationships(relationships, mode));
    }
    BackfillClaim claim = tombstones.claim(owner, endpoints, ids, clock.instant().plus(lease));
    try {
      return ordered(keys, relationships.size(), () -> {
        Set<String> deadRels = tombstones.deletedRelationships(ids);
        Set<String> deadNodes = tombstones.deletedNodes(endpoints);
        List<Relationship> keep = relationships;
        Set<String> skipped = new LinkedHashSet<>();
        if (!deadRels.isEmpty() || !deadNodes.isEmpty()) {
          keep = new ArrayList<>(relationships.size());
          for (Relationship r : relationships) {
            if (deadRels.contains(r.id()) || deadNodes.contains(r.startId()) || deadNodes.contains(r.endId())) {
              skipped.add(r.id());
            } else {
              keep.add(r);
            }
          }
        }
        WriteResult written = keep.isEmpty() ? WriteResult.empty() : secondary.upsertRelationships(keep, mode);
        if (clock.instant().isAfter(claim.until()) && !keep.isEmpty()) {
          Set<String> keptIds = new LinkedHashSet<>();
          Set<String> keptEnds = new LinkedHashSet<>();
          for (Relationship r : keep) {
            keptIds.add(r.id());
            keptEnds.add(r.startId());
            keptEnds.add(r.endId());
          }
          Set<String> late = new LinkedHashSet<>(tombstones.deletedRelationships(keptIds));
          Set<String> lateNodes = tombstones.deletedNodes(keptEnds);
          for (Relationship r : keep) {
            if (lateNodes.contains(r.startId()) || lateNodes.contains(r.endId())) {
              late.add(r.id());
            }
          }
          overrun(late, true, () -> secondary.deleteRelationships(List.copyOf(late)));
        }
        return finish(written, relationships.size() - keep.size(), skipped, true);
      });
    } finally {
      tombstones.release(claim);
    }
  }

  private void overrun(Set<String> late, boolean relationships, Runnable delete) {
    telemetry.backfillClaimOverruns.increment();
    if (!late.isEmpty()) {
      delete.run();
      emitSkipped(late, relationships);
    }
    log.warn("graphshift.dualwrite.backfill_claim_overrun name={} lease={} redeleted={}", name, lease,
        SecondaryWriter.abbreviate(late));
  }

  private WriteResult finish(WriteResult written, int skippedCount, Set<String> skippedIds, boolean relationships) {
    telemetry.backfillWritten.add(written.written() + written.skipped());
    if (skippedCount == 0) {
      return written;
    }
    telemetry.backfillSkipped.add(skippedCount);
    emitSkipped(skippedIds, relationships);
    return new WriteResult(written.written(), written.skipped() + skippedCount, written.rejected());
  }

  private void emitSkipped(Set<String> ids, boolean relationships) {
    if (telemetry.active()) {
      BackfillRecordsSkippedEvent event =
          new BackfillRecordsSkippedEvent(coordinator, clock.instant(), List.copyOf(ids), relationships);
      telemetry.emit("BackfillRecordsSkippedEvent", l -> l.onBackfillSkipped(event));
    }
  }

  private interface Write {
    WriteResult run();
  }

  private WriteResult ordered(List<OrderingKey> keys, int records, Write write) {
    KeyedScheduler.Task task =
        scheduler.enqueueInline(KeyedScheduler.Kind.BACKFILL, OrderingKey.normalize(keys), records);
    try {
      task.awaitReady();
      return write.run();
    } finally {
      scheduler.complete(task);
    }
  }

  @Override
  public WriteResult deleteNodes(Collection<String> ids) {
    ensureOpen.run();
    List<OrderingKey> keys = new ArrayList<>(ids.size());
    for (String id : ids) {
      keys.add(OrderingKey.node(id));
    }
    return keys.isEmpty() ? WriteResult.empty() : ordered(keys, ids.size(), () -> secondary.deleteNodes(ids));
  }

  @Override
  public WriteResult deleteRelationships(Collection<String> ids) {
    ensureOpen.run();
    List<OrderingKey> keys = new ArrayList<>(ids.size());
    for (String id : ids) {
      keys.add(OrderingKey.relationship(id));
    }
    return keys.isEmpty() ? WriteResult.empty() : ordered(keys, ids.size(), () -> secondary.deleteRelationships(ids));
  }

  // Reads, capabilities() and query names are the secondary's, inherited from ForwardingGraphDatabase.

  /** The view holds nothing; the coordinator owns the secondary. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "BackfillTarget[" + name + "]";
  }
}
