package dev.graphshift.dualwrite;

import dev.graphshift.GraphShiftException;
import org.jspecify.annotations.Nullable;

/**
 * A dead-letter queue could not store or read its entries (a full disk, a journal that cannot be
 * opened). Writes it could not store are reported by the coordinator (logged with their ids and
 * counted) so that a repair can find them.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class DeadLetterQueueException extends GraphShiftException {

  public DeadLetterQueueException(String queue, String message, @Nullable Throwable cause) {
    super(queue, message, cause);
  }
}
