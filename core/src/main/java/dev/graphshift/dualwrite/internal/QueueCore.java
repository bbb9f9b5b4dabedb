package dev.graphshift.dualwrite.internal;

import dev.graphshift.dualwrite.DeadLetter;
import dev.graphshift.dualwrite.NewDeadLetter;
import dev.graphshift.dualwrite.OrderingKey;
import dev.graphshift.dualwrite.WriteOperation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logic of a dead-letter queue over a {@link LetterIndex} and a {@link Persistence}: the in-memory
 * queue persists nothing, the file queue journals every change. Every method runs under the queue's
 * one lock ({@code synchronized} on this object), which keeps the index and the journal in the same
 * order.
 *
 * <p>Thread-safe.
 */
public final class QueueCore {
  private static final Logger log = LoggerFactory.getLogger(QueueCore.class);

  /** Where a queue keeps its entries beyond the index. Called under the queue's lock. */
  public interface Persistence {
    /** Stores records for these entries, new or with a replaced operation (the ops, in the same order). */
    void write(List<LetterIndex.Slot> slots, List<WriteOperation> operations);

    /** Records that entries left the queue. */
    void removed(List<LetterIndex.Slot> slots);

    /** Records a failed attempt of these entries (their fields are updated already). */
    void failed(List<LetterIndex.Slot> slots, String failure);

    /** Records that entries were parked (their fields are updated already). */
    void parked(List<LetterIndex.Slot> slots, String reason);

    /** Records that an entry was unparked (its fields are updated already). */
    void unparked(LetterIndex.Slot slot);

    /** The operation of an entry. */
    WriteOperation load(LetterIndex.Slot slot);
  }

  private final String name;
  private final LetterIndex index;
  private final Persistence persistence;

  public QueueCore(String name, LetterIndex index, Persistence persistence) {
    this.name = name;
    this.index = index;
    this.persistence = persistence;
  }

  public synchronized List<DeadLetter> append(List<NewDeadLetter> letters) {
    List<LetterIndex.Slot> toWrite = new ArrayList<>(letters.size());
    List<WriteOperation> ops = new ArrayList<>(letters.size());
    List<LetterIndex.Slot> added = new ArrayList<>(letters.size());
    List<LetterIndex.Slot> resultSlots = new ArrayList<>(letters.size());
    for (NewDeadLetter letter : letters) {
      LetterIndex.Slot target = index.coalesceTarget(letter);
      if (target != null) {
        resultSlots.add(target);
        if (letter.operation().type() == WriteOperation.Type.UPSERT_NODE
            || letter.operation().type() == WriteOperation.Type.UPSERT_RELATIONSHIP) {
          toWrite.add(target);
          ops.add(letter.operation());
        }
        continue;
      }
      LetterIndex.Slot slot = new LetterIndex.Slot(letter);
      try {
        index.add(slot);
      } catch (IllegalArgumentException e) {
        for (LetterIndex.Slot s : added) {
          index.remove(s.sequence);
        }
        throw e;
      }
      added.add(slot);
      resultSlots.add(slot);
      toWrite.add(slot);
      ops.add(letter.operation());
    }
    try {
      if (!toWrite.isEmpty()) {
        persistence.write(toWrite, ops);
      }
    } catch (RuntimeException e) {
      for (LetterIndex.Slot s : added) {
        index.remove(s.sequence);
      }
      throw e;
    }
    List<DeadLetter> result = new ArrayList<>(letters.size());
    for (int i = 0; i < letters.size(); i++) {
      result.add(resultSlots.get(i).toDeadLetter(letters.get(i).operation()));
    }
    return result;
  }

  public synchronized boolean blocks(Collection<OrderingKey> keys) {
    return index.blocks(keys);
  }

  public synchronized List<DeadLetter> takeDue(Instant now, int max, Predicate<List<OrderingKey>> eligible) {
    List<LetterIndex.Slot> slots = index.takeDue(now, max, eligible);
    List<DeadLetter> result = new ArrayList<>(slots.size());
    try {
      for (LetterIndex.Slot s : slots) {
        result.add(s.toDeadLetter(persistence.load(s)));
      }
    } catch (RuntimeException e) {
      for (LetterIndex.Slot s : slots) {
        index.setState(s, DeadLetter.State.PENDING);
      }
      throw e;
    }
    return result;
  }

  /** Removes entries; returns those removed. */
  public synchronized List<LetterIndex.Slot> ack(Collection<Long> sequences) {
    List<LetterIndex.Slot> removed = new ArrayList<>(sequences.size());
    for (Long seq : sequences) {
      LetterIndex.Slot s = index.remove(seq);
      if (s != null) {
        removed.add(s);
      }
    }
    if (!removed.isEmpty()) {
      persistence.removed(removed);
    }
    return removed;
  }

  public synchronized void retryLater(Map<Long, Instant> nextAttempts, String failure) {
    List<LetterIndex.Slot> changed = new ArrayList<>(nextAttempts.size());
    for (Map.Entry<Long, Instant> e : nextAttempts.entrySet()) {
      LetterIndex.Slot s = owned(e.getKey(), "retryLater");
      if (s == null) {
        continue;
      }
      s.attempts++;
      s.failures = DeadLetter.withFailure(s.failures, failure);
      s.nextAttemptAt = e.getValue();
      index.setState(s, DeadLetter.State.PENDING);
      changed.add(s);
    }
    if (!changed.isEmpty()) {
      persistence.failed(changed, failure);
    }
  }

  public synchronized void release(Collection<Long> sequences, Instant nextAttemptAt) {
    for (Long seq : sequences) {
      LetterIndex.Slot s = owned(seq, "release");
      if (s != null) {
        s.nextAttemptAt = nextAttemptAt;
        index.setState(s, DeadLetter.State.PENDING);
      }
    }
  }

  private LetterIndex.@Nullable Slot owned(long seq, String what) {
    LetterIndex.Slot s = index.get(seq);
    if (s == null) {
      return null;
    }
    if (s.state() != DeadLetter.State.RETRYING && s.state() != DeadLetter.State.SENDING) {
      throw new IllegalStateException(what + " of dead letter " + seq + " in state " + s.state()
          + " of queue '" + name + "': only RETRYING or SENDING entries can be released or failed");
    }
    return s;
  }

  public synchronized void park(Collection<Long> sequences, String reason) {
    List<LetterIndex.Slot> changed = new ArrayList<>(sequences.size());
    for (Long seq : sequences) {
      LetterIndex.Slot s = index.get(seq);
      if (s == null || s.state() == DeadLetter.State.PARKED) {
        continue;
      }
      s.failures = DeadLetter.withFailure(s.failures, reason);
      index.setState(s, DeadLetter.State.PARKED);
      changed.add(s);
    }
    if (!changed.isEmpty()) {
      persistence.parked(changed, reason);
    }
  }

  public synchronized boolean unpark(long sequence, Instant now) {
    LetterIndex.Slot s = index.get(sequence);
    if (s == null || s.state() != DeadLetter.State.PARKED) {
      return false;
    }
    s.attempts = 0;
    s.nextAttemptAt = now;
    index.setState(s, DeadLetter.State.PENDING);
    persistence.unparked(s);
    log.info("graphshift.dlq.unparked name={} sequence={} id={}", name, sequence, s.id);
    return true;
  }

  public synchronized boolean discard(long sequence, String reason) {
    List<LetterIndex.Slot> removed = ack(List.of(sequence));
    if (removed.isEmpty()) {
      return false;
    }
    LetterIndex.Slot s = removed.get(0);
    log.warn("graphshift.dlq.discarded name={} sequence={} type={} id={} reason={}", name, sequence, s.type, s.id,
        reason);
    return true;
  }

  public synchronized Optional<DeadLetter> get(long sequence) {
    LetterIndex.Slot s = index.get(sequence);
    return s == null ? Optional.empty() : Optional.of(s.toDeadLetter(persistence.load(s)));
  }

  public synchronized List<DeadLetter> list(int limit, boolean parkedOnes) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    List<DeadLetter> result = new ArrayList<>(Math.min(limit, 256));
    for (LetterIndex.Slot s : index.inOrder()) {
      if (result.size() >= limit) {
        break;
      }
      if ((s.state() == DeadLetter.State.PARKED) == parkedOnes) {
        result.add(s.toDeadLetter(persistence.load(s)));
      }
    }
    return result;
  }

  public synchronized long depth() {
    return index.depth();
  }

  public synchronized long parkedCount() {
    return index.parkedCount();
  }

  public synchronized long size() {
    return index.size();
  }

  public synchronized long highestSequence() {
    return index.highestSequence();
  }
}
