package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link RunbookStateStore} in memory: for tests, and for runbooks that need not survive the process.
 * Two runbooks built over one instance behave like two processes over one file.
 *
 * <p>Thread-safe.
 */
public final class InMemoryRunbookStateStore implements RunbookStateStore {
  private final ConcurrentMap<String, RunbookState> states = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryRunbookStateStore() {}

  @Override
  public Optional<RunbookState> read(String runbook) {
    requireNonNull(runbook, "runbook");
    return Optional.ofNullable(states.get(runbook));
  }

  @Override
  public boolean compareAndSet(String runbook, long expectedVersion, RunbookState next) {
    requireNonNull(runbook, "runbook");
    requireNonNull(next, "next");
    RunbookStateStore.checkNext(runbook, expectedVersion, next);
    if (expectedVersion == 0) {
      return states.putIfAbsent(runbook, next) == null;
    }
    boolean[] stored = {false};
    states.computeIfPresent(runbook, (k, current) -> {
      if (current.version() != expectedVersion) {
        return current;
      }
      stored[0] = true;
      return next;
    });
    return stored[0];
  }

  @Override
  public String toString() {
    return "InMemoryRunbookStateStore[" + states.keySet() + "]";
  }
}
