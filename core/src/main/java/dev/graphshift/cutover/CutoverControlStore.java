package dev.graphshift.cutover;

import java.util.Optional;

/**
 * Shares the state of a cutover ({@link CutoverState}: the share, the phase, where the schedule stands)
 * between every application instance, so that they all follow the same lever: a rollback pulled on one
 * instance, by an operator or a health gate, reaches every instance at its next poll.
 *
 * <p><b>Protocol.</b> Each state carries a version. {@link #read(String)} returns the latest state of a
 * router (by its name); {@link #compareAndSet(String, long, CutoverState)} stores {@code next} only if
 * the stored version is still {@code expectedVersion} (0 when nothing is stored yet), and {@code next}
 * must carry {@code expectedVersion + 1}. The router applies every change (advance, share, pause, resume)
 * as read–change–compare-and-set, retrying on conflict, and polls {@link #read(String)} at its poll
 * interval to follow the others. A rollback flips the local router first, at once, and is then written
 * until the store accepts it; until then the local router ignores any stored state that is not rolled
 * back.
 *
 * <p><b>Implementations.</b> {@link InMemoryCutoverControlStore} (routers in one JVM, and tests), {@link
 * FileCutoverControlStore} (several JVMs on one host, a shared directory), {@link
 * GraphDatabaseCutoverControlStore} (any fleet: a control record in a {@link
 * dev.graphshift.GraphDatabase} every instance reaches, typically the primary). A store over a SQL table
 * would hold one row per router and implement the compare-and-set as {@code UPDATE cutover SET ...,
 * version = ? WHERE router = ? AND version = ?} (one row updated means success), with an {@code INSERT}
 * for version 0 that fails on the primary key if another instance got there first; over etcd, Consul or
 * ZooKeeper, as their native compare-and-swap on a key's modification index.
 *
 * <p>Implementations must be thread-safe, linearizable per router (a compare-and-set either wins or
 * sees the winner), and bounded in time: a store that cannot answer throws {@link
 * CutoverControlStoreException} within its configured timeout rather than blocking the router.
 */
public interface CutoverControlStore {

  /**
   * The latest state of a router, or empty if none was stored.
   *
   * @throws CutoverControlStoreException if the store cannot be read
   */
  Optional<CutoverState> read(String router);

  /**
   * Stores {@code next} if the stored version of the router's state is {@code expectedVersion} (0 for
   * none stored).
   *
   * @return true if stored; false if another instance changed the state first
   * @throws IllegalArgumentException if {@code next.version()} is not {@code expectedVersion + 1}
   * @throws CutoverControlStoreException if the store cannot be written
   */
  boolean compareAndSet(String router, long expectedVersion, CutoverState next);

  /** Checks the version rule of {@link #compareAndSet(String, long, CutoverState)}; for implementors. */
  static void checkNextVersion(long expectedVersion, CutoverState next) {
    if (expectedVersion < 0 || next.version() != expectedVersion + 1) {
      throw new IllegalArgumentException("the next state must carry version " + (expectedVersion + 1)
          + " after version " + expectedVersion + ", not " + next.version());
    }
  }
}
