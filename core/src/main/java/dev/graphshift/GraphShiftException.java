package dev.graphshift;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The root of every exception GraphShift throws. All are unchecked and subclassed by what the caller
 * can do about them: those a caller may retry implement {@link Retryable}; the others are permanent.
 * Each carries its context as fields (the component or database it came from), and its message names
 * them. A bad record is never an exception but a {@link Rejected} value.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class GraphShiftException extends RuntimeException {
  private final @Nullable String component;

  /**
   * Creates an exception.
   *
   * @param component the name of the component or database it came from, or null if none
   * @param message what went wrong, without credentials
   * @param cause the underlying failure, or null
   */
  public GraphShiftException(@Nullable String component, String message, @Nullable Throwable cause) {
    super(component == null ? message : "[" + component + "] " + message, cause);
    this.component = component;
  }

  public GraphShiftException(String message) {
    this(null, message, null);
  }

  /** The name of the component or database this came from. */
  public Optional<String> component() {
    return Optional.ofNullable(component);
  }
}
