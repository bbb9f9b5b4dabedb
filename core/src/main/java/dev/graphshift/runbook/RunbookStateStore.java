package dev.graphshift.runbook;

import java.util.Optional;

/**
 * Keeps a {@link RunbookState} across restarts and shares it between the processes that run one
 * migration (the application's instances, an operator's tool).
 *
 * <p><b>Protocol</b> (the one of {@link dev.graphshift.cutover.CutoverControlStore}). {@link
 * #read(String)} returns the latest state of a runbook by name; {@link #compareAndSet(String, long,
 * RunbookState)} stores {@code next} only if the stored version is still {@code expectedVersion} (0 when
 * nothing is stored yet), and {@code next} must carry {@code expectedVersion + 1}. The runbook applies
 * every change as read–change–compare-and-set, so a change made by another process is never lost: the
 * runbook that loses the race reads again, and refuses a transition when the phase it started from is
 * no longer the stored one.
 *
 * <p><b>Implementations.</b> {@link FileRunbookStateStore} (the default: one JSON file per runbook,
 * replaced atomically) and {@link InMemoryRunbookStateStore} (tests, and runbooks that need not survive
 * the process). A store over a SQL table or a key-value store implements the compare-and-set as a
 * conditional update on the version, as {@link dev.graphshift.cutover.CutoverControlStore} describes.
 *
 * <p>Implementations must be thread-safe, linearizable per runbook, and bounded in time: a store that
 * cannot answer throws {@link RunbookStateStoreException} within its timeout.
 */
public interface RunbookStateStore {

  /**
   * The latest state of a runbook, or empty if none was stored.
   *
   * @throws RunbookStateStoreException if the store cannot be read
   */
  Optional<RunbookState> read(String runbook);

  /**
   * Stores {@code next} if the stored version of the runbook's state is {@code expectedVersion} (0 for
   * none stored).
   *
   * @return true if stored; false if another change was stored first
   * @throws IllegalArgumentException if {@code next.version()} is not {@code expectedVersion + 1}, or
   *     {@code next} belongs to another runbook
   * @throws RunbookStateStoreException if the store cannot be written
   */
  boolean compareAndSet(String runbook, long expectedVersion, RunbookState next);

  /** Checks the rules of {@link #compareAndSet(String, long, RunbookState)}; for implementors. */
  static void checkNext(String runbook, long expectedVersion, RunbookState next) {
    if (!runbook.equals(next.runbook())) {
      throw new IllegalArgumentException("the state of runbook '" + next.runbook() + "' cannot be stored as runbook '"
          + runbook + "'");
    }
    if (expectedVersion < 0 || next.version() != expectedVersion + 1) {
      throw new IllegalArgumentException("the next state must carry version " + (expectedVersion + 1)
          + " after version " + expectedVersion + ", not " + next.version());
    }
  }
}
