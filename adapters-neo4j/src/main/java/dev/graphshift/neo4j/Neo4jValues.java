package dev.graphshift.neo4j;

import dev.graphshift.PropertyValues;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.Float32Vector;
import org.neo4j.driver.types.Float64Vector;
import org.neo4j.driver.types.IsoDuration;
import org.neo4j.driver.types.Point;
import org.neo4j.driver.types.TypeSystem;
import org.neo4j.driver.types.Vector;

/**
 * Converts property values between the Neo4j driver and the model's closed set of {@link PropertyValues}.
 * The rules, in one place:
 *
 * <table>
 *   <caption>Neo4j value to model value</caption>
 *   <tr><th>Neo4j (Bolt)</th><th>model</th></tr>
 *   <tr><td>STRING, BOOLEAN</td><td>{@code String}, {@code Boolean}</td></tr>
 *   <tr><td>INTEGER</td><td>{@code Long}</td></tr>
 *   <tr><td>FLOAT (always 64-bit on Bolt)</td><td>{@code Double}</td></tr>
 *   <tr><td>DATE, LOCAL TIME, LOCAL DATETIME, TIME</td><td>{@code LocalDate}, {@code LocalTime},
 *       {@code LocalDateTime}, {@code OffsetTime}</td></tr>
 *   <tr><td>DATETIME with an offset</td><td>{@code OffsetDateTime}</td></tr>
 *   <tr><td>DATETIME with a named zone ({@code [Europe/Berlin]})</td><td>{@code ZonedDateTime}</td></tr>
 *   <tr><td>LIST of FLOAT under a <em>vector property</em></td><td>{@code float[]} when every element is
 *       exactly a 32-bit float (always so for a vector written as {@code float[]}, and for vectors stored by
 *       {@code db.create.setNodeVectorProperty}), else {@code double[]}: never lossy</td></tr>
 *   <tr><td>other LIST of STRING, BOOLEAN, INTEGER, FLOAT</td><td>{@code List} of the element kind</td></tr>
 *   <tr><td>VECTOR (Neo4j 2025.10+, driver 6) of FLOAT32 / FLOAT64</td><td>{@code float[]} / {@code
 *       double[]}, under any property; a vector of integers has no kind in the model</td></tr>
 *   <tr><td>DURATION</td><td>by rule: its ISO-8601 string as Neo4j prints it, for example {@code
 *       P14M3DT14706.007000000S} (months, days and seconds kept apart, as Neo4j stores them; Cypher's
 *       {@code duration()} parses it back)</td></tr>
 *   <tr><td>POINT</td><td>by rule: an EWKT string, {@code SRID=4326;POINT(13.4 52.5)} (x y), or {@code
 *       SRID=4979;POINT Z(13.4 52.5 30.0)} for 3-D points</td></tr>
 *   <tr><td>BYTES, MAP, NULL, nodes, paths</td><td>none: {@link #toModel(Value, boolean)} throws, and the
 *       record holding it is rejected with {@link dev.graphshift.Rules#VALUE_KIND}</td></tr>
 * </table>
 *
 * <p>Model to Neo4j: every kind of the closed set goes to the driver as it is (the driver sends {@code
 * float[]} and {@code double[]} as a LIST of 64-bit FLOAT, widening each {@code float} exactly; an {@code
 * OffsetDateTime} as a DATETIME with an offset, a {@code ZonedDateTime} with its named zone). So a {@code
 * float[]} written under a vector property reads back equal; a vector under any other property reads back
 * as a {@code List<Double>} of the same numbers.
 *
 * <p>Thread-safe.
 */
public final class Neo4jValues {

  private static final TypeSystem TYPES = TypeSystem.getDefault();

  private Neo4jValues() {}

  /**
   * The model value of a driver value.
   *
   * @param value a property value as the driver returned it
   * @param vector whether the property is a configured vector property (a LIST of FLOAT becomes {@code
   *     float[]} or {@code double[]})
   * @throws IllegalArgumentException if the value has no kind in the model (bytes, maps, null, graph
   *     entities, mixed or nested lists, vectors of integers); the message names the Neo4j type
   */
  public static Object toModel(Value value, boolean vector) {
    if (value.hasType(TYPES.STRING())) {
      return value.asString();
    } else if (value.hasType(TYPES.INTEGER())) {
      return value.asLong();
    } else if (value.hasType(TYPES.FLOAT())) {
      return value.asDouble();
    } else if (value.hasType(TYPES.BOOLEAN())) {
      return value.asBoolean();
    } else if (value.hasType(TYPES.LIST())) {
      return list(value, vector);
    } else if (value.hasType(TYPES.VECTOR())) {
      return nativeVector(value.asVector());
    } else if (value.hasType(TYPES.DATE_TIME())) {
      return dateTime(value.asZonedDateTime());
    } else if (value.hasType(TYPES.DATE())) {
      return value.asLocalDate();
    } else if (value.hasType(TYPES.LOCAL_DATE_TIME())) {
      return value.asLocalDateTime();
    } else if (value.hasType(TYPES.LOCAL_TIME())) {
      return value.asLocalTime();
    } else if (value.hasType(TYPES.TIME())) {
      return value.asOffsetTime();
    } else if (value.hasType(TYPES.DURATION())) {
      return durationString(value.asIsoDuration());
    } else if (value.hasType(TYPES.POINT())) {
      return pointString(value.asPoint());
    }
    throw new IllegalArgumentException("a Neo4j " + value.type().name() + " value has no kind in the model");
  }

  /**
   * The value to hand to the driver as a query parameter for a model value. Every kind of the closed set
   * is accepted by the driver as it is; this is the identity, kept as the one place the mapping is said.
   */
  public static Object toParameter(Object modelValue) {
    return modelValue;
  }

  /** A DATETIME with an offset becomes an {@code OffsetDateTime}; one with a named zone stays zoned. */
  static Object dateTime(ZonedDateTime zoned) {
    return zoned.getZone() instanceof ZoneOffset ? zoned.toOffsetDateTime() : zoned;
  }

  private static Object list(Value value, boolean vector) {
    int size = value.size();
    if (size == 0) {
      return List.of();
    }
    Value first = value.get(0);
    String elementType = first.type().name();
    if (vector && first.hasType(TYPES.FLOAT())) {
      return vector(value, size);
    }
    if (!(first.hasType(TYPES.STRING()) || first.hasType(TYPES.INTEGER()) || first.hasType(TYPES.FLOAT())
        || first.hasType(TYPES.BOOLEAN()))) {
      throw new IllegalArgumentException("a Neo4j list of " + elementType + " has no kind in the model");
    }
    Object[] out = new Object[size];
    for (int i = 0; i < size; i++) {
      Value e = value.get(i);
      if (!e.hasType(first.type())) {
        throw new IllegalArgumentException("a Neo4j list mixing " + elementType + " and " + e.type().name()
            + " has no kind in the model");
      }
      out[i] = toModel(e, false);
    }
    // the JDK's immutable lists, which a Node keeps without copying; List.of(a, b) holds no array
    return switch (size) {
      case 1 -> List.of(out[0]);
      case 2 -> List.of(out[0], out[1]);
      default -> List.of(out);
    };
  }

  /** A native VECTOR: its float32 or float64 elements as the model's {@code float[]} or {@code double[]}. */
  private static Object nativeVector(Vector vector) {
    if (vector instanceof Float32Vector floats) {
      return floats.toArray();
    } else if (vector instanceof Float64Vector doubles) {
      return doubles.toArray();
    }
    throw new IllegalArgumentException("a Neo4j VECTOR of " + vector.elementType().getSimpleName()
        + " has no kind in the model (only float32 and float64 vectors have)");
  }

  /**
   * A LIST of FLOAT under a vector property: straight into a {@code float[]} while every element is exactly
   * a 32-bit float (the usual case: one array, no boxing); at the first element that is not, the elements
   * so far are widened into a {@code double[]}, which takes the rest.
   */
  private static Object vector(Value value, int size) {
    float[] floats = new float[size];
    for (int i = 0; i < size; i++) {
      double d = element(value, i);
      float f = (float) d;
      if (f != d) {
        return doubles(value, floats, i, size);
      }
      floats[i] = f;
    }
    return floats;
  }

  private static double[] doubles(Value value, float[] floats, int exactSoFar, int size) {
    double[] doubles = new double[size];
    for (int i = 0; i < exactSoFar; i++) {
      doubles[i] = floats[i];
    }
    for (int i = exactSoFar; i < size; i++) {
      doubles[i] = element(value, i);
    }
    return doubles;
  }

  private static double element(Value list, int i) {
    Value e = list.get(i);
    if (!e.hasType(TYPES.FLOAT())) {
      throw new IllegalArgumentException("a Neo4j vector list mixing FLOAT and " + e.type().name()
          + " has no kind in the model");
    }
    return e.asDouble();
  }

  /**
   * The documented string form of a DURATION: the driver's ISO-8601 rendering, months, days and seconds
   * kept apart as Neo4j stores them, for example {@code P14M3DT14706.007000000S}; Cypher's {@code
   * duration()} parses it back.
   */
  public static String durationString(IsoDuration duration) {
    return duration.toString();
  }

  /** The documented string form of a POINT: EWKT with its SRID, x before y. */
  public static String pointString(Point point) {
    if (Double.isNaN(point.z())) {
      return "SRID=" + point.srid() + ";POINT(" + point.x() + " " + point.y() + ")";
    }
    return "SRID=" + point.srid() + ";POINT Z(" + point.x() + " " + point.y() + " " + point.z() + ")";
  }
}
