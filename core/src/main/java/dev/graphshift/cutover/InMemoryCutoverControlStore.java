package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link CutoverControlStore} in memory: shares the lever between routers in one JVM (several
 * routers over the same pair of databases, tests). A router without a configured store uses a private
 * one of these.
 *
 * <p><b>Design.</b> One concurrent map from router name to state; a compare-and-set is one atomic
 * {@code compute} on the router's entry, so it is linearizable per router and never blocks another.
 *
 * <p>Thread-safe.
 */
public final class InMemoryCutoverControlStore implements CutoverControlStore {
  private final ConcurrentHashMap<String, CutoverState> states = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryCutoverControlStore() {}

  @Override
  public Optional<CutoverState> read(String router) {
    return Optional.ofNullable(states.get(requireNonNull(router, "router")));
  }

  @Override
  public boolean compareAndSet(String router, long expectedVersion, CutoverState next) {
    requireNonNull(router, "router");
    requireNonNull(next, "next");
    CutoverControlStore.checkNextVersion(expectedVersion, next);
    boolean[] stored = {false};
    states.compute(router, (k, current) -> {
      long version = current == null ? 0 : current.version();
      if (version != expectedVersion) {
        return current;
      }
      stored[0] = true;
      return next;
    });
    return stored[0];
  }

  @Override
  public String toString() {
    return "InMemoryCutoverControlStore[" + states.size() + " routers]";
  }
}
