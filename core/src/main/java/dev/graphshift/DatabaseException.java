package dev.graphshift;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A database failed to do what was asked, permanently: retrying the same request will not help (bad
 * credentials, a malformed request, a server-side constraint). Names the database and, for writes, the
 * ids of the records the failed request carried.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class DatabaseException extends GraphShiftException {
  private final String database;
  private final List<String> recordIds;

  /**
   * Creates an exception.
   *
   * @param database the name of the database
   * @param message what went wrong, without credentials
   * @param recordIds the ids of the records the failed request carried, possibly none
   * @param cause the driver's exception, or null
   */
  public DatabaseException(String database, String message, List<String> recordIds, @Nullable Throwable cause) {
    super(database, message + describe(recordIds), cause);
    this.database = database;
    this.recordIds = List.copyOf(recordIds);
  }

  public DatabaseException(String database, String message, @Nullable Throwable cause) {
    this(database, message, List.of(), cause);
  }

  private static String describe(List<String> ids) {
    if (ids.isEmpty()) {
      return "";
    }
    int shown = Math.min(ids.size(), 10);
    return " (records: " + String.join(", ", ids.subList(0, shown))
        + (ids.size() > shown ? ", ... " + (ids.size() - shown) + " more" : "") + ")";
  }

  /** The name of the database that failed. */
  public String database() {
    return database;
  }

  /** The ids of the records the failed request carried, possibly none. */
  public List<String> recordIds() {
    return recordIds;
  }
}
