package dev.graphshift.repository;

import static java.util.Objects.requireNonNull;

import dev.graphshift.cutover.Side;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An asynchronous repository write that gave up (after its attempts, on a failure not worth retrying,
 * or because the proxy was full or closing), kept with its method and arguments for a human: {@link
 * DualRepository#replay(long)} tries it again, {@link DualRepository#discard(long, String)} drops it.
 *
 * <p>Parked writes live in the proxy's memory only: arguments are application objects that need not be
 * serializable. A listener of {@link RepositoryWriteParkedEvent} can journal them (when they are
 * serializable); otherwise the validator's full validation and repair, which compares the databases
 * themselves, is the safety net after a crash.
 *
 * <p>Immutable (the arguments are the application's objects, kept as they were given).
 *
 * @param sequence the entry's number, increasing per proxy
 * @param method the method's name and parameter types, e.g. {@code save(Person)}
 * @param key the routing key (empty for a write without one)
 * @param target which bean the write was for
 * @param arguments the call's arguments
 * @param attempts the attempts made
 * @param parkedAt when it was parked
 * @param reason why, with the last failure
 */
public record ParkedWrite(
    long sequence,
    String method,
    String key,
    Side target,
    List<@Nullable Object> arguments,
    int attempts,
    Instant parkedAt,
    String reason) {

  public ParkedWrite {
    requireNonNull(method, "method");
    requireNonNull(key, "key");
    requireNonNull(target, "target");
    arguments = Collections.unmodifiableList(Arrays.asList(arguments.toArray()));
    requireNonNull(parkedAt, "parkedAt");
    requireNonNull(reason, "reason");
  }
}
