package dev.graphshift.backfill.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The checks the builders of this module make, with the messages the house style asks for: an NPE
 * naming the parameter, an IllegalArgumentException with the value, an IllegalStateException naming the
 * earlier setting.
 *
 * <p>Thread-safe.
 */
public final class Preconditions {
  private Preconditions() {}

  /**
   * Fails if a setting was set already.
   *
   * @throws IllegalStateException naming the setting and its earlier value
   */
  public static void once(@Nullable Object earlier, String setting) {
    if (earlier != null) {
      throw new IllegalStateException(setting + " was already set to " + earlier);
    }
  }

  /**
   * A non-blank string.
   *
   * @throws IllegalArgumentException if blank
   */
  public static String nonBlank(String value, String name) {
    requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /**
   * An int in [min, max].
   *
   * @throws IllegalArgumentException with the value, if out of range
   */
  public static int inRange(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
    }
    return value;
  }

  /**
   * A duration of zero or more.
   *
   * @throws IllegalArgumentException with the value, if negative
   */
  public static Duration notNegative(Duration value, String name) {
    requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
    return value;
  }

  /**
   * A duration above zero.
   *
   * @throws IllegalArgumentException with the value, if zero or negative
   */
  public static Duration positive(Duration value, String name) {
    requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }
}
