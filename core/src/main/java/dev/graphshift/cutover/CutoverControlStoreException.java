package dev.graphshift.cutover;

import dev.graphshift.GraphShiftException;
import dev.graphshift.Retryable;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CutoverControlStore} could not be read or written in time. The router logs and counts it,
 * keeps routing by the state it last knew, and tries again at its next poll; a rollback stays in force
 * locally until the store accepts it.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class CutoverControlStoreException extends GraphShiftException implements Retryable {

  /**
   * Creates an exception.
   *
   * @param store a description of the store (never a credential)
   * @param message what went wrong
   * @param cause the underlying failure, or null
   */
  public CutoverControlStoreException(String store, String message, @Nullable Throwable cause) {
    super(store, message, cause);
  }
}
