package dev.graphshift.repository.internal;

import static java.util.Objects.requireNonNull;

import dev.graphshift.repository.MethodKind;
import dev.graphshift.repository.Read;
import dev.graphshift.repository.RepositoryPolicyConfig;
import dev.graphshift.repository.RoutingKey;
import dev.graphshift.repository.Write;
import dev.graphshift.shadow.ShadowComparator;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the proxy handles one method of the repository interface, decided once when the interface is
 * wrapped: its kind, the index of its routing key, its comparator.
 *
 * <p>Classification, first match wins: {@code @Write} or {@code @Read} on the method; the policy's
 * treatment of its name; the naming conventions (a name that is, or starts with followed by a capital
 * or a digit, {@code save create update delete remove put} for writes, {@code find get count exists list
 * search} for reads: {@code saveAll} and {@code findById} match, {@code settle} and {@code getaway} do
 * not); the policy's treatment of every other method. A method none of these classifies is refused.
 * {@code default} and {@code static} methods and the methods of {@code Object} are not classified: a
 * default method runs on the proxy, so the calls it makes are classified.
 *
 * <p>Immutable.
 *
 * @param method the interface method
 * @param description its name and parameter types, e.g. {@code save(Person)}
 * @param kind how it is treated
 * @param keyIndex the index of its {@code @RoutingKey} parameter, or -1
 * @param comparator the comparator of its answers, for a read
 */
public record MethodPlan(
    Method method, String description, MethodKind kind, int keyIndex, ShadowComparator<Object> comparator) {

  /** Name prefixes of writes. */
  public static final List<String> WRITE_PREFIXES = List.of("save", "create", "update", "delete", "remove", "put");
  /** Name prefixes of reads. */
  public static final List<String> READ_PREFIXES = List.of("find", "get", "count", "exists", "list", "search");

  public MethodPlan {
    requireNonNull(method, "method");
    requireNonNull(description, "description");
    requireNonNull(kind, "kind");
    requireNonNull(comparator, "comparator");
  }

  /**
   * The plans of every method of {@code type} that the proxy handles.
   *
   * @throws IllegalArgumentException naming every method that cannot be classified, that carries both
   *     annotations or two routing keys, or that the proxy cannot call
   */
  public static Map<Method, MethodPlan> classify(Class<?> type, RepositoryPolicyConfig config) {
    Map<Method, MethodPlan> plans = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || isObjectMethod(m)) {
        continue;
      }
      String description = describe(m);
      boolean write = m.isAnnotationPresent(Write.class);
      boolean read = m.isAnnotationPresent(Read.class);
      if (write && read) {
        problems.add(description + " is annotated both @Write and @Read");
        continue;
      }
      Optional<MethodKind> kind = write ? Optional.of(MethodKind.WRITE)
          : read ? Optional.of(MethodKind.READ)
          : Optional.ofNullable(config.treatments().get(m.getName())).or(() -> byName(m.getName()))
              .or(config::otherwise);
      if (kind.isEmpty()) {
        problems.add(description + " is neither @Write nor @Read and its name follows no convention");
        continue;
      }
      int keyIndex = -1;
      Annotation[][] annotations = m.getParameterAnnotations();
      for (int i = 0; i < annotations.length; i++) {
        if (Arrays.stream(annotations[i]).anyMatch(a -> a instanceof RoutingKey)) {
          if (keyIndex >= 0) {
            problems.add(description + " has more than one @RoutingKey parameter");
          }
          keyIndex = i;
        }
      }
      if (!m.trySetAccessible() && !Modifier.isPublic(type.getModifiers())) {
        problems.add(description + " cannot be called: " + type.getName() + " is not public and not open to GraphShift");
        continue;
      }
      ShadowComparator<Object> comparator = config.comparators().getOrDefault(m.getName(), config.comparator());
      plans.put(m, new MethodPlan(m, description, kind.get(), keyIndex, comparator));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("cannot wrap " + type.getName() + ": " + String.join("; ", problems)
          + ". Annotate the methods with @dev.graphshift.repository.Write or @Read, or tell the policy how to treat"
          + " them (treat(name, kind), otherwise(kind))");
    }
    return Map.copyOf(plans);
  }

  /** The kind the naming conventions give a method name, if any. */
  public static Optional<MethodKind> byName(String name) {
    if (startsWithWord(name, WRITE_PREFIXES)) {
      return Optional.of(MethodKind.WRITE);
    }
    if (startsWithWord(name, READ_PREFIXES)) {
      return Optional.of(MethodKind.READ);
    }
    return Optional.empty();
  }

  private static boolean startsWithWord(String name, List<String> prefixes) {
    for (String p : prefixes) {
      if (name.startsWith(p) && (name.length() == p.length() || !Character.isLowerCase(name.charAt(p.length())))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isObjectMethod(Method m) {
    try {
      Object.class.getMethod(m.getName(), m.getParameterTypes());
      return true;
    } catch (NoSuchMethodException notOnObject) {
      return false;
    }
  }

  /** A method's name and simple parameter type names: {@code save(Person)}. */
  public static String describe(Method m) {
    return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
