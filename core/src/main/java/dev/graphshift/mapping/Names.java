package dev.graphshift.mapping;

import static java.util.Objects.requireNonNull;

import dev.graphshift.PropertyValues;

/** Checks of the names a mapping declares: property keys, labels, relationship types. */
final class Names {
  private Names() {}

  /**
   * Checks a name.
   *
   * @throws NullPointerException if it is null
   * @throws IllegalArgumentException if it is blank or not well-formed UTF-16
   */
  static String check(String name, String what) {
    requireNonNull(name, what);
    if (name.isBlank() || !PropertyValues.wellFormed(name)) {
      throw new IllegalArgumentException(what + " must be a non-blank, well-formed name: '" + name + "'");
    }
    return name;
  }
}
