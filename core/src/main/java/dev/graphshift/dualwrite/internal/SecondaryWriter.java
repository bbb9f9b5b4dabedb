package dev.graphshift.dualwrite.internal;

import dev.graphshift.Checked;
import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.dualwrite.BackfillClaim;
import dev.graphshift.dualwrite.RecordsRejectedEvent;
import dev.graphshift.dualwrite.TombstoneStore;
import dev.graphshift.dualwrite.WriteOperation;
import dev.graphshift.mapping.RecordMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a group of dual-write operations of one type to the secondary: maps the records, records
 * tombstones before deletes, waits for other processes' backfill claims where the handshake needs it,
 * writes, and reports rejected records. A failure is thrown to the caller, which dead-letters the group.
 *
 * <p>Thread-safe.
 */
public final class SecondaryWriter {
  private static final Logger log = LoggerFactory.getLogger(SecondaryWriter.class);

  /** How often a delete polls for another process's backfill claim to go. */
  private static final long CLAIM_POLL_NANOS = Duration.ofMillis(5).toNanos();

  private final String name;
  private final GraphDatabase primary;
  private final GraphDatabase secondary;
  private final RecordMapper mapper;
  private final TombstoneStore tombstones;
  private final String owner;
  private final Clock clock;
  private final Duration claimWait;
  private final Telemetry telemetry;
  private final boolean atomicInserts;

  public SecondaryWriter(String name, GraphDatabase primary, GraphDatabase secondary, RecordMapper mapper,
      TombstoneStore tombstones, String owner, Clock clock, Duration claimWait, Telemetry telemetry) {
    this.name = name;
    this.primary = primary;
    this.secondary = secondary;
    this.mapper = mapper;
    this.tombstones = tombstones;
    this.owner = owner;
    this.clock = clock;
    this.claimWait = claimWait;
    this.telemetry = telemetry;
    this.atomicInserts = secondary.capabilities().conditionalWrites();
  }

  /**
   * Applies operations of one type and mode, in the primary's form.
   *
   * @return the number of records the secondary applied (rejected ones excluded)
   * @throws RuntimeException whatever the mapper, the tombstone store or the secondary threw
   */
  public int apply(WriteOperation.Type type, WriteMode mode, List<WriteOperation> ops) {
    switch (type) {
      case UPSERT_NODE: {
        List<Node> nodes = new ArrayList<>(ops.size());
        for (WriteOperation op : ops) {
          nodes.add(((WriteOperation.UpsertNode) op).node());
        }
        return upsert(nodes, mapper::mapNodes, secondary::upsertNodes, mode, true);
      }
      case UPSERT_RELATIONSHIP: {
        List<Relationship> rels = new ArrayList<>(ops.size());
        for (WriteOperation op : ops) {
          rels.add(((WriteOperation.UpsertRelationship) op).relationship());
        }
        return upsert(rels, mapper::mapRelationships, (accepted, m) -> {
          WriteResult r = secondary.upsertRelationships(accepted, m);
          return hasDangling(r) ? repairDangling(rels, accepted, r, m) : r;
        }, mode, false);
      }
      case DELETE_NODE: {
        Set<String> ids = new LinkedHashSet<>();
        for (WriteOperation op : ops) {
          ids.add(mapper.nodeId(op.id()));
        }
        tombstones.recordNodeDeletes(ids, clock.instant());
        awaitForeignClaims(ids, Set.of());
        WriteResult r = secondary.deleteNodes(List.copyOf(ids));
        reportRejected(RecordsRejectedEvent.RejectedBy.SECONDARY, r.rejected());
        return r.written();
      }
      default: {
        Set<String> ids = new LinkedHashSet<>();
        for (WriteOperation op : ops) {
          ids.add(mapper.relationshipId(op.id()));
        }
        tombstones.recordRelationshipDeletes(ids, clock.instant());
        awaitForeignClaims(Set.of(), ids);
        WriteResult r = secondary.deleteRelationships(List.copyOf(ids));
        reportRejected(RecordsRejectedEvent.RejectedBy.SECONDARY, r.rejected());
        return r.written();
      }
    }
  }

  private <T extends GraphRecord> int upsert(List<T> records, Function<List<T>, Checked<T>> map,
      BiFunction<List<T>, WriteMode, WriteResult> write, WriteMode mode, boolean nodes) {
    Checked<T> mapped = map.apply(records);
    reportRejected(RecordsRejectedEvent.RejectedBy.MAPPER, mapped.rejected());
    List<T> accepted = mapped.accepted();
    if (accepted.isEmpty()) {
      return 0;
    }
    WriteResult r = write.apply(accepted, mode);
    if (!atomicInserts) {
      Set<String> ids = new LinkedHashSet<>();
      accepted.forEach(x -> ids.add(x.id()));
      r = reapplyAfterForeignClaims(nodes ? ids : Set.of(), nodes ? Set.of() : ids, r,
          () -> write.apply(accepted, mode));
    }
    reportRejected(RecordsRejectedEvent.RejectedBy.SECONDARY, r.rejected());
    return r.written() + r.skipped();
  }

  private static boolean hasDangling(WriteResult r) {
    for (Rejected x : r.rejected()) {
      if (Rules.DANGLING_ENDPOINT.equals(x.rule())) {
        return true;
      }
    }
    return false;
  }

  /**
   * A dual-written relationship whose endpoint the secondary lacks: the primary had both endpoints when
   * it wrote the relationship, and every later write of an endpoint is ordered after this one, so the
   * endpoint is missing because the backfill has not copied it yet. Leaving the relationship to the
   * backfill would lose it if the endpoint is later deleted and re-created (the backfill skips
   * relationships of tombstoned nodes), so the missing endpoints are copied now from the primary, as the
   * backfill would copy them (claimed, tombstones checked, insert-if-absent), and the relationships are
   * written again. An endpoint the primary no longer has was deleted after the relationship, which the
   * delete detached on the primary too: the relationship stays rejected, correctly.
   */
  private WriteResult repairDangling(List<Relationship> sources, List<Relationship> targets, WriteResult first,
      WriteMode mode) {
    Map<String, Relationship> sourceByTargetId = new HashMap<>();
    for (Relationship s : sources) {
      sourceByTargetId.put(mapper.relationshipId(s.id()), s);
    }
    List<Rejected> kept = new ArrayList<>();
    Map<String, Relationship> dangling = new LinkedHashMap<>();
    for (Rejected x : first.rejected()) {
      if (Rules.DANGLING_ENDPOINT.equals(x.rule()) && x.record() instanceof Relationship rel) {
        dangling.put(rel.id(), rel);
      } else {
        kept.add(x);
      }
    }
    Set<String> sourceEnds = new LinkedHashSet<>();
    for (String id : dangling.keySet()) {
      Relationship source = sourceByTargetId.get(id);
      if (source != null) {
        sourceEnds.add(source.startId());
        sourceEnds.add(source.endId());
      }
    }
    Map<String, String> targetEnd = new LinkedHashMap<>();
    for (String end : sourceEnds) {
      targetEnd.put(mapper.nodeId(end), end);
    }
    Set<String> present = secondary.getNodes(targetEnd.keySet()).keySet();
    List<String> missing = new ArrayList<>();
    targetEnd.forEach((target, source) -> {
      if (!present.contains(target)) {
        missing.add(source);
      }
    });
    List<Node> fromPrimary = new ArrayList<>(primary.getNodes(missing).values());
    if (fromPrimary.isEmpty()) {
      return first;
    }
    Checked<Node> mapped = mapper.mapNodes(fromPrimary);
    reportRejected(RecordsRejectedEvent.RejectedBy.MAPPER, mapped.rejected());
    Set<String> ids = new LinkedHashSet<>();
    mapped.accepted().forEach(n -> ids.add(n.id()));
    BackfillClaim claim = tombstones.claim(owner, ids, List.of(), clock.instant().plus(claimWait));
    try {
      Set<String> dead = tombstones.deletedNodes(ids);
      List<Node> copy = new ArrayList<>();
      for (Node n : mapped.accepted()) {
        if (!dead.contains(n.id())) {
          copy.add(n);
        }
      }
      if (!copy.isEmpty()) {
        WriteResult nodes = secondary.upsertNodes(copy, WriteMode.INSERT_IF_ABSENT);
        reportRejected(RecordsRejectedEvent.RejectedBy.SECONDARY, nodes.rejected());
        log.debug("graphshift.dualwrite.endpoints_copied name={} count={} ids={}", name, copy.size(),
            abbreviate(ids));
      }
    } finally {
      tombstones.release(claim);
    }
    WriteResult again = secondary.upsertRelationships(List.copyOf(dangling.values()), mode);
    return new WriteResult(first.written() + again.written(), first.skipped() + again.skipped(), kept)
        .withRejected(again.rejected());
  }

  /**
   * Without atomic inserts, another process's backfill may check that a record is absent, then insert
   * an older copy after this write. If a claim of another owner covers these ids after the write,
   * wait for it to go and write again (idempotent), so this write lands last.
   */
  private WriteResult reapplyAfterForeignClaims(Set<String> nodeIds, Set<String> relationshipIds, WriteResult first,
      Supplier<WriteResult> write) {
    if (!claimed(nodeIds, relationshipIds)) {
      return first;
    }
    awaitForeignClaims(nodeIds, relationshipIds);
    return write.get();
  }

  private boolean claimed(Set<String> nodeIds, Set<String> relationshipIds) {
    for (BackfillClaim c : tombstones.activeClaims(clock.instant())) {
      if (!c.owner().equals(owner) && c.overlaps(nodeIds, relationshipIds)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Waits until no claim of another owner covers these ids, at most the claim lease (a claim whose
   * owner died expires; a backfill that outlives its claim re-checks tombstones itself).
   */
  private void awaitForeignClaims(Set<String> nodeIds, Set<String> relationshipIds) {
    long deadline = System.nanoTime() + claimWait.toNanos();
    while (claimed(nodeIds, relationshipIds)) {
      if (System.nanoTime() - deadline > 0) {
        telemetry.backfillClaimOverruns.increment();
        log.warn("graphshift.dualwrite.claim_wait_expired name={} waited={} nodes={} relationships={}", name,
            claimWait, abbreviate(nodeIds), abbreviate(relationshipIds));
        return;
      }
      LockSupport.parkNanos(CLAIM_POLL_NANOS);
    }
  }

  private void reportRejected(RecordsRejectedEvent.RejectedBy by, List<Rejected> rejected) {
    if (rejected.isEmpty()) {
      return;
    }
    telemetry.rejected.add(rejected.size());
    boolean onlyDangling = rejected.stream().allMatch(r -> Rules.DANGLING_ENDPOINT.equals(r.rule()));
    List<String> ids = new ArrayList<>(Math.min(rejected.size(), 10));
    for (int i = 0; i < rejected.size() && i < 10; i++) {
      ids.add(rejected.get(i).recordId());
    }
    if (onlyDangling) {
      // Expected while a backfill has not copied an endpoint yet; the backfill copies the relationship later.
      log.info("graphshift.dualwrite.rejected name={} by={} count={} ids={} first={}", name, by, rejected.size(), ids,
          rejected.get(0));
    } else {
      log.warn("graphshift.dualwrite.rejected name={} by={} count={} ids={} first={}", name, by, rejected.size(), ids,
          rejected.get(0));
    }
    if (telemetry.active()) {
      RecordsRejectedEvent event = new RecordsRejectedEvent(name, clock.instant(), by, rejected);
      telemetry.emit("RecordsRejectedEvent", l -> l.onRejected(event));
    }
  }

  static String abbreviate(Set<String> ids) {
    if (ids.size() <= 10) {
      return ids.toString();
    }
    List<String> first = new ArrayList<>(10);
    for (String id : ids) {
      if (first.size() == 10) {
        break;
      }
      first.add(id);
    }
    return first + " ... " + (ids.size() - 10) + " more";
  }
}
