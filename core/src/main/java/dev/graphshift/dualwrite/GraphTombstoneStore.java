package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.WriteResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A {@link TombstoneStore} kept in a {@link GraphDatabase} that every application instance reaches, so
 * that several processes dual-writing while one of them backfills share one set of tombstones and
 * claims. Tombstones are nodes labelled {@link #TOMBSTONE_LABEL} with ids {@code
 * graphshift:tombstone:n:<id>} or {@code graphshift:tombstone:r:<id>}; claims are nodes labelled {@link
 * #CLAIM_LABEL}, few and short-lived, which a deleting dual write reads all of (one label scan).
 *
 * <p>Use a database whose single-record reads and batch writes are linearizable (a Neo4j primary, not a
 * read replica; the in-memory database in tests), as {@link TombstoneStore} requires. The store's
 * records live under reserved labels: keep them out of the migrated graph (a separate database, or a
 * mapping that does not select them).
 *
 * <p>Thread-safe.
 */
public final class GraphTombstoneStore implements TombstoneStore {

  /** The label of tombstone nodes. */
  public static final String TOMBSTONE_LABEL = "GraphShiftTombstone";
  /** The label of claim nodes. */
  public static final String CLAIM_LABEL = "GraphShiftBackfillClaim";

  private static final String NODE_PREFIX = "graphshift:tombstone:n:";
  private static final String RELATIONSHIP_PREFIX = "graphshift:tombstone:r:";
  private static final String CLAIM_PREFIX = "graphshift:claim:";
  private static final int PAGE = 500;

  private final GraphDatabase store;

  private GraphTombstoneStore(GraphDatabase store) {
    this.store = store;
  }

  /**
   * A store kept in this database (not closed by the store).
   *
   * @throws NullPointerException if store is null
   */
  public static GraphTombstoneStore on(GraphDatabase store) {
    return new GraphTombstoneStore(requireNonNull(store, "store"));
  }

  @Override
  public void recordNodeDeletes(Collection<String> ids, Instant at) {
    record(ids, at, NODE_PREFIX, "node");
  }

  @Override
  public void recordRelationshipDeletes(Collection<String> ids, Instant at) {
    record(ids, at, RELATIONSHIP_PREFIX, "relationship");
  }

  private void record(Collection<String> ids, Instant at, String prefix, String kind) {
    if (ids.isEmpty()) {
      return;
    }
    OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
    List<Node> tombstones = new ArrayList<>(ids.size());
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (seen.add(id)) {
        tombstones.add(Node.of(prefix + id, TOMBSTONE_LABEL, Map.of("kind", kind, "recordId", id, "deletedAt", when)));
      }
    }
    check(store.upsertNodes(tombstones), "record tombstones");
  }

  private void check(WriteResult result, String what) {
    if (!result.rejected().isEmpty()) {
      throw new IllegalStateException("tombstone store '" + store.name() + "' could not " + what + ": "
          + result.rejected().get(0));
    }
  }

  @Override
  public Set<String> deletedNodes(Collection<String> ids) {
    return present(ids, NODE_PREFIX);
  }

  @Override
  public Set<String> deletedRelationships(Collection<String> ids) {
    return present(ids, RELATIONSHIP_PREFIX);
  }

  private Set<String> present(Collection<String> ids, String prefix) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    List<String> keys = new ArrayList<>(ids.size());
    for (String id : ids) {
      keys.add(prefix + id);
    }
    Set<String> found = new HashSet<>();
    for (String key : store.getNodes(keys).keySet()) {
      found.add(key.substring(prefix.length()));
    }
    return found;
  }

  @Override
  public BackfillClaim claim(String owner, Collection<String> nodeIds, Collection<String> relationshipIds,
      Instant until) {
    BackfillClaim claim = new BackfillClaim(UUID.randomUUID().toString(), owner, Set.copyOf(nodeIds),
        Set.copyOf(relationshipIds), until);
    check(store.upsertNodes(List.of(Node.of(CLAIM_PREFIX + claim.token(), CLAIM_LABEL, Map.of(
        "owner", owner,
        "nodeIds", List.copyOf(claim.nodeIds()),
        "relationshipIds", List.copyOf(claim.relationshipIds()),
        "until", until.atOffset(ZoneOffset.UTC))))), "publish a backfill claim");
    return claim;
  }

  @Override
  public void release(BackfillClaim claim) {
    store.deleteNodes(List.of(CLAIM_PREFIX + claim.token()));
  }

  @Override
  public List<BackfillClaim> activeClaims(Instant now) {
    List<BackfillClaim> active = new ArrayList<>();
    List<String> expired = new ArrayList<>();
    ScanRequest request = ScanRequest.of(CLAIM_LABEL, PAGE);
    while (true) {
      ScanPage<Node> page = store.scanNodes(request);
      for (Node n : page.items()) {
        BackfillClaim c = toClaim(n);
        if (c.until().isAfter(now)) {
          active.add(c);
        } else {
          expired.add(n.id());
        }
      }
      if (page.next().isEmpty()) {
        break;
      }
      request = request.after(page.next().get());
    }
    if (!expired.isEmpty()) {
      store.deleteNodes(expired);
    }
    return active;
  }

  @SuppressWarnings("unchecked")
  private static BackfillClaim toClaim(Node n) {
    Map<String, Object> p = n.properties();
    return new BackfillClaim(n.id().substring(CLAIM_PREFIX.length()), String.valueOf(p.get("owner")),
        Set.copyOf((List<String>) p.getOrDefault("nodeIds", List.of())),
        Set.copyOf((List<String>) p.getOrDefault("relationshipIds", List.of())),
        ((OffsetDateTime) p.get("until")).toInstant());
  }

  @Override
  public long size() {
    return store.countNodes(TOMBSTONE_LABEL);
  }

  @Override
  public void clear() {
    ScanRequest request = ScanRequest.of(TOMBSTONE_LABEL, PAGE);
    while (true) {
      ScanPage<Node> page = store.scanNodes(request);
      List<String> ids = new ArrayList<>(page.items().size());
      for (Node n : page.items()) {
        ids.add(n.id());
      }
      if (!ids.isEmpty()) {
        store.deleteNodes(ids);
      }
      if (page.next().isEmpty()) {
        return;
      }
      request = request.after(page.next().get());
    }
  }

  /** Does not close the database. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "GraphTombstoneStore[" + store.name() + "]";
  }
}
