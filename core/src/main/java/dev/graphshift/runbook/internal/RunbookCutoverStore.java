package dev.graphshift.runbook.internal;

import static java.util.Objects.requireNonNull;

import dev.graphshift.cutover.CutoverControlStore;
import dev.graphshift.cutover.CutoverControlStoreException;
import dev.graphshift.cutover.CutoverState;
import dev.graphshift.runbook.RunbookState;
import dev.graphshift.runbook.RunbookStateStore;
import dev.graphshift.runbook.RunbookStateStoreException;
import java.time.Clock;
import java.util.Optional;

/**
 * The cutover router's control store kept inside the runbook's state, so that one store (one file by
 * default) holds the phase and the cutover share, and a restarted runbook resumes the cutover where it
 * stood. A compare-and-set of the cutover's state is a compare-and-set of the runbook's state that
 * changes only its cutover part; a change of the runbook's other parts in between makes it read and try
 * again, never fail.
 *
 * <p>Thread-safe.
 */
public final class RunbookCutoverStore implements CutoverControlStore {
  private static final int MAX_ATTEMPTS = 32;

  private final RunbookStateStore store;
  private final String runbook;
  private final String router;
  private final Clock clock;

  /** The cutover state of router {@code router} inside runbook {@code runbook}'s state. */
  public RunbookCutoverStore(RunbookStateStore store, String runbook, String router, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.runbook = requireNonNull(runbook, "runbook");
    this.router = requireNonNull(router, "router");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Optional<CutoverState> read(String routerName) {
    check(routerName);
    try {
      return store.read(runbook).flatMap(RunbookState::cutover);
    } catch (RunbookStateStoreException e) {
      throw new CutoverControlStoreException(describe(), "cannot read the runbook's state", e);
    }
  }

  @Override
  public boolean compareAndSet(String routerName, long expectedVersion, CutoverState next) {
    check(routerName);
    requireNonNull(next, "next");
    CutoverControlStore.checkNextVersion(expectedVersion, next);
    try {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        RunbookState s = store.read(runbook).orElseThrow(() -> new CutoverControlStoreException(describe(),
            "the runbook's state is missing", null));
        long stored = s.cutover().map(CutoverState::version).orElse(0L);
        if (stored != expectedVersion) {
          return false;
        }
        if (store.compareAndSet(runbook, s.version(), s.withCutover(Optional.of(next), clock.instant()))) {
          return true;
        }
      }
    } catch (RunbookStateStoreException e) {
      throw new CutoverControlStoreException(describe(), "cannot write the runbook's state", e);
    }
    throw new CutoverControlStoreException(describe(), "the runbook's state kept changing; " + MAX_ATTEMPTS
        + " attempts failed", null);
  }

  private void check(String routerName) {
    requireNonNull(routerName, "router");
    if (!router.equals(routerName)) {
      throw new IllegalArgumentException("this store holds the state of router '" + router + "' only, not '"
          + routerName + "'");
    }
  }

  private String describe() {
    return "runbook '" + runbook + "' in " + store;
  }

  @Override
  public String toString() {
    return "RunbookCutoverStore[" + runbook + "/" + router + " in " + store + "]";
  }
}
