package dev.graphshift;

import org.jspecify.annotations.Nullable;

/**
 * A configuration is wrong in a way only detectable when it is used: an unknown target name, an
 * unknown label, a file that cannot be read. The message says what to fix.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public class ConfigurationException extends GraphShiftException {

  public ConfigurationException(String message) {
    super(null, message, null);
  }

  public ConfigurationException(@Nullable String component, String message, @Nullable Throwable cause) {
    super(component, message, cause);
  }
}
