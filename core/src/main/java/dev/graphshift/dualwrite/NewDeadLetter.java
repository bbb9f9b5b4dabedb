package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * An entry to add to a {@link DeadLetterQueue}.
 *
 * <p>Immutable.
 *
 * @param sequence the coordinator's ticket of the write; unique, and increasing in the order the primary
 *     applied conflicting writes (it may arrive out of order with respect to non-conflicting entries
 *     and to entries of other tickets)
 * @param operation the write, in the primary's form
 * @param keys its ordering keys on the secondary
 * @param attempts how many attempts have failed already (0 for a write that was never tried)
 * @param enqueuedAt now
 * @param nextAttemptAt when it may be tried
 * @param failures the failed attempts so far
 * @param state {@code PENDING}, {@code SENDING} (outbox: journaled ahead of a send in progress) or
 *     {@code PARKED}
 * @param coalesce whether the queue may fold this untried write into the newest pending entry of its
 *     id (see {@link DeadLetterQueue}); the coordinator allows it only when no earlier write of those ids
 *     is still on its way to the queue, since one arriving later would land behind the folded write
 */
public record NewDeadLetter(
    long sequence,
    WriteOperation operation,
    List<OrderingKey> keys,
    int attempts,
    Instant enqueuedAt,
    Instant nextAttemptAt,
    List<String> failures,
    DeadLetter.State state,
    boolean coalesce) {

  public NewDeadLetter {
    requireNonNull(operation, "operation");
    keys = List.copyOf(keys);
    requireNonNull(enqueuedAt, "enqueuedAt");
    requireNonNull(nextAttemptAt, "nextAttemptAt");
    failures = List.copyOf(failures);
    requireNonNull(state, "state");
    if (state == DeadLetter.State.RETRYING) {
      throw new IllegalArgumentException("a new entry cannot be RETRYING");
    }
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative: " + attempts);
    }
  }

  /** A write that was never tried, due at once, not to be coalesced. */
  public static NewDeadLetter untried(long sequence, WriteOperation operation, List<OrderingKey> keys, Instant now) {
    return new NewDeadLetter(sequence, operation, keys, 0, now, now, List.of(), DeadLetter.State.PENDING, false);
  }

  /** This entry, with coalescing allowed or not. */
  public NewDeadLetter withCoalesce(boolean value) {
    return new NewDeadLetter(sequence, operation, keys, attempts, enqueuedAt, nextAttemptAt, failures, state, value);
  }
}
