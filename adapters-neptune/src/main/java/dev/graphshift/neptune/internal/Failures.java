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
import org.jspecify.annotations.Nullable;

/**
 * Translates what the Gremlin driver throws into GraphShift's exceptions, at the boundary, keeping the
 * cause. Retryable ({@link TransientDatabaseException}, {@link DatabaseUnavailableException}):
 *
 * <ul>
 *   <li>Neptune's retryable engine errors, recognised by their code in the message: {@link
 *       #RETRYABLE_NEPTUNE_CODES} ({@code ConcurrentModificationException} first);
 *   <li>the statuses {@code TOO_MANY_REQUESTS}, {@code SERVER_ERROR_TEMPORARY}, {@code
 *       SERVER_ERROR_TIMEOUT}, and a server-side {@code java.util.ConcurrentModificationException};
 *   <li>no host, a connection failure, an I/O failure, the connection pool's timeout waiting for a
 *       connection (unavailable), a timeout of the request (transient), found anywhere along the cause
 *       chain: the driver wraps some of them in plain {@code RuntimeException}s.
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
    // The driver wraps some transport failures in plain RuntimeExceptions (a connection pool that timed
    // out waiting for a connection to a stopped server throws RuntimeException(TimeoutException)), so the
    // transport failure is looked for along the cause chain, not only at its head.
    Throwable transport = transportFailure(t);
    if (transport instanceof TimeoutException && isWaitForConnection(transport)) {
      return new DatabaseUnavailableException(database, what + " could not reach Neptune: " + transport, ids, t);
    }
    if (transport instanceof TimeoutException) {
      return new TransientDatabaseException(database, what + " timed out: " + transport.getMessage(), ids, t);
    }
    if (transport != null) {
      return new DatabaseUnavailableException(database, what + " could not reach Neptune: " + transport, ids, t);
    }
    if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("closed")) {
      return new DatabaseUnavailableException(database, what + " found the connection closed: " + t.getMessage(), ids, t);
    }
    return new DatabaseException(database, what + " failed: " + t, ids, t);
  }

  /** How many causes {@link #transportFailure(Throwable)} follows at most (a guard against cycles). */
  private static final int MAX_CAUSES = 8;

  /**
   * The first failure along the cause chain that means Neptune could not be reached or did not answer in
   * time: no host, a connection failure, an I/O or channel failure, a timeout; or null.
   */
  private static @Nullable Throwable transportFailure(Throwable failure) {
    @Nullable Throwable t = failure;
    for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
      if (t instanceof NoHostAvailableException || t instanceof ConnectionException || t instanceof IOException
          || t instanceof io.netty.channel.ChannelException || t instanceof TimeoutException) {
        return t;
      }
    }
    return null;
  }

  /** Whether a timeout is the connection pool's wait for a connection (the server is not reachable). */
  private static boolean isWaitForConnection(Throwable timeout) {
    return String.valueOf(timeout.getMessage()).contains("waiting for connection");
  }
}
