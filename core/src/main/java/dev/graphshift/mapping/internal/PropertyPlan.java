package dev.graphshift.mapping.internal;

import dev.graphshift.Rules;
import dev.graphshift.mapping.ValuePolicies;
import dev.graphshift.mapping.ValuePolicy;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;

/**
 * The compiled property rules of one label set or relationship type: a small map from source property
 * to its resolved operation, and arrays of required properties and derived constants. Mapping a record
 * walks its properties once, with one hash lookup per property when the plan has operations.
 *
 * <p>Immutable.
 */
final class PropertyPlan {
  final String context;
  private final String mappingName;
  private final Map<String, PropertyOp> ops;
  private final boolean hasOps;
  private final String[] required;
  private final boolean keepUnmapped;
  private final ValuePolicies values;
  private final boolean checkValues;
  private final String[] constantNames;
  private final Object[] constantValues;
  /** The most pairs a record can gain: copies, constants, and one embedding or weight. */
  private final int extraPairs;
  /** Whether the plan leaves every record's properties as they are (once the required ones are checked). */
  final boolean passThrough;

  PropertyPlan(String context, String mappingName, Map<String, PropertyOp> ops, String[] required,
      boolean keepUnmapped, ValuePolicies values, String[] constantNames, Object[] constantValues) {
    this.context = context;
    this.mappingName = mappingName;
    this.ops = ops;
    this.hasOps = !ops.isEmpty();
    this.required = required;
    this.keepUnmapped = keepUnmapped;
    this.values = values;
    this.checkValues = !values.keepsAll();
    this.constantNames = constantNames;
    this.constantValues = constantValues;
    int copies = 0;
    for (PropertyOp op : ops.values()) {
      copies += op.copyTo.length;
    }
    this.extraPairs = copies + constantNames.length + 1;
    this.passThrough = !hasOps && keepUnmapped && constantNames.length == 0 && !checkValues;
  }

  /** Checks the required properties; false (with the reason in the scratch) if one is absent. */
  boolean hasRequired(Map<String, Object> src, Scratch s) {
    for (String key : required) {
      if (!src.containsKey(key)) {
        s.reject(Rules.REQUIRED_PROPERTY, context + ": the required property '" + key + "' is absent");
        return false;
      }
    }
    return true;
  }

  /**
   * Maps a record's properties into the scratch's buffer of key/value pairs.
   *
   * @return the number of slots used (twice the number of properties), or -1 if the record is rejected
   */
  int map(Map<String, Object> src, Scratch s) {
    s.changed = false;
    s.embedding = null;
    if (!hasRequired(src, s)) {
      return -1;
    }
    Object[] kv = s.ensure(2 * (src.size() + extraPairs));
    int n = 0;
    for (Map.Entry<String, Object> e : src.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      PropertyOp op = hasOps ? ops.get(key) : null;
      if (op == null) {
        if (!keepUnmapped) {
          s.changed = true;
          continue;
        }
        if (checkValues) {
          ValuePolicy policy = policy(value);
          if (policy == ValuePolicy.DROP) {
            s.changed = true;
            continue;
          } else if (policy == ValuePolicy.REJECT) {
            return forbidden(key, value, s);
          }
        }
        kv[n++] = key;
        kv[n++] = value;
        continue;
      }
      s.changed = true;
      if (op.embedding) {
        s.embedding = value;
        continue;
      }
      if (op.conversion != null) {
        value = Values.convert(op.conversion, context, key, value, s);
        if (value == null) {
          return -1;
        }
      }
      String target = op.target;
      if (target != null) {
        if (op.alwaysConflicts) {
          return s.reject(Rules.PROPERTY_CONFLICT, context + ": property '" + key + "' is renamed to '" + target
              + "', a field the mapping '" + mappingName + "' derives");
        }
        for (String other : op.conflicts) {
          if (src.containsKey(other)) {
            return s.reject(Rules.PROPERTY_CONFLICT, context + ": property '" + key + "' is renamed to '" + target
                + "', but property '" + other + "' of the same record is carried over under that name");
          }
        }
        if (checkValues) {
          ValuePolicy policy = policy(value);
          if (policy == ValuePolicy.REJECT) {
            return forbidden(key, value, s);
          }
          if (policy == ValuePolicy.KEEP) {
            kv[n++] = target;
            kv[n++] = value;
          }
        } else {
          kv[n++] = target;
          kv[n++] = value;
        }
      }
      for (String field : op.copyTo) {
        kv[n++] = field;
        kv[n++] = value;
      }
    }
    for (int i = 0; i < constantNames.length; i++) {
      kv[n++] = constantNames[i];
      kv[n++] = constantValues[i];
      s.changed = true;
    }
    return n;
  }

  private ValuePolicy policy(Object value) {
    if (value instanceof float[] || value instanceof double[]) {
      return values.vectors();
    } else if (value instanceof List) {
      return values.lists();
    } else if (value instanceof TemporalAccessor) {
      return values.temporals();
    }
    return ValuePolicy.KEEP;
  }

  private int forbidden(String key, Object value, Scratch s) {
    String kind = value instanceof List ? "lists" : value instanceof TemporalAccessor ? "temporals" : "vectors";
    return s.reject(Rules.VALUE_FORBIDDEN, context + ": property '" + key + "' (" + Values.describe(value)
        + ") is of a kind the mapping '" + mappingName + "' rejects (values." + kind + ": reject)");
  }
}
