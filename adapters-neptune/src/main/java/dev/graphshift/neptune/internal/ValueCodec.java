package dev.graphshift.neptune.internal;

import dev.graphshift.neptune.NeptuneValuePolicy;
import dev.graphshift.neptune.NeptuneValuePolicy.ListPolicy;
import dev.graphshift.neptune.NeptuneValuePolicy.TemporalPolicy;
import dev.graphshift.neptune.NeptuneValuePolicy.VectorPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Converts property values between the model's closed set and what Neptune stores, by a {@link
 * NeptuneValuePolicy}; the one place where these conversions live. See the policy's javadoc for the
 * table of conversions.
 *
 * <p>Immutable.
 */
public final class ValueCodec {

  /** A value as it is written: one value, several set-cardinality values, or a rejection. */
  public sealed interface Encoded permits Single, Multi, Refused {}

  /** One value, written with single cardinality. */
  public record Single(Object value) implements Encoded {}

  /** Several values, written with set cardinality (distinct, possibly none). */
  public record Multi(List<Object> values) implements Encoded {}

  /** The policy refuses the value; the reason names neither the key nor the record. */
  public record Refused(String reason) implements Encoded {}

  private final NeptuneValuePolicy policy;

  public ValueCodec(NeptuneValuePolicy policy) {
    this.policy = policy;
  }

  public NeptuneValuePolicy policy() {
    return policy;
  }

  /** Encodes one value of the closed set for a vertex ({@code onEdge} false) or an edge. */
  public Encoded encode(Object value, boolean onEdge) {
    if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
      return new Single(value);
    }
    if (value instanceof List<?> list) {
      if (policy.lists() == ListPolicy.SET && !onEdge) {
        return new Multi(List.copyOf(new LinkedHashSet<>(list)));
      }
      return new Single(Json.array(list));
    }
    if (value instanceof float[] || value instanceof double[]) {
      if (policy.vectors() == VectorPolicy.REJECT) {
        return new Refused("is a vector (" + describeVector(value) + "); Neptune has no vector type and the "
            + "value policy rejects vectors (vectors=REJECT)");
      }
      return new Single(value instanceof float[] f ? Json.floats(f) : Json.doubles((double[]) value));
    }
    if (value instanceof Temporal || value instanceof OffsetTime) {
      return encodeTemporal(value);
    }
    return new Refused("has type " + value.getClass().getName() + ", which Neptune cannot store");
  }

  private Encoded encodeTemporal(Object value) {
    if (policy.temporals() == TemporalPolicy.ISO_STRING) {
      return new Single(value.toString());
    }
    Instant instant;
    if (value instanceof OffsetDateTime odt) {
      instant = odt.toInstant();
    } else if (value instanceof ZonedDateTime zdt) {
      instant = zdt.toInstant();
    } else if (value instanceof LocalDateTime ldt) {
      instant = ldt.toInstant(ZoneOffset.UTC);
    } else if (value instanceof LocalDate date) {
      instant = date.atStartOfDay().toInstant(ZoneOffset.UTC);
    } else if (value instanceof LocalTime || value instanceof OffsetTime) {
      return new Refused("is a time of day (" + value + "), which Neptune cannot store as a date; use "
          + "temporals=ISO_STRING to store it as a string");
    } else {
      return new Refused("has type " + value.getClass().getName() + ", which Neptune cannot store");
    }
    return new Single(new Date(instant.toEpochMilli()));
  }

  /**
   * Decodes the values Neptune holds under one key: one value reads back as itself (a date as an {@code
   * OffsetDateTime} at UTC), several as a list in ascending order.
   */
  public Object decode(Collection<?> values) {
    if (values.size() == 1) {
      return decodeOne(values.iterator().next());
    }
    List<Object> decoded = new ArrayList<>(values.size());
    for (Object v : values) {
      decoded.add(decodeOne(v));
    }
    return sorted(decoded);
  }

  /** Decodes one stored value. */
  public Object decodeOne(Object value) {
    if (value instanceof Date date) {
      return date.toInstant().atOffset(ZoneOffset.UTC);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    return value;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Object> sorted(List<Object> values) {
    boolean comparable = !values.isEmpty();
    Class<?> type = values.isEmpty() ? null : values.get(0).getClass();
    for (Object v : values) {
      if (!(v instanceof Comparable) || v.getClass() != type) {
        comparable = false;
        break;
      }
    }
    if (comparable) {
      return List.copyOf(new TreeSet<>((Collection) values));
    }
    return List.copyOf(values);
  }

  /** What reading a value back gives; see {@link NeptuneValuePolicy#readBack(Object, boolean)}. */
  public Optional<Object> readBack(Object value, boolean onEdge) {
    Encoded encoded = encode(value, onEdge);
    if (encoded instanceof Single single) {
      Object read = decodeOne(single.value());
      if (read instanceof OffsetDateTime odt && !(value instanceof OffsetDateTime && value.equals(odt))) {
        return Optional.of(odt.truncatedTo(ChronoUnit.MILLIS));
      }
      return Optional.of(read);
    }
    if (encoded instanceof Multi multi) {
      return multi.values().isEmpty() ? Optional.empty() : Optional.of(decode(multi.values()));
    }
    return Optional.empty();
  }

  private static String describeVector(Object value) {
    return value instanceof float[] f ? "float[" + f.length + "]" : "double[" + ((double[]) value).length + "]";
  }
}
