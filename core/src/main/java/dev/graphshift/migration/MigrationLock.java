package dev.graphshift.migration;

import java.time.Instant;

/**
 * The migration lock of a target, held by one run; closing it releases it.
 *
 * <p>Implementations must be thread-safe.
 */
public interface MigrationLock extends AutoCloseable {

  /** Who holds it. */
  String owner();

  /** Since when. */
  Instant acquiredAt();

  /** Releases the lock; idempotent. */
  @Override
  void close();
}
