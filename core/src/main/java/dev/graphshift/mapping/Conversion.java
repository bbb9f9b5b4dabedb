package dev.graphshift.mapping;

/**
 * How a property's value is converted. A value that cannot be converted rejects its record with the rule
 * {@link dev.graphshift.Rules#CONVERSION} (or {@link dev.graphshift.Rules#VALUE_NOT_FINITE} when the
 * result would be NaN or infinite); nothing is coerced silently.
 *
 * <table>
 *   <caption>Conversions</caption>
 *   <tr><th>Conversion</th><th>YAML</th><th>Accepts</th><th>Gives</th></tr>
 *   <tr><td>{@link #STRING}</td><td>{@code string}</td><td>any scalar or temporal (temporals as ISO-8601)</td><td>{@code String}</td></tr>
 *   <tr><td>{@link #LONG}</td><td>{@code long}</td><td>{@code Long}; a {@code Double} with no fraction; a decimal string</td><td>{@code Long}</td></tr>
 *   <tr><td>{@link #DOUBLE}</td><td>{@code double}</td><td>{@code Double}, {@code Long}, a numeric string</td><td>{@code Double}</td></tr>
 *   <tr><td>{@link #BOOLEAN}</td><td>{@code boolean}</td><td>{@code Boolean}; the strings {@code true}/{@code false} in any case</td><td>{@code Boolean}</td></tr>
 *   <tr><td>{@link #DATE_TIME}</td><td>{@code date-time}</td><td>{@code OffsetDateTime}, {@code ZonedDateTime}, epoch milliseconds ({@code Long}), an ISO-8601 string with an offset</td><td>{@code OffsetDateTime}</td></tr>
 *   <tr><td>{@link #EPOCH_MILLIS}</td><td>{@code epoch-millis}</td><td>{@code OffsetDateTime}, {@code ZonedDateTime}, {@code Long}</td><td>{@code Long}</td></tr>
 *   <tr><td>{@link #FLOAT_VECTOR}</td><td>{@code float-vector}</td><td>{@code float[]}, {@code double[]}, a list of numbers</td><td>{@code float[]}</td></tr>
 *   <tr><td>{@link #DOUBLE_VECTOR}</td><td>{@code double-vector}</td><td>{@code double[]}, {@code float[]}, a list of numbers</td><td>{@code double[]}</td></tr>
 * </table>
 *
 * <p>Local dates and times carry no offset, so they convert to {@link #STRING} only.
 *
 * <p>Immutable.
 */
public enum Conversion {
  STRING,
  LONG,
  DOUBLE,
  BOOLEAN,
  DATE_TIME,
  EPOCH_MILLIS,
  FLOAT_VECTOR,
  DOUBLE_VECTOR;

  /** The name used in YAML: lower case, words joined by {@code -} (for example {@code date-time}). */
  public String yamlName() {
    return YamlNames.of(this);
  }
}
