package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An entry of a {@link DeadLetterQueue}: one write the secondary has not applied yet, with its place in
 * the order of writes and its history of failed attempts.
 *
 * <p>Immutable.
 *
 * @param sequence the entry's place in the order of writes: the coordinator's ticket, increasing in the
 *     order the primary applied conflicting writes; entries are replayed in this order
 * @param operation the write, in the primary's form
 * @param keys the ordering keys of the write on the secondary
 * @param attempts how many attempts to apply it have failed
 * @param enqueuedAt when it entered the queue
 * @param nextAttemptAt when it may be tried again
 * @param failures the failed attempts, oldest first, each described in one line (at most {@link
 *     #MAX_FAILURES_KEPT}, each at most {@link #MAX_FAILURE_LENGTH} characters)
 * @param state where the entry stands
 */
public record DeadLetter(
    long sequence,
    WriteOperation operation,
    List<OrderingKey> keys,
    int attempts,
    Instant enqueuedAt,
    Instant nextAttemptAt,
    List<String> failures,
    State state) {

  /** How many failure descriptions an entry keeps (the oldest is dropped first). */
  public static final int MAX_FAILURES_KEPT = 16;
  /** How long one failure description may be, in characters. */
  public static final int MAX_FAILURE_LENGTH = 500;

  /** Where an entry stands. Only {@code PENDING} and {@code PARKED} survive a restart. */
  public enum State {
    /** Waiting to be tried (again) once due and once every earlier conflicting entry is gone. */
    PENDING,
    /** Taken by the retry worker and being tried now. */
    RETRYING,
    /** Journaled ahead of a send that is in progress (outbox delivery); acknowledged when it succeeds. */
    SENDING,
    /** Given up on: too many attempts or a permanent failure. Waits for a human. */
    PARKED
  }

  public DeadLetter {
    requireNonNull(operation, "operation");
    keys = List.copyOf(keys);
    requireNonNull(enqueuedAt, "enqueuedAt");
    requireNonNull(nextAttemptAt, "nextAttemptAt");
    failures = List.copyOf(failures);
    requireNonNull(state, "state");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative: " + attempts);
    }
  }

  /** The description of the last failed attempt, if any. */
  public Optional<String> lastFailure() {
    return failures.isEmpty() ? Optional.empty() : Optional.of(failures.get(failures.size() - 1));
  }

  /** Whether the entry waits for a human. */
  public boolean parked() {
    return state == State.PARKED;
  }

  /** A failure description cut to {@link #MAX_FAILURE_LENGTH} characters. */
  public static String trimFailure(String failure) {
    return failure.length() <= MAX_FAILURE_LENGTH ? failure : failure.substring(0, MAX_FAILURE_LENGTH - 3) + "...";
  }

  /** The failure history with one more failure, keeping the newest {@link #MAX_FAILURES_KEPT}. */
  public static List<String> withFailure(List<String> failures, String failure) {
    int keep = Math.min(failures.size(), MAX_FAILURES_KEPT - 1);
    java.util.ArrayList<String> next = new java.util.ArrayList<>(keep + 1);
    next.addAll(failures.subList(failures.size() - keep, failures.size()));
    next.add(trimFailure(failure));
    return List.copyOf(next);
  }

  @Override
  public String toString() {
    return "DeadLetter[" + sequence + " " + operation.type() + " '" + operation.id() + "' " + state
        + ", attempts=" + attempts + "]";
  }
}
