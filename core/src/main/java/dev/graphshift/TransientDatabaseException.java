package dev.graphshift;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A database failed in a way that may pass: a timeout, an overloaded server, a write conflict (Neptune's
 * {@code ConcurrentModificationException}), a 503. Retry the same request later, with backoff.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class TransientDatabaseException extends DatabaseException implements Retryable {

  public TransientDatabaseException(String database, String message, List<String> recordIds, @Nullable Throwable cause) {
    super(database, message, recordIds, cause);
  }

  public TransientDatabaseException(String database, String message, @Nullable Throwable cause) {
    super(database, message, cause);
  }
}
