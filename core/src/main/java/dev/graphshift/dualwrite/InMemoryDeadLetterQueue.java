package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import dev.graphshift.dualwrite.internal.LetterIndex;
import dev.graphshift.dualwrite.internal.QueueCore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link DeadLetterQueue} held in memory: for tests and for deployments that accept losing the
 * queue in a crash (the validator's repair then finds what it held). Its memory grows with the entries
 * it holds, one per id at most for untried writes (they coalesce), so an outage costs memory in
 * proportion to the ids written during it; use {@link FileDeadLetterQueue} outside tests.
 *
 * <p>Thread-safe.
 */
public final class InMemoryDeadLetterQueue implements DeadLetterQueue {

  /** The name of a queue created without one. */
  public static final String DEFAULT_NAME = "in-memory-dead-letters";

  private static final QueueCore.Persistence MEMORY = new QueueCore.Persistence() {
    @Override
    public void write(List<LetterIndex.Slot> slots, List<WriteOperation> operations) {
      for (int i = 0; i < slots.size(); i++) {
        slots.get(i).operation = operations.get(i);
      }
    }

    @Override
    public void removed(List<LetterIndex.Slot> slots) {}

    @Override
    public void failed(List<LetterIndex.Slot> slots, String failure) {}

    @Override
    public void parked(List<LetterIndex.Slot> slots, String reason) {}

    @Override
    public void unparked(LetterIndex.Slot slot) {}

    @Override
    public WriteOperation load(LetterIndex.Slot slot) {
      return requireNonNull(slot.operation, "operation");
    }
  };

  private final String name;
  private final QueueCore core;

  private InMemoryDeadLetterQueue(String name) {
    this.name = name;
    this.core = new QueueCore(name, new LetterIndex(), MEMORY);
  }

  /** An empty queue named {@link #DEFAULT_NAME}. */
  public static InMemoryDeadLetterQueue create() {
    return new InMemoryDeadLetterQueue(DEFAULT_NAME);
  }

  /**
   * An empty queue with a name.
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public static InMemoryDeadLetterQueue named(String name) {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    return new InMemoryDeadLetterQueue(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<DeadLetter> append(List<NewDeadLetter> letters) {
    return core.append(letters);
  }

  @Override
  public boolean blocks(Collection<OrderingKey> keys) {
    return core.blocks(keys);
  }

  @Override
  public List<DeadLetter> takeDue(Instant now, int max, Predicate<List<OrderingKey>> eligible) {
    return core.takeDue(now, max, eligible);
  }

  @Override
  public void ack(Collection<Long> sequences) {
    core.ack(sequences);
  }

  @Override
  public void retryLater(Map<Long, Instant> nextAttempts, String failure) {
    core.retryLater(nextAttempts, failure);
  }

  @Override
  public void release(Collection<Long> sequences, Instant nextAttemptAt) {
    core.release(sequences, nextAttemptAt);
  }

  @Override
  public void park(Collection<Long> sequences, String reason) {
    core.park(sequences, reason);
  }

  @Override
  public boolean unpark(long sequence, Instant now) {
    return core.unpark(sequence, now);
  }

  @Override
  public boolean discard(long sequence, String reason) {
    return core.discard(sequence, reason);
  }

  @Override
  public Optional<DeadLetter> get(long sequence) {
    return core.get(sequence);
  }

  @Override
  public List<DeadLetter> pending(int limit) {
    return core.list(limit, false);
  }

  @Override
  public List<DeadLetter> parked(int limit) {
    return core.list(limit, true);
  }

  @Override
  public long depth() {
    return core.depth();
  }

  @Override
  public long parkedCount() {
    return core.parkedCount();
  }

  @Override
  public long size() {
    return core.size();
  }

  @Override
  public long highestSequence() {
    return core.highestSequence();
  }

  /** Nothing to release. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "InMemoryDeadLetterQueue[" + name + ", " + size() + " entries]";
  }
}
