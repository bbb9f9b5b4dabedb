package dev.graphshift;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A database could not be reached at all: connection refused, host unknown, the server stopped. Retry
 * later; a coordinator routes reads to the other side meanwhile.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class DatabaseUnavailableException extends TransientDatabaseException {

  public DatabaseUnavailableException(String database, String message, List<String> recordIds, @Nullable Throwable cause) {
    super(database, message, recordIds, cause);
  }

  public DatabaseUnavailableException(String database, String message, @Nullable Throwable cause) {
    super(database, message, cause);
  }
}
