package dev.graphshift.mapping.internal;

import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The compiled mapping of the relationships of one type: target type resolved once, property plan,
 * weight rule.
 *
 * <p>Immutable.
 */
public final class RelationshipPlan {
  private final PropertyPlan properties;
  private final String targetType;
  private final boolean typeUnchanged;
  private final String weightProperty;
  /** The boxed weight when it is a constant, else null. */
  private final @Nullable Double constantWeight;
  /** The property the weight is computed from, or null for a constant weight or none. */
  private final @Nullable String weightSource;
  private final double divisor;
  private final double max;
  private final boolean hasWeight;
  private final boolean passThrough;

  RelationshipPlan(PropertyPlan properties, String targetType, boolean typeUnchanged, String weightProperty,
      @Nullable Double constantWeight, @Nullable String weightSource, double divisor, double max) {
    this.properties = properties;
    this.targetType = targetType;
    this.typeUnchanged = typeUnchanged;
    this.weightProperty = weightProperty;
    this.constantWeight = constantWeight;
    this.weightSource = weightSource;
    this.divisor = divisor;
    this.max = max;
    this.hasWeight = constantWeight != null || weightSource != null;
    this.passThrough = properties.passThrough && typeUnchanged && !hasWeight;
  }

  /** The target type of these relationships. */
  public String targetType() {
    return targetType;
  }

  /**
   * Maps a relationship.
   *
   * @return the mapped {@link Relationship} (the same instance when nothing changes) or a {@link Rejected}
   */
  public Object map(Relationship rel, Scratch s) {
    Map<String, Object> src = rel.properties();
    if (passThrough) {
      return properties.hasRequired(src, s) ? rel : rejected(rel, s);
    }
    int n = properties.map(src, s);
    if (n < 0) {
      return rejected(rel, s);
    }
    if (hasWeight) {
      Object weight = constantWeight != null ? constantWeight : weight(src, s);
      if (weight == null) {
        return rejected(rel, s);
      }
      s.kv[n++] = weightProperty;
      s.kv[n++] = weight;
    } else if (!s.changed && typeUnchanged) {
      return rel;
    }
    return new Relationship(rel.id(), targetType, rel.startId(), rel.endId(), ImmutableMaps.of(s.kv, n));
  }

  private @Nullable Object weight(Map<String, Object> src, Scratch s) {
    String key = Objects.requireNonNull(weightSource, "weightSource");
    Object v = src.get(key);
    double x;
    if (v instanceof Double d) {
      x = d;
    } else if (v instanceof Long l) {
      x = l;
    } else if (v == null) {
      s.reject(Rules.REQUIRED_PROPERTY, properties.context + ": the weight needs the property '" + key
          + "', which is absent");
      return null;
    } else {
      s.reject(Rules.CONVERSION, properties.context + ": the weight needs the property '" + key
          + "' to be a number, but it is a " + Values.describe(v));
      return null;
    }
    double w = Math.min(x / divisor, max);
    if (!Double.isFinite(w)) {
      s.reject(Rules.VALUE_NOT_FINITE, properties.context + ": the weight computed from '" + key + "' ("
          + x + ") is " + w + ", which is not finite");
      return null;
    }
    // The weight of a plain property is the property's own value: no new box.
    return w == x && v instanceof Double ? v : Double.valueOf(w);
  }

  private static Rejected rejected(Relationship rel, Scratch s) {
    return new Rejected(rel, s.rule(), s.message());
  }
}
