package dev.graphshift.mapping;

/**
 * How a relationship's weight is computed, per relationship type (see {@link RelationshipRule}). The
 * weight is written as a {@code Double} property named by {@link SchemaMappingConfig#weightProperty()}
 * (Engram's edges are weights, see {@link EngramModel#WEIGHT}).
 *
 * <p>Immutable.
 */
public sealed interface Weight permits Weight.Constant, Weight.FromProperty {

  /**
   * The same weight for every relationship, for example Engram's 0.5 for types without a rule.
   *
   * @throws IllegalArgumentException if the weight is NaN or infinite
   */
  static Weight constant(double value) {
    return new Constant(value);
  }

  /** The value of a numeric property, for example Engram's {@code SIMILAR_TO -> similarity}. */
  static Weight property(String property) {
    return new FromProperty(property, 1.0, Double.POSITIVE_INFINITY);
  }

  /**
   * {@code min(property / divisor, max)}, for example Engram's {@code READ -> min(duration / 300, 1)}.
   *
   * @throws IllegalArgumentException if the divisor is zero, NaN or infinite, or the maximum is NaN
   */
  static Weight scaled(String property, double divisor, double max) {
    return new FromProperty(property, divisor, max);
  }

  /**
   * A constant weight.
   *
   * <p>Immutable.
   *
   * @param value the weight, finite
   */
  record Constant(double value) implements Weight {
    /**
     * Creates a constant weight.
     *
     * @throws IllegalArgumentException if the value is NaN or infinite
     */
    public Constant {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("a weight must be finite: " + value);
      }
    }
  }

  /**
   * {@code min(value of property / divisor, max)}. A relationship without the property is rejected with
   * {@link dev.graphshift.Rules#REQUIRED_PROPERTY}, one whose property is not a number with {@link
   * dev.graphshift.Rules#CONVERSION}, and one whose weight comes out NaN or infinite with {@link
   * dev.graphshift.Rules#VALUE_NOT_FINITE}.
   *
   * <p>Immutable.
   *
   * @param property the source property holding a number ({@code Long} or {@code Double})
   * @param divisor what the value is divided by; finite and not zero
   * @param max the cap; {@code +Infinity} for none
   */
  record FromProperty(String property, double divisor, double max) implements Weight {
    /**
     * Creates a property weight.
     *
     * @throws IllegalArgumentException if the divisor is zero, NaN or infinite, or the maximum is NaN
     */
    public FromProperty {
      Names.check(property, "property");
      if (divisor == 0 || !Double.isFinite(divisor)) {
        throw new IllegalArgumentException("a weight divisor must be finite and not zero: " + divisor);
      }
      if (Double.isNaN(max)) {
        throw new IllegalArgumentException("a weight maximum must not be NaN");
      }
    }

    /** The weight for a property value. */
    public double apply(double value) {
      return Math.min(value / divisor, max);
    }
  }
}
