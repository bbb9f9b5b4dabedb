package dev.graphshift.mapping.internal;

import dev.graphshift.PropertyValues;
import dev.graphshift.Rules;
import dev.graphshift.mapping.Conversion;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The value conversions of the mapper: {@link Conversion}s and embeddings. Each returns the converted
 * value, or null after recording in the {@link Scratch} why the record is rejected; messages are built
 * only for rejected records.
 */
final class Values {
  private static final double TWO_TO_63 = 0x1p63;

  private Values() {}

  static @Nullable Object convert(Conversion c, String context, String key, Object v, Scratch s) {
    switch (c) {
      case STRING:
        if (v instanceof String) {
          return v;
        } else if (v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof TemporalAccessor) {
          return v.toString();
        }
        return fail(c, context, key, v, "only scalars and temporals convert to text", s);
      case LONG:
        if (v instanceof Long) {
          return v;
        } else if (v instanceof Double d) {
          double x = d;
          if (x == Math.rint(x) && x >= -TWO_TO_63 && x < TWO_TO_63) {
            return (long) x;
          }
          return fail(c, context, key, v, "it has a fraction or is out of range", s);
        } else if (v instanceof String str) {
          try {
            return Long.parseLong(str.strip());
          } catch (NumberFormatException e) {
            return fail(c, context, key, v, "it is not a decimal integer", s);
          }
        }
        return fail(c, context, key, v, "only numbers and numeric strings convert to long", s);
      case DOUBLE:
        double d;
        if (v instanceof Double x) {
          d = x;
        } else if (v instanceof Long l) {
          d = l;
        } else if (v instanceof String str) {
          try {
            d = Double.parseDouble(str.strip());
          } catch (NumberFormatException e) {
            return fail(c, context, key, v, "it is not a number", s);
          }
        } else {
          return fail(c, context, key, v, "only numbers and numeric strings convert to double", s);
        }
        if (!Double.isFinite(d)) {
          s.reject(Rules.VALUE_NOT_FINITE, context + ": property '" + key + "' converts to " + d
              + ", which is not finite");
          return null;
        }
        return v instanceof Double ? v : Double.valueOf(d);
      case BOOLEAN:
        if (v instanceof Boolean) {
          return v;
        } else if (v instanceof String str) {
          if (str.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
          } else if (str.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
          }
        }
        return fail(c, context, key, v, "only booleans and the strings true/false convert to boolean", s);
      case DATE_TIME:
        try {
          if (v instanceof OffsetDateTime) {
            return v;
          } else if (v instanceof ZonedDateTime z) {
            return z.toOffsetDateTime();
          } else if (v instanceof Long millis) {
            return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC);
          } else if (v instanceof String str) {
            return OffsetDateTime.parse(str.strip());
          }
        } catch (DateTimeException e) {
          return fail(c, context, key, v, e.getMessage(), s);
        }
        return fail(c, context, key, v, "only date-times with an offset or zone, epoch milliseconds and "
            + "ISO-8601 strings with an offset convert to date-time", s);
      case EPOCH_MILLIS:
        try {
          if (v instanceof Long) {
            return v;
          } else if (v instanceof OffsetDateTime o) {
            return o.toInstant().toEpochMilli();
          } else if (v instanceof ZonedDateTime z) {
            return z.toInstant().toEpochMilli();
          }
        } catch (ArithmeticException e) {
          return fail(c, context, key, v, "it is out of the range of epoch milliseconds", s);
        }
        return fail(c, context, key, v, "only date-times with an offset or zone convert to epoch milliseconds", s);
      case FLOAT_VECTOR:
        return floats(v, -1, context, key, s);
      case DOUBLE_VECTOR:
        return doubles(v, context, key, s);
      default:
        throw new AssertionError(c);
    }
  }

  private static @Nullable Object fail(Conversion c, String context, String key, Object v, String why, Scratch s) {
    s.reject(Rules.CONVERSION, context + ": property '" + key + "' (" + describe(v) + ") cannot be converted to "
        + c.yamlName() + ": " + why);
    return null;
  }

  /** The value's type and a short rendering, for messages. */
  static String describe(Object v) {
    String text = PropertyValues.valueToString(v);
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    if (v instanceof float[] || v instanceof double[]) {
      return text;
    } else if (v instanceof List) {
      return "list " + text;
    }
    return v.getClass().getSimpleName() + " " + (v instanceof String ? "'" + text + "'" : text);
  }

  /**
   * A {@code float[]} from a vector or a list of numbers, every element finite.
   *
   * @param dimension the required length, or -1 for any
   */
  static float @Nullable [] floats(Object v, int dimension, String context, String key, Scratch s) {
    int length = vectorLength(v);
    if (length < 0) {
      s.reject(Rules.CONVERSION, context + ": property '" + key + "' (" + describe(v)
          + ") is not a vector (float[], double[] or a list of numbers)");
      return null;
    }
    if (dimension >= 0 && length != dimension) {
      s.reject(Rules.EMBEDDING_DIMENSION, context + ": property '" + key + "' has " + length
          + " dimensions, expected " + dimension);
      return null;
    }
    if (v instanceof float[] f) {
      for (int i = 0; i < f.length; i++) {
        if (!Float.isFinite(f[i])) {
          return notFinite(context, key, f[i], i, "float", s);
        }
      }
      return f;
    }
    float[] out = new float[length];
    if (v instanceof double[] d) {
      for (int i = 0; i < length; i++) {
        float x = (float) d[i];
        if (!Float.isFinite(x)) {
          return notFinite(context, key, d[i], i, "float", s);
        }
        out[i] = x;
      }
      return out;
    }
    List<?> list = (List<?>) v;
    for (int i = 0; i < length; i++) {
      Object e = list.get(i);
      if (!(e instanceof Double || e instanceof Long)) {
        s.reject(Rules.CONVERSION, context + ": property '" + key + "' is a list whose element " + i + " ("
            + (e == null ? "null" : describe(e)) + ") is not a number");
        return null;
      }
      float x = ((Number) e).floatValue();
      if (!Float.isFinite(x)) {
        return notFinite(context, key, ((Number) e).doubleValue(), i, "float", s);
      }
      out[i] = x;
    }
    return out;
  }

  private static double @Nullable [] doubles(Object v, String context, String key, Scratch s) {
    int length = vectorLength(v);
    if (length < 0) {
      s.reject(Rules.CONVERSION, context + ": property '" + key + "' (" + describe(v)
          + ") is not a vector (float[], double[] or a list of numbers)");
      return null;
    }
    if (v instanceof double[] d) {
      for (int i = 0; i < length; i++) {
        if (!Double.isFinite(d[i])) {
          notFinite(context, key, d[i], i, "double", s);
          return null;
        }
      }
      return d;
    }
    double[] out = new double[length];
    for (int i = 0; i < length; i++) {
      double x;
      if (v instanceof float[] f) {
        x = f[i];
      } else {
        Object e = ((List<?>) v).get(i);
        if (!(e instanceof Double || e instanceof Long)) {
          s.reject(Rules.CONVERSION, context + ": property '" + key + "' is a list whose element " + i + " ("
              + (e == null ? "null" : describe(e)) + ") is not a number");
          return null;
        }
        x = ((Number) e).doubleValue();
      }
      if (!Double.isFinite(x)) {
        notFinite(context, key, x, i, "double", s);
        return null;
      }
      out[i] = x;
    }
    return out;
  }

  private static float @Nullable [] notFinite(
      String context, String key, double value, int index, String type, Scratch s) {
    s.reject(Rules.VALUE_NOT_FINITE, context + ": property '" + key + "' has the element " + value
        + " at index " + index + ", which is not a finite " + type);
    return null;
  }

  /** The length of a vector or a list, or -1 if the value is neither. */
  private static int vectorLength(Object v) {
    if (v instanceof float[] f) {
      return f.length;
    } else if (v instanceof double[] d) {
      return d.length;
    } else if (v instanceof List<?> l) {
      return l.size();
    }
    return -1;
  }
}
