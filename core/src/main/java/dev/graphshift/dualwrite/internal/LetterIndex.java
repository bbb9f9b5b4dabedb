package dev.graphshift.dualwrite.internal;

import dev.graphshift.WriteMode;
import dev.graphshift.dualwrite.DeadLetter;
import dev.graphshift.dualwrite.NewDeadLetter;
import dev.graphshift.dualwrite.OrderingKey;
import dev.graphshift.dualwrite.WriteOperation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory index of a dead-letter queue, shared by the in-memory and the file queue: entries by
 * sequence, and per resource (a node or relationship id) how many entries name it, so that {@link
 * #blocks(Collection)} answers in O(keys) on the caller's path.
 *
 * <p><b>Design.</b> Order is the sequence, not arrival. {@link #takeDue(Instant, int, Predicate)} walks entries in
 * sequence order and remembers, for the walk, which resources earlier entries hold (exclusively or
 * shared); an entry is handed out only if it is pending, due, and conflicts with none of them, so a
 * later write of an id never overtakes an earlier one however entries fail, wait or park. The walk
 * stops after {@link #SCAN_LIMIT} entries so that one call stays bounded on a huge backlog. Coalescing
 * keeps, per resource, the newest entry naming it when known ({@code last}); when that entry leaves
 * while older ones stay, {@code last} becomes unknown and coalescing on that resource stops until the
 * resource empties: conservative, never wrong.
 *
 * <p>The owning queue holds its lock around every call.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public final class LetterIndex {

  /** How many entries one {@link #takeDue(Instant, int, Predicate)} walk looks at, at most. */
  public static final int SCAN_LIMIT = 200_000;

  /** One entry. Fields are the owning queue's to change, through the index's methods where counted. */
  public static final class Slot {
    public final long sequence;
    public final List<OrderingKey> keys;
    public final WriteOperation.Type type;
    public final WriteMode mode;
    public final String id;
    public int attempts;
    public final Instant enqueuedAt;
    public Instant nextAttemptAt;
    public List<String> failures;
    DeadLetter.State state;
    /** The operation, for queues that keep it in memory. */
    public @Nullable WriteOperation operation;
    /** Where the entry's record lies in a journal, for queues that keep operations on disk. */
    public long offset = -1;
    public int length;

    public Slot(NewDeadLetter letter) {
      this(letter.sequence(), letter.keys(), letter.operation(), letter.attempts(), letter.enqueuedAt(),
          letter.nextAttemptAt(), letter.failures(), letter.state());
    }

    public Slot(long sequence, List<OrderingKey> keys, WriteOperation operation, int attempts, Instant enqueuedAt,
        Instant nextAttemptAt, List<String> failures, DeadLetter.State state) {
      this.sequence = sequence;
      this.keys = List.copyOf(keys);
      this.type = operation.type();
      this.mode = operation.mode();
      this.id = operation.id();
      this.attempts = attempts;
      this.enqueuedAt = enqueuedAt;
      this.nextAttemptAt = nextAttemptAt;
      this.failures = List.copyOf(failures);
      this.state = state;
    }

    public DeadLetter.State state() {
      return state;
    }

    /** The entry as a value, with the operation given. */
    public DeadLetter toDeadLetter(WriteOperation op) {
      return new DeadLetter(sequence, op, keys, attempts, enqueuedAt, nextAttemptAt, failures, state);
    }
  }

  private static final class Resource {
    int all;
    int blocking;
    int blockingExclusive;
    @Nullable Slot last;
  }

  private final TreeMap<Long, Slot> slots = new TreeMap<>();
  private final Map<String, Resource> resources = new HashMap<>();
  private long waiting;
  private long parked;

  public @Nullable Slot get(long sequence) {
    return slots.get(sequence);
  }

  /** Entries in sequence order (a live view; do not change the index while iterating). */
  public Collection<Slot> inOrder() {
    return slots.values();
  }

  /** Adds an entry. */
  public void add(Slot slot) {
    if (slots.putIfAbsent(slot.sequence, slot) != null) {
      throw new IllegalArgumentException("sequence " + slot.sequence + " is in the queue already");
    }
    for (OrderingKey k : slot.keys) {
      Resource r = resources.computeIfAbsent(k.resource(), x -> new Resource());
      if (r.all == 0 || (r.last != null && slot.sequence > r.last.sequence)) {
        r.last = slot;
      }
      r.all++;
      if (slot.state != DeadLetter.State.SENDING) {
        block(r, k, 1);
      }
    }
    count(slot.state, 1);
  }

  /** Removes an entry; null if absent. */
  public @Nullable Slot remove(long sequence) {
    Slot slot = slots.remove(sequence);
    if (slot == null) {
      return null;
    }
    for (OrderingKey k : slot.keys) {
      Resource r = resources.get(k.resource());
      if (r == null) {
        continue;
      }
      r.all--;
      if (slot.state != DeadLetter.State.SENDING) {
        block(r, k, -1);
      }
      if (r.last == slot) {
        r.last = null;
      }
      if (r.all <= 0) {
        resources.remove(k.resource());
      }
    }
    count(slot.state, -1);
    return slot;
  }

  /** Moves an entry to another state, keeping the counts. */
  public void setState(Slot slot, DeadLetter.State next) {
    DeadLetter.State previous = slot.state;
    if (previous == next) {
      return;
    }
    boolean wasBlocking = previous != DeadLetter.State.SENDING;
    boolean isBlocking = next != DeadLetter.State.SENDING;
    if (wasBlocking != isBlocking) {
      for (OrderingKey k : slot.keys) {
        Resource r = resources.get(k.resource());
        if (r != null) {
          block(r, k, isBlocking ? 1 : -1);
        }
      }
    }
    count(previous, -1);
    slot.state = next;
    count(next, 1);
  }

  private static void block(Resource r, OrderingKey k, int delta) {
    r.blocking += delta;
    if (k.exclusive()) {
      r.blockingExclusive += delta;
    }
  }

  private void count(DeadLetter.State state, int delta) {
    if (state == DeadLetter.State.PARKED) {
      parked += delta;
    } else if (state != DeadLetter.State.SENDING) {
      waiting += delta;
    }
  }

  /** Whether an entry that is not SENDING conflicts with one of the keys. */
  public boolean blocks(Collection<OrderingKey> keys) {
    if (resources.isEmpty()) {
      return false;
    }
    for (OrderingKey k : keys) {
      Resource r = resources.get(k.resource());
      if (r != null && (k.exclusive() ? r.blocking > 0 : r.blockingExclusive > 0)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The entry an untried new entry can be folded into, or null: the newest entry of every resource the
   * new one names, pending, of the same type, mode, id and keys, with a lower sequence.
   */
  public @Nullable Slot coalesceTarget(NewDeadLetter letter) {
    if (!letter.coalesce() || letter.state() != DeadLetter.State.PENDING || letter.attempts() != 0
        || letter.keys().isEmpty()) {
      return null;
    }
    Slot candidate = null;
    for (OrderingKey k : letter.keys()) {
      Resource r = resources.get(k.resource());
      if (r == null || r.last == null || (candidate != null && r.last != candidate)) {
        return null;
      }
      candidate = r.last;
    }
    if (candidate == null
        || candidate.state != DeadLetter.State.PENDING
        || candidate.sequence >= letter.sequence()
        || candidate.type != letter.operation().type()
        || candidate.mode != letter.operation().mode()
        || !candidate.id.equals(letter.operation().id())
        || !candidate.keys.equals(letter.keys())) {
      return null;
    }
    return candidate;
  }

  /** Takes due, unblocked, eligible pending entries in sequence order and marks them RETRYING. */
  public List<Slot> takeDue(Instant now, int max, Predicate<List<OrderingKey>> eligible) {
    List<Slot> taken = new ArrayList<>(Math.min(max, 64));
    if (max <= 0 || waiting == 0) {
      return taken;
    }
    Set<String> heldExclusive = new HashSet<>();
    Set<String> held = new HashSet<>();
    int scanned = 0;
    for (Slot s : slots.values()) {
      if (taken.size() >= max || ++scanned > SCAN_LIMIT) {
        break;
      }
      boolean conflict = false;
      for (OrderingKey k : s.keys) {
        if (k.exclusive() ? held.contains(k.resource()) : heldExclusive.contains(k.resource())) {
          conflict = true;
          break;
        }
      }
      if (!conflict && s.state == DeadLetter.State.PENDING && !s.nextAttemptAt.isAfter(now)
          && eligible.test(s.keys)) {
        taken.add(s);
      }
      for (OrderingKey k : s.keys) {
        held.add(k.resource());
        if (k.exclusive()) {
          heldExclusive.add(k.resource());
        }
      }
    }
    for (Slot s : taken) {
      setState(s, DeadLetter.State.RETRYING);
    }
    return taken;
  }

  /** PENDING and RETRYING entries. */
  public long depth() {
    return waiting;
  }

  public long parkedCount() {
    return parked;
  }

  public long size() {
    return slots.size();
  }

  public long highestSequence() {
    return slots.isEmpty() ? -1 : slots.lastKey();
  }
}
