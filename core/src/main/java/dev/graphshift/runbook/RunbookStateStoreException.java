package dev.graphshift.runbook;

import dev.graphshift.GraphShiftException;
import dev.graphshift.Retryable;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RunbookStateStore} could not be read or written in time, or holds a state it cannot parse.
 * A transition that cannot be stored does not happen (the handle keeps the phase it had); try again
 * once the store answers.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class RunbookStateStoreException extends GraphShiftException implements Retryable {

  /**
   * Creates an exception.
   *
   * @param store a description of the store (never a credential)
   * @param message what went wrong
   * @param cause the underlying failure, or null
   */
  public RunbookStateStoreException(String store, String message, @Nullable Throwable cause) {
    super(store, message, cause);
  }
}
