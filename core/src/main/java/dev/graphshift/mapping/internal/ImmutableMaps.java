package dev.graphshift.mapping.internal;

import java.util.Map;

/**
 * Immutable maps built straight from a buffer of key/value pairs. The maps are the JDK's own, which
 * {@link Map#copyOf} (and so the model's records) take without copying; up to ten pairs they are built
 * without entry objects.
 */
final class ImmutableMaps {
  private ImmutableMaps() {}

  /** The map of the first {@code slots / 2} pairs of {@code kv}: keys at even indexes, distinct. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> of(Object[] kv, int slots) {
    Object[] a = kv;
    switch (slots >> 1) {
      case 0:
        return Map.of();
      case 1:
        return Map.of(k(a, 0), a[1]);
      case 2:
        return Map.of(k(a, 0), a[1], k(a, 2), a[3]);
      case 3:
        return Map.of(k(a, 0), a[1], k(a, 2), a[3], k(a, 4), a[5]);
      case 4:
        return Map.of(k(a, 0), a[1], k(a, 2), a[3], k(a, 4), a[5], k(a, 6), a[7]);
      case 5:
        return Map.of(k(a, 0), a[1], k(a, 2), a[3], k(a, 4), a[5], k(a, 6), a[7], k(a, 8), a[9]);
      case 6:
        return Map.of(k(a, 0), a[1], k(a, 2), a[3], k(a, 4), a[5], k(a, 6), a[7], k(a, 8), a[9],
            k(a, 10), a[11]);
      case 7:
        return Map.of(k(a, 0), a[1], k(a, 2), a[3], k(a, 4), a[5], k(a, 6), a[7], k(a, 8), a[9],
            k(a, 10), a[11], k(a, 12), a[13]);
      case 8:
        return Map.of(k(a, 0), a[1], k(a, 2), a[3], k(a, 4), a[5], k(a, 6), a[7], k(a, 8), a[9],
            k(a, 10), a[11], k(a, 12), a[13], k(a, 14), a[15]);
      case 9:
        return Map.of(k(a, 0), a[1], k(a, 2), a[3], k(a, 4), a[5], k(a, 6), a[7], k(a, 8), a[9],
            k(a, 10), a[11], k(a, 12), a[13], k(a, 14), a[15], k(a, 16), a[17]);
      case 10:
        return Map.of(k(a, 0), a[1], k(a, 2), a[3], k(a, 4), a[5], k(a, 6), a[7], k(a, 8), a[9],
            k(a, 10), a[11], k(a, 12), a[13], k(a, 14), a[15], k(a, 16), a[17], k(a, 18), a[19]);
      default:
        @SuppressWarnings("rawtypes")
        Map.Entry<String, Object>[] entries = new Map.Entry[slots >> 1];
        for (int i = 0; i < entries.length; i++) {
          entries[i] = Map.entry(k(a, 2 * i), a[2 * i + 1]);
        }
        return Map.ofEntries(entries);
    }
  }

  private static String k(Object[] kv, int i) {
    return (String) kv[i];
  }
}
