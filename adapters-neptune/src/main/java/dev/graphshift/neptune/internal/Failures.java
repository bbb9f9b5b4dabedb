package dev.graphshift.neptune.internal;

import dev.graphshift.AuthenticationException;
import dev.graphshift.DatabaseException;
import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.TransientDatabaseException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.tinkerpop.gremlin.driver.exception.ConnectionException;
import org.apache.tinkerpop.gremlin.driver.exception.NoHostAvailableException;
import org.apache.tinkerpop.gremlin.driver.exception.ResponseException;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;

/**
 * Translates what the Gremlin driver throws into GraphShift's exceptions, at the boundary, keeping the
 * cause. Retryable ({@link TransientDatabaseException}, {@link DatabaseUnavailableException}):
 *
 * <ul>
 *   <li>Neptune's retryable engine errors, recognised by their code in the message: {@link
 *       #RETRYABLE_NEPTUNE_CODES} ({@code ConcurrentModificationException} first);
 *   <li>the statuses {@code TOO_MANY_REQUESTS}, {@code SERVER_ERROR_TEMPORARY}, {@code
 *       SERVER_ERROR_TIMEOUT}, and a server-side {@code java.util.ConcurrentModificationException};
 *   <li>no host, a connection failure, an I/O failure, a timeout of the request (unavailable or
 *       transient).
 * </ul>
 *
 * <p>Authentication statuses become {@link AuthenticationException}; everything else is a permanent
 * {@link DatabaseException}.
 *
 * <p>Thread-safe.
 */
public final class Failures {
  private Failures() {}

  /** Neptune engine error codes that are safe to retry. */
  public static final List<String> RETRYABLE_NEPTUNE_CODES = List.of(
      "ConcurrentModificationException",
      "ReadOnlyViolationException",
      "ThrottlingException",
      "TooManyRequestsException",
      "MemoryLimitExceededException",
      "InternalFailureException",
      "QueryLimitExceededException",
      "TimeLimitExceededException");

  /** Whether a driver failure is Neptune's write-conflict error. */
  public static boolean isConflict(Throwable failure) {
    Throwable t = unwrap(failure);
    return t instanceof ResponseException r && String.valueOf(r.getMessage()).contains("ConcurrentModificationException");
  }

  /** The cause of wrapper exceptions of futures. */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Translates a failure of a request that carried the given record ids. */
  public static DatabaseException translate(String database, String what, Throwable failure, List<String> ids) {
    Throwable t = unwrap(failure);
    if (t instanceof ResponseException r) {
      ResponseStatusCode code = r.getResponseStatusCode();
      String message = String.valueOf(r.getMessage());
      if (code == ResponseStatusCode.UNAUTHORIZED || code == ResponseStatusCode.FORBIDDEN
          || code == ResponseStatusCode.AUTHENTICATE) {
        return new AuthenticationException(database, what + " was refused (" + code + "): " + message, t);
      }
      for (String retryable : RETRYABLE_NEPTUNE_CODES) {
        if (message.contains(retryable)) {
          return new TransientDatabaseException(database, what + " failed with " + retryable + ": " + message, ids, t);
        }
      }
      if (code == ResponseStatusCode.TOO_MANY_REQUESTS || code == ResponseStatusCode.SERVER_ERROR_TEMPORARY
          || code == ResponseStatusCode.SERVER_ERROR_TIMEOUT
          || r.getRemoteExceptionHierarchy().map(h -> h.contains("java.util.ConcurrentModificationException")).orElse(false)) {
        return new TransientDatabaseException(database, what + " failed (" + code + "): " + message, ids, t);
      }
      return new DatabaseException(database, what + " failed (" + code + "): " + message, ids, t);
    }
    if (t instanceof NoHostAvailableException || t instanceof ConnectionException || t instanceof IOException
        || t instanceof io.netty.channel.ChannelException) {
      return new DatabaseUnavailableException(database, what + " could not reach Neptune: " + t, ids, t);
    }
    if (t instanceof TimeoutException) {
      return new TransientDatabaseException(database, what + " timed out: " + t.getMessage(), ids, t);
    }
    if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("closed")) {
      return new DatabaseUnavailableException(database, what + " found the connection closed: " + t.getMessage(), ids, t);
    }
    return new DatabaseException(database, what + " failed: " + t, ids, t);
  }
}
