package dev.graphshift.repository.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing key of a repository call: the {@code @RoutingKey} argument, else the first argument when
 * it is an id (a string, number, UUID, enum, boolean or character) or has an {@code id()} or {@code
 * getId()} accessor; an id's key is its {@code toString()}, an entity's the {@code toString()} of its id.
 * Accessors are looked up once per class.
 *
 * <p>Thread-safe.
 */
public final class Keys {
  private static final Logger log = LoggerFactory.getLogger(Keys.class);
  private static final ClassValue<Optional<Method>> ACCESSORS = new ClassValue<>() {
    @Override
    protected Optional<Method> computeValue(Class<?> type) {
      for (String name : new String[] {"id", "getId"}) {
        try {
          Method m = type.getMethod(name);
          if (m.getReturnType() != void.class && !Modifier.isStatic(m.getModifiers()) && m.trySetAccessible()) {
            return Optional.of(m);
          }
        } catch (NoSuchMethodException absent) {
          // this accessor name is not there; try the next
        }
      }
      return Optional.empty();
    }
  };

  private final String repository;
  private final LongAdder failures = new LongAdder();

  /** Keys for the proxy named {@code repository}. */
  public Keys(String repository) {
    this.repository = repository;
  }

  /** Accessors that threw while a key was taken; logged at WARN. */
  public long failures() {
    return failures.sum();
  }

  /** The call's key, or null when it has none. */
  public @Nullable String of(MethodPlan plan, @Nullable Object @Nullable [] args) {
    if (args == null || args.length == 0) {
      return null;
    }
    if (plan.keyIndex() >= 0) {
      Object v = args[plan.keyIndex()];
      if (v == null) {
        return "null";
      }
      String k = scalar(v);
      if (k == null) {
        k = id(plan, v);
      }
      return k != null ? k : String.valueOf(v);
    }
    Object first = args[0];
    if (first == null) {
      return null;
    }
    String k = scalar(first);
    return k != null ? k : id(plan, first);
  }

  private static @Nullable String scalar(Object v) {
    if (v instanceof CharSequence || v instanceof Number || v instanceof UUID || v instanceof Enum<?>
        || v instanceof Boolean || v instanceof Character) {
      return v.toString();
    }
    return null;
  }

  private @Nullable String id(MethodPlan plan, Object v) {
    Optional<Method> accessor = ACCESSORS.get(v.getClass());
    if (accessor.isEmpty()) {
      return null;
    }
    try {
      Object id = accessor.get().invoke(v);
      return id == null ? null : String.valueOf(id);
    } catch (ReflectiveOperationException | RuntimeException e) {
      failures.increment();
      log.warn("graphshift.repository.key_failed name={} method={} accessor={} error={} (the call goes on without a"
          + " key)", repository, plan.description(), accessor.get(), e.toString());
      return null;
    }
  }
}
