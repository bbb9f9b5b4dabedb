package dev.graphshift.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The YAML spelling of the mapping's enums: lower case, words joined by {@code -}. */
final class YamlNames {
  private YamlNames() {}

  static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
    for (E e : type.getEnumConstants()) {
      if (of(e).equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  static String all(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(YamlNames::of).collect(Collectors.joining(", "));
  }
}
