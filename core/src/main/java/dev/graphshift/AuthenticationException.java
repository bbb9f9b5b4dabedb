package dev.graphshift;

import org.jspecify.annotations.Nullable;

/**
 * A database refused the credentials. Fix the configuration; retrying will not help. The message never
 * holds the credential itself.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class AuthenticationException extends DatabaseException {

  public AuthenticationException(String database, String message, @Nullable Throwable cause) {
    super(database, message, cause);
  }
}
