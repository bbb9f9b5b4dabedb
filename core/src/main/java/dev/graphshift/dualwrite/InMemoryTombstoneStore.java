package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A {@link TombstoneStore} in memory, for one process: the default of {@link DualWriteCoordinator}.
 * Memory grows with the ids deleted until {@link #clear()}. Every method is atomic ({@code
 * synchronized}), which gives the one order the handshake needs among the coordinators of this JVM.
 *
 * <p>Thread-safe.
 */
public final class InMemoryTombstoneStore implements TombstoneStore {
  private final Map<String, Instant> nodes = new HashMap<>();
  private final Map<String, Instant> relationships = new HashMap<>();
  private final Map<String, BackfillClaim> claims = new LinkedHashMap<>();

  private InMemoryTombstoneStore() {}

  /** An empty store. */
  public static InMemoryTombstoneStore create() {
    return new InMemoryTombstoneStore();
  }

  @Override
  public synchronized void recordNodeDeletes(Collection<String> ids, Instant at) {
    requireNonNull(at, "at");
    for (String id : ids) {
      nodes.put(requireNonNull(id, "id"), at);
    }
  }

  @Override
  public synchronized void recordRelationshipDeletes(Collection<String> ids, Instant at) {
    requireNonNull(at, "at");
    for (String id : ids) {
      relationships.put(requireNonNull(id, "id"), at);
    }
  }

  @Override
  public synchronized Set<String> deletedNodes(Collection<String> ids) {
    return present(nodes, ids);
  }

  @Override
  public synchronized Set<String> deletedRelationships(Collection<String> ids) {
    return present(relationships, ids);
  }

  private static Set<String> present(Map<String, Instant> map, Collection<String> ids) {
    if (map.isEmpty()) {
      return Set.of();
    }
    Set<String> found = new HashSet<>();
    for (String id : ids) {
      if (map.containsKey(id)) {
        found.add(id);
      }
    }
    return found;
  }

  @Override
  public synchronized BackfillClaim claim(String owner, Collection<String> nodeIds,
      Collection<String> relationshipIds, Instant until) {
    BackfillClaim claim = new BackfillClaim(UUID.randomUUID().toString(), owner, Set.copyOf(nodeIds),
        Set.copyOf(relationshipIds), until);
    claims.put(claim.token(), claim);
    return claim;
  }

  @Override
  public synchronized void release(BackfillClaim claim) {
    claims.remove(claim.token());
  }

  @Override
  public synchronized List<BackfillClaim> activeClaims(Instant now) {
    List<BackfillClaim> active = new ArrayList<>(claims.size());
    claims.values().removeIf(c -> !c.until().isAfter(now));
    active.addAll(claims.values());
    return active;
  }

  @Override
  public synchronized long size() {
    return nodes.size() + relationships.size();
  }

  @Override
  public synchronized void clear() {
    nodes.clear();
    relationships.clear();
  }

  /** Nothing to release. */
  @Override
  public void close() {}

  @Override
  public synchronized String toString() {
    return "InMemoryTombstoneStore[" + size() + " tombstones, " + claims.size() + " claims]";
  }
}
