package dev.graphshift.dualwrite;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where writes wait that the secondary has not applied: failed ones waiting for a retry, ones that
 * had to queue behind them, ones spilled when the secondary fell behind, and (with outbox delivery)
 * every write ahead of its send. Entries past the maximum number of attempts, or with a permanent
 * failure, are parked for a human; no entry is ever dropped except by {@link #ack(Collection)} after it
 * was applied, or by a human's {@link #discard(long, String)}.
 *
 * <p>Two implementations: {@link InMemoryDeadLetterQueue} for tests, and {@link FileDeadLetterQueue},
 * an append-only journal that survives a crash, the default of {@link DualWriteCoordinator}.
 *
 * <p><b>What implementors must guarantee.</b>
 *
 * <ul>
 *   <li><b>Order.</b> {@link #takeDue(Instant, int)} hands out an entry only when no entry with a lower
 *       sequence that conflicts with it ({@link OrderingKey#conflictsWith(OrderingKey)}) is still in
 *       the queue, whatever that entry's state (pending, retrying, sending or parked). Entries may be
 *       appended out of sequence order; the order is the sequence, not the arrival.
 *   <li><b>Blocking.</b> {@link #blocks(Collection)} answers whether an entry that is not {@code
 *       SENDING} conflicts with the keys: the coordinator sends a write directly only when it is false,
 *       and queues it behind otherwise.
 *   <li><b>Coalescing, if any, is safe.</b> An implementation may fold a new entry marked {@link
 *       NewDeadLetter#coalesce()} (untried, {@code PENDING}) into the newest entry of the same id when
 *       that entry is {@code PENDING}, has a lower sequence, the same type, mode and keys, and no other
 *       entry names those resources after it: a later upsert then replaces the earlier one's record in
 *       place, a repeated delete adds nothing. Both built-in queues do, so that a long outage costs one
 *       entry per id rather than one per write.
 *   <li><b>Durability</b> is the implementation's to document (see {@link FileDeadLetterQueue}); state
 *       changes other than append may be lost in a crash, which replays an entry once more (writes are
 *       idempotent). {@code RETRYING} and {@code SENDING} do not survive a restart: such entries come
 *       back {@code PENDING}.
 *   <li>Safe for concurrent calls. One queue serves one coordinator.
 * </ul>
 *
 * <p>Thread-safe.
 */
public interface DeadLetterQueue extends AutoCloseable {

  /** The name of the queue, for logs, events and exceptions. */
  String name();

  /**
   * Adds entries. Returns, for each new entry in order, the entry it became (itself, or the entry it
   * was coalesced into).
   *
   * @throws DeadLetterQueueException if the entries could not be stored
   * @throws IllegalArgumentException if a sequence is in the queue already (and the entry is not
   *     coalesced)
   */
  List<DeadLetter> append(List<NewDeadLetter> letters);

  /** Whether an entry that is not {@code SENDING} conflicts with one of these keys. */
  boolean blocks(Collection<OrderingKey> keys);

  /**
   * Takes up to {@code max} entries that are {@code PENDING}, due at {@code now}, and not behind a
   * conflicting entry with a lower sequence, in sequence order, and marks them {@code RETRYING}. No two
   * entries returned together conflict.
   */
  default List<DeadLetter> takeDue(Instant now, int max) {
    return takeDue(now, max, keys -> true);
  }

  /**
   * As {@link #takeDue(Instant, int)}, taking only entries whose keys {@code eligible} accepts; an entry
   * it refuses stays {@code PENDING} and keeps holding back later conflicting entries. The predicate is
   * evaluated while the queue holds its lock, atomically with the choice: the coordinator refuses
   * entries that a dual write still queued for the secondary conflicts with (that write may yet enter
   * the queue ahead of them). It must be quick and must not call back into the queue.
   */
  List<DeadLetter> takeDue(Instant now, int max, Predicate<List<OrderingKey>> eligible);

  /** Removes entries that were applied (or rejected with a reason). Unknown sequences are ignored. */
  void ack(Collection<Long> sequences);

  /**
   * Records a failed attempt of {@code RETRYING} or {@code SENDING} entries: one more attempt, the
   * failure added to their history, {@code PENDING} again, due at the given instants.
   */
  void retryLater(Map<Long, Instant> nextAttempts, String failure);

  /** Puts {@code RETRYING} or {@code SENDING} entries back to {@code PENDING} without counting an attempt. */
  void release(Collection<Long> sequences, Instant nextAttemptAt);

  /** Parks entries for a human; the reason is added to their history. They keep blocking their keys. */
  void park(Collection<Long> sequences, String reason);

  /**
   * A human's replay of a parked entry: it becomes {@code PENDING} and due at {@code now}, with its
   * attempts reset to 0 (its failure history is kept).
   *
   * @return whether the entry was parked
   */
  boolean unpark(long sequence, Instant now);

  /**
   * A human's decision to drop an entry without applying it (for example after repairing the record by
   * hand). The coordinator never calls this.
   *
   * @return whether the entry existed
   */
  boolean discard(long sequence, String reason);

  /** The entry with this sequence, if it is in the queue. */
  Optional<DeadLetter> get(long sequence);

  /** Up to {@code limit} entries that are not parked, in sequence order. */
  List<DeadLetter> pending(int limit);

  /** Up to {@code limit} parked entries, in sequence order. */
  List<DeadLetter> parked(int limit);

  /** The number of entries waiting or being retried: {@code PENDING} and {@code RETRYING}. */
  long depth();

  /** The number of parked entries. */
  long parkedCount();

  /** The number of entries in the queue, in every state. */
  long size();

  /** The highest sequence in the queue, or -1 when it is empty. */
  long highestSequence();

  /** Releases the queue's resources; idempotent. */
  @Override
  void close();
}
