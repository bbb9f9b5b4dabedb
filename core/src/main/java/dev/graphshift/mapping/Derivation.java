package dev.graphshift.mapping;

import static java.util.Objects.requireNonNull;

import dev.graphshift.PropertyValues;

/**
 * How a derived field gets its value. Derived fields are computed after the record's own properties are
 * mapped and replace any property of the same name.
 *
 * <p>Immutable.
 */
public sealed interface Derivation permits Derivation.Constant, Derivation.Copy {

  /**
   * The same value for every record, for example Engram's {@code strength = 1.0}.
   *
   * @throws IllegalArgumentException if the value is outside the closed set of {@link PropertyValues}
   */
  static Derivation constant(Object value) {
    return new Constant(value);
  }

  /**
   * The value of another property of the same source record (after that property's conversion, if it
   * has one), for example Engram's {@code last_accessed = created_at}. When the record has no such
   * property the derived field is absent; declare the property required if it must be there.
   */
  static Derivation copy(String sourceProperty) {
    return new Copy(sourceProperty);
  }

  /**
   * A constant value.
   *
   * <p>Immutable.
   *
   * @param value the value, widened as the model widens it ({@code Integer} to {@code Long}, ...)
   */
  record Constant(Object value) implements Derivation {
    /**
     * Creates a constant.
     *
     * @throws IllegalArgumentException if the value is outside the closed set of {@link PropertyValues}
     */
    public Constant {
      value = PropertyValues.normalizeValue(requireNonNull(value, "value"));
      String problem = PropertyValues.check(value).orElse(null);
      if (problem != null) {
        throw new IllegalArgumentException("a derived constant " + problem + ": " + value);
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Constant other && PropertyValues.valueEquals(value, other.value);
    }

    @Override
    public int hashCode() {
      return PropertyValues.valueHashCode(value);
    }

    @Override
    public String toString() {
      return "constant(" + PropertyValues.valueToString(value) + ")";
    }
  }

  /**
   * A copy of another property of the source record.
   *
   * <p>Immutable.
   *
   * @param sourceProperty the source property's name
   */
  record Copy(String sourceProperty) implements Derivation {
    public Copy {
      Names.check(sourceProperty, "sourceProperty");
    }

    @Override
    public String toString() {
      return "copy(" + sourceProperty + ")";
    }
  }
}
