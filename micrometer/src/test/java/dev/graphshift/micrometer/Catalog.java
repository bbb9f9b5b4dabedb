package dev.graphshift.micrometer;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

/** The constants of {@link GraphShiftMeters}, read by reflection. */
final class Catalog {
  private Catalog() {}

  /** Every meter name. */
  static Set<String> meterNames() {
    return constants(false);
  }

  /** The meter names under {@code prefix}. */
  static Set<String> meterNames(String prefix) {
    Set<String> names = new TreeSet<>();
    for (String n : meterNames()) {
      if (n.startsWith(prefix)) {
        names.add(n);
      }
    }
    return names;
  }

  /** Every tag key. */
  static Set<String> tagKeys() {
    return constants(true);
  }

  private static Set<String> constants(boolean tags) {
    Set<String> values = new TreeSet<>();
    for (Field f : GraphShiftMeters.class.getFields()) {
      int m = f.getModifiers();
      if (!Modifier.isStatic(m) || !Modifier.isFinal(m) || f.getType() != String.class
          || f.getName().equals("PREFIX") || f.getName().startsWith("TAG_") != tags) {
        continue;
      }
      try {
        values.add((String) f.get(null));
      } catch (IllegalAccessException e) {
        throw new AssertionError("cannot read GraphShiftMeters." + f.getName(), e);
      }
    }
    return values;
  }
}
