package dev.graphshift;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The closed set of property values, documented in this one place.
 *
 * <table>
 *   <caption>Property value kinds</caption>
 *   <tr><th>Kind</th><th>Java type</th><th>Rule</th></tr>
 *   <tr><td>{@link Kind#STRING}</td><td>{@code String}</td><td>well-formed UTF-16 (no unpaired surrogate)</td></tr>
 *   <tr><td>{@link Kind#BOOLEAN}</td><td>{@code Boolean}</td><td></td></tr>
 *   <tr><td>{@link Kind#LONG}</td><td>{@code Long}</td><td>{@code Integer}, {@code Short}, {@code Byte} widen to it</td></tr>
 *   <tr><td>{@link Kind#DOUBLE}</td><td>{@code Double}</td><td>finite; {@code Float} widens to it</td></tr>
 *   <tr><td>{@link Kind#FLOAT_VECTOR}</td><td>{@code float[]}</td><td>every element finite</td></tr>
 *   <tr><td>{@link Kind#DOUBLE_VECTOR}</td><td>{@code double[]}</td><td>every element finite</td></tr>
 *   <tr><td>{@link Kind#LIST}</td><td>{@code List}</td><td>elements all of one scalar kind (string, boolean, long, double), none null</td></tr>
 *   <tr><td>{@link Kind#DATE}</td><td>{@code LocalDate}</td><td></td></tr>
 *   <tr><td>{@link Kind#LOCAL_TIME}</td><td>{@code LocalTime}</td><td></td></tr>
 *   <tr><td>{@link Kind#LOCAL_DATE_TIME}</td><td>{@code LocalDateTime}</td><td></td></tr>
 *   <tr><td>{@link Kind#TIME}</td><td>{@code OffsetTime}</td><td></td></tr>
 *   <tr><td>{@link Kind#DATE_TIME}</td><td>{@code OffsetDateTime}</td><td>an {@code Instant} becomes one at UTC</td></tr>
 *   <tr><td>{@link Kind#ZONED_DATE_TIME}</td><td>{@code ZonedDateTime}</td><td></td></tr>
 * </table>
 *
 * <p>Anything else (maps, {@code BigDecimal}, {@code java.util.Date}, durations, points, nested lists,
 * {@code int[]}, ...) is never coerced: the record holding it is rejected with the rule {@link
 * Rules#VALUE_KIND} and a message naming the property and the type. Widening ({@code Integer} to {@code
 * Long}, {@code Float} to {@code Double}, {@code Instant} to {@code OffsetDateTime}) is lossless and
 * happens when a {@link Node} or {@link Relationship} is built; a {@code null} value means an absent
 * property and is dropped, as in Neo4j.
 *
 * <p>Thread-safe.
 */
public final class PropertyValues {

  /** The kinds of property value. */
  public enum Kind {
    STRING,
    BOOLEAN,
    LONG,
    DOUBLE,
    FLOAT_VECTOR,
    DOUBLE_VECTOR,
    LIST,
    DATE,
    LOCAL_TIME,
    LOCAL_DATE_TIME,
    TIME,
    DATE_TIME,
    ZONED_DATE_TIME;

    /** Whether values of this kind are {@code java.time} temporals. */
    public boolean isTemporal() {
      return ordinal() >= DATE.ordinal();
    }

    /** Whether values of this kind are vectors ({@code float[]} or {@code double[]}). */
    public boolean isVector() {
      return this == FLOAT_VECTOR || this == DOUBLE_VECTOR;
    }
  }

  private PropertyValues() {}

  /**
   * The kind of a value as it is held by a record (after widening), or empty if the value is outside
   * the closed set. A list is of kind {@link Kind#LIST} whatever its elements; {@link #check(Object)}
   * validates them.
   */
  public static Optional<Kind> kindOf(@Nullable Object value) {
    return Optional.ofNullable(kind(value));
  }

  static @Nullable Kind kind(@Nullable Object value) {
    if (value instanceof String) {
      return Kind.STRING;
    } else if (value instanceof Long) {
      return Kind.LONG;
    } else if (value instanceof Double) {
      return Kind.DOUBLE;
    } else if (value instanceof Boolean) {
      return Kind.BOOLEAN;
    } else if (value instanceof float[]) {
      return Kind.FLOAT_VECTOR;
    } else if (value instanceof double[]) {
      return Kind.DOUBLE_VECTOR;
    } else if (value instanceof List) {
      return Kind.LIST;
    } else if (value instanceof ZonedDateTime) {
      return Kind.ZONED_DATE_TIME;
    } else if (value instanceof OffsetDateTime) {
      return Kind.DATE_TIME;
    } else if (value instanceof LocalDateTime) {
      return Kind.LOCAL_DATE_TIME;
    } else if (value instanceof LocalDate) {
      return Kind.DATE;
    } else if (value instanceof LocalTime) {
      return Kind.LOCAL_TIME;
    } else if (value instanceof OffsetTime) {
      return Kind.TIME;
    }
    return null;
  }

  /**
   * Checks one value against the rules of the closed set.
   *
   * @return empty if the value is allowed, else the reason it is not (without the property name)
   */
  public static Optional<String> check(@Nullable Object value) {
    Violation v = violation(value);
    return v == null ? Optional.empty() : Optional.of(v.message());
  }

  /** A broken rule of the closed set: the rule's name and the reason. */
  record Violation(String rule, String message) {}

  private static Violation kindViolation(String message) {
    return new Violation(Rules.VALUE_KIND, message);
  }

  private static Violation finiteViolation(String message) {
    return new Violation(Rules.VALUE_NOT_FINITE, message);
  }

  /** The rule a value breaks, or null; the hot path of {@link RecordRules}. */
  static @Nullable Violation violation(@Nullable Object value) {
    Kind kind = kind(value);
    if (kind == null) {
      return kindViolation(value == null
          ? "is null"
          : "has unsupported type " + value.getClass().getName() + " (allowed: " + allowedKinds() + ")");
    }
    switch (kind) {
      case STRING:
        return wellFormed((String) value) ? null : kindViolation("is a string with an unpaired UTF-16 surrogate");
      case DOUBLE:
        double d = (Double) value;
        return Double.isFinite(d) ? null : finiteViolation("is not a finite number (" + d + ")");
      case FLOAT_VECTOR:
        float[] f = (float[]) value;
        for (int i = 0; i < f.length; i++) {
          if (!Float.isFinite(f[i])) {
            return finiteViolation("is a vector with a non-finite element " + f[i] + " at index " + i);
          }
        }
        return null;
      case DOUBLE_VECTOR:
        double[] v = (double[]) value;
        for (int i = 0; i < v.length; i++) {
          if (!Double.isFinite(v[i])) {
            return finiteViolation("is a vector with a non-finite element " + v[i] + " at index " + i);
          }
        }
        return null;
      case LIST:
        return listViolation((List<?>) value);
      default:
        return null;
    }
  }

  private static @Nullable Violation listViolation(List<?> list) {
    Class<?> elementType = null;
    int i = 0;
    for (Object e : list) {
      if (e == null || e instanceof NullElement) {
        return kindViolation("is a list with a null element at index " + i);
      }
      if (!(e instanceof String || e instanceof Long || e instanceof Double || e instanceof Boolean)) {
        return kindViolation("is a list with an element of unsupported type " + e.getClass().getName()
            + " at index " + i + " (list elements must be String, Boolean, Long or Double)");
      }
      if (elementType == null) {
        elementType = e.getClass();
      } else if (elementType != e.getClass()) {
        return kindViolation("is a list mixing " + elementType.getSimpleName() + " and "
            + e.getClass().getSimpleName() + " (index " + i + ")");
      }
      if (e instanceof Double dd && !Double.isFinite(dd)) {
        return finiteViolation("is a list with a non-finite element at index " + i);
      }
      if (e instanceof String s && !wellFormed(s)) {
        return kindViolation("is a list with a string holding an unpaired UTF-16 surrogate at index " + i);
      }
      i++;
    }
    return null;
  }

  /** Whether a string is well-formed UTF-16: every surrogate is part of a pair. */
  public static boolean wellFormed(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return false;
        }
      }
    }
    return true;
  }

  private static String allowedKinds() {
    return "String, Boolean, Long, Double, float[], double[], List of String/Boolean/Long/Double, "
        + "LocalDate, LocalTime, LocalDateTime, OffsetTime, OffsetDateTime, ZonedDateTime";
  }

  /** A view of a map with wildcard values as a map of objects; the record constructors normalize it. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> widen(Map<String, ?> properties) {
    return (Map<String, Object>) properties;
  }

  /**
   * Normalizes a property map: drops null values, widens numbers and instants, copies lists, and
   * returns an immutable map (the same instance when nothing needed changing and it was immutable
   * already). Values outside the closed set are kept, to be rejected with a reason when written.
   *
   * @throws NullPointerException if a key is null
   */
  public static Map<String, Object> normalize(Map<String, ?> properties) {
    boolean changed = false;
    for (Map.Entry<String, ?> e : properties.entrySet()) {
      Object v = e.getValue();
      if (v == null || needsWidening(v) || (v instanceof List<?> list && !isNormalizedList(list))) {
        changed = true;
        break;
      }
    }
    if (!changed) {
      return Map.copyOf(properties);
    }
    Map<String, Object> copy = new HashMap<>(Math.max(4, properties.size() * 2));
    for (Map.Entry<String, ?> e : properties.entrySet()) {
      Object v = e.getValue();
      if (v != null) {
        copy.put(java.util.Objects.requireNonNull(e.getKey(), "property key"), normalizeValue(v));
      }
    }
    return Map.copyOf(copy);
  }

  /** The classes of the JDK's immutable lists ({@code List.of}, {@code List.copyOf}), which hold no null. */
  private static final Set<Class<?>> IMMUTABLE_LISTS = Set.of(List.of(1).getClass(), List.of(1, 2, 3).getClass());

  /**
   * Whether {@link #normalizeValue(Object)} would return this list as it is: an immutable JDK list whose
   * elements need no widening. Such a list does not make a property map need copying.
   */
  private static boolean isNormalizedList(List<?> list) {
    if (!IMMUTABLE_LISTS.contains(list.getClass())) {
      return false;
    }
    for (Object e : list) {
      if (needsWidening(e)) {
        return false;
      }
    }
    return true;
  }

  private static boolean needsWidening(Object v) {
    return v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Float
        || v instanceof Instant;
  }

  /** Normalizes one value: widening numbers and instants, copying lists (widening their elements). */
  public static Object normalizeValue(Object v) {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    } else if (v instanceof Float f) {
      return f.doubleValue();
    } else if (v instanceof Instant instant) {
      return instant.atOffset(ZoneOffset.UTC);
    } else if (v instanceof List<?> list) {
      boolean copyNeeded = false;
      for (Object e : list) {
        if (e == null || needsWidening(e)) {
          copyNeeded = true;
          break;
        }
      }
      if (!copyNeeded) {
        return List.copyOf(list);
      }
      // Keep nulls visible so that the list is rejected with its index, not silently shortened.
      List<Object> copy = new ArrayList<>(list.size());
      for (Object e : list) {
        copy.add(e == null ? NullElement.INSTANCE : normalizeValue(e));
      }
      return java.util.Collections.unmodifiableList(copy);
    }
    return v;
  }

  /** Stands for a null list element, which {@link List#copyOf} cannot hold. */
  private enum NullElement {
    INSTANCE;

    @Override
    public String toString() {
      return "null";
    }
  }

  /** Deep equality of two values: vectors by content, everything else by {@code equals}. */
  public static boolean valueEquals(@Nullable Object a, @Nullable Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof float[] fa && b instanceof float[] fb) {
      return Arrays.equals(fa, fb);
    }
    if (a instanceof double[] da && b instanceof double[] db) {
      return Arrays.equals(da, db);
    }
    return a.equals(b);
  }

  /** Deep equality of two property maps, vectors compared by content. */
  public static boolean equals(Map<String, Object> a, Map<String, Object> b) {
    if (a == b) {
      return true;
    }
    if (a.size() != b.size()) {
      return false;
    }
    for (Map.Entry<String, Object> e : a.entrySet()) {
      if (!valueEquals(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** A hash code consistent with {@link #equals(Map, Map)}. */
  public static int hashCode(Map<String, Object> properties) {
    int h = 0;
    for (Map.Entry<String, Object> e : properties.entrySet()) {
      h += e.getKey().hashCode() ^ valueHashCode(e.getValue());
    }
    return h;
  }

  /** A hash code consistent with {@link #valueEquals(Object, Object)}. */
  public static int valueHashCode(@Nullable Object v) {
    if (v instanceof float[] f) {
      return Arrays.hashCode(f);
    } else if (v instanceof double[] d) {
      return Arrays.hashCode(d);
    }
    return v == null ? 0 : v.hashCode();
  }

  /** A readable rendering of a property map in which vectors appear as {@code float[768]}. */
  public static String toString(Map<String, Object> properties) {
    StringJoiner j = new StringJoiner(", ", "{", "}");
    Iterator<Map.Entry<String, Object>> it = properties.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Object> e = it.next();
      j.add(e.getKey() + "=" + valueToString(e.getValue()));
    }
    return j.toString();
  }

  /** A readable rendering of one value; vectors appear as their type and length. */
  public static String valueToString(@Nullable Object v) {
    if (v instanceof float[] f) {
      return "float[" + f.length + "]";
    } else if (v instanceof double[] d) {
      return "double[" + d.length + "]";
    }
    return String.valueOf(v);
  }
}
