package dev.graphshift.dualwrite;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Remembers which ids dual writes deleted while a backfill may still copy them, and which ids a
 * backfill is inserting right now, so that a backfill never brings back a deleted record (see {@code
 * docs/consistency.md} for the argument).
 *
 * <ul>
 *   <li>A dual-write delete records a <b>tombstone</b> for each id before the delete reaches the
 *       secondary. Tombstones are sticky: re-creating the id does not clear them, because the re-created
 *       record reaches the secondary by dual write anyway, while the backfill's copy of it, or of a
 *       relationship of the deleted node, may be older than the delete. The backfill skips tombstoned
 *       records and relationships with a tombstoned endpoint.
 *   <li>A backfill batch publishes a {@link BackfillClaim} before it checks tombstones and releases it
 *       after its insert. A delete from another process, after recording its tombstone, waits for
 *       overlapping claims of other owners to go before it deletes. Either the backfill sees the
 *       tombstone, or the delete sees the claim and lands after the insert.
 * </ul>
 *
 * <p>{@link InMemoryTombstoneStore} serves one process. Several application instances that dual-write
 * while one of them backfills must share one store: {@link GraphTombstoneStore} keeps it in a database
 * they all reach. Clear the store once the backfill is complete and validated.
 *
 * <p><b>What implementors must guarantee.</b> Each call is atomic and takes effect before it returns,
 * and calls from all processes appear in one order consistent with real time (a tombstone recorded
 * before a claim is read is seen by that read): the handshake above rests on it. Safe for concurrent
 * calls.
 *
 * <p>Thread-safe.
 */
public interface TombstoneStore extends AutoCloseable {

  /** Records that these node ids were deleted (ids as the secondary knows them). */
  void recordNodeDeletes(Collection<String> ids, Instant at);

  /** Records that these relationship ids were deleted. */
  void recordRelationshipDeletes(Collection<String> ids, Instant at);

  /** The ids among these that carry a node tombstone. */
  Set<String> deletedNodes(Collection<String> ids);

  /** The ids among these that carry a relationship tombstone. */
  Set<String> deletedRelationships(Collection<String> ids);

  /** Publishes a claim of a backfill batch; it lasts until released or until {@code until}. */
  BackfillClaim claim(String owner, Collection<String> nodeIds, Collection<String> relationshipIds, Instant until);

  /** Withdraws a claim; releasing one that is gone is not an error. */
  void release(BackfillClaim claim);

  /** The claims that have not expired at {@code now}, of every owner. */
  List<BackfillClaim> activeClaims(Instant now);

  /** The number of tombstones. */
  long size();

  /** Removes every tombstone: once the backfill is complete and validated. */
  void clear();

  /** Releases what the store holds; does not close a database it was given. Idempotent. */
  @Override
  void close();
}
