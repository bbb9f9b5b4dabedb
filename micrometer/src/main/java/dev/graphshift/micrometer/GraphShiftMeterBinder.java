package dev.graphshift.micrometer;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every GraphShift binder: registers meters that read a component's {@code metrics()}
 * snapshot, tagged {@code name=<component name>}, and removes them again on {@link #close()}. It is also
 * the extension point for components written later: a subclass names its meters with constants of
 * {@link GraphShiftMeters} and declares them in {@link #declare(Meters)}, as {@link RunbookMetricsBinder}
 * does.
 *
 * <pre>{@code
 * public final class RunbookMetricsBinder extends GraphShiftMeterBinder<MigrationRunbook> {
 *   public RunbookMetricsBinder(MigrationRunbook runbook, Iterable<Tag> tags) {
 *     super(runbook, runbook.name(), tags);
 *   }
 *
 *   protected void declare(Meters<MigrationRunbook> meters) {
 *     meters.counter(GraphShiftMeters.RUNBOOK_ADVANCES, null, "Advances", r -> r.metrics().advances());
 *   }
 * }
 * }</pre>
 *
 * <p><b>Design.</b> The binder and every meter it registers hold the component only weakly, as
 * Micrometer's own binders do: the registry never keeps a component alive, and once the component is
 * collected its gauges read NaN and its counters keep their last value. The functions given to {@link
 * Meters} therefore receive the component as their argument and must not capture it. Each meter reads a
 * fresh snapshot when the registry publishes (snapshots are sums of counters, cheap to take). Binding
 * and closing are serialized on the binder; binding to a registry twice is a no-op; binding a meter that
 * another component already registered under the same name and tags fails instead of silently reading
 * the other component. The meters are registered only when every one of them is free.
 *
 * <p>Thread-safe.
 *
 * @param <C> the component's type
 */
public abstract class GraphShiftMeterBinder<C> implements MeterBinder, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GraphShiftMeterBinder.class);

  private final WeakReference<C> component;
  private final String componentName;
  private final Tags tags;
  private final Map<MeterRegistry, List<Meter>> bound = new IdentityHashMap<>(); // guarded by this
  private boolean closed; // guarded by this

  /**
   * A binder of {@code component}'s meters, tagged {@code name=<componentName>} and {@code tags}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  protected GraphShiftMeterBinder(C component, String componentName, Iterable<Tag> tags) {
    requireNonNull(component, "component");
    requireNonNull(componentName, "componentName");
    requireNonNull(tags, "tags");
    Tags extra = Tags.of(tags);
    for (Tag t : extra) {
      if (t.getKey().equals(GraphShiftMeters.TAG_NAME)) {
        throw new IllegalArgumentException("the '" + GraphShiftMeters.TAG_NAME + "' tag is the component's name ('"
            + componentName + "'); do not set it among the tags: " + t);
      }
    }
    this.component = new WeakReference<>(component);
    this.componentName = componentName;
    this.tags = extra.and(GraphShiftMeters.TAG_NAME, componentName);
  }

  /** Declares this binder's meters; called once for each registry it is bound to, with the live component. */
  protected abstract void declare(Meters<C> meters);

  /** The name of the component, the value of the {@code name} tag. */
  public final String componentName() {
    return componentName;
  }

  /** The tags every meter of this binder carries: {@code name} and those given to the constructor. */
  public final Tags tags() {
    return tags;
  }

  /**
   * Registers the component's meters in {@code registry}. Binding to a registry this binder is bound to
   * already does nothing; a component already collected registers nothing.
   *
   * @throws NullPointerException if registry is null
   * @throws IllegalStateException if the binder is closed, or if {@code registry} holds a meter of the same
   *     name and tags already (another component of the same name): no meter is registered then
   */
  @Override
  public final synchronized void bindTo(MeterRegistry registry) {
    requireNonNull(registry, "registry");
    if (closed) {
      throw new IllegalStateException("the binder of '" + componentName + "' is closed");
    }
    if (bound.containsKey(registry)) {
      return;
    }
    C c = component.get();
    if (c == null) {
      log.debug("graphshift.micrometer.component_collected name={} binder={}", componentName,
          getClass().getSimpleName());
      return;
    }
    Meters<C> meters = new Meters<>();
    declare(meters);
    for (Spec<C> spec : meters.specs) {
      Tags all = tags.and(spec.tags);
      Meter existing = registry.find(spec.name).tags(all).meter();
      if (existing != null) {
        throw new IllegalStateException("the registry holds " + existing.getId() + " already, so it cannot also "
            + "read '" + componentName + "' (" + getClass().getSimpleName() + "): give each component its own "
            + "name, or bind them with distinct tags");
      }
    }
    List<Meter> registered = new ArrayList<>(meters.specs.size());
    for (Spec<C> spec : meters.specs) {
      registered.add(spec.register(registry, c, tags));
    }
    bound.put(registry, List.copyOf(registered));
  }

  /** The meters this binder has registered and not removed, in every registry. */
  public final synchronized List<Meter> meters() {
    List<Meter> all = new ArrayList<>();
    bound.values().forEach(all::addAll);
    return List.copyOf(all);
  }

  /**
   * Removes every meter this binder registered from every registry it was bound to. It cannot be bound
   * again. Closing twice does nothing. The component itself is not closed.
   */
  @Override
  public final synchronized void close() {
    for (Map.Entry<MeterRegistry, List<Meter>> e : bound.entrySet()) {
      for (Meter m : e.getValue()) {
        e.getKey().remove(m);
      }
    }
    bound.clear();
    closed = true;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + componentName + "]";
  }

  /**
   * The meters a binder declares: counters (monotonic counts), gauges (levels) and time gauges
   * (durations), each named with a constant of {@link GraphShiftMeters} and read from the component by a
   * function that must not capture the component.
   *
   * <p>Not thread-safe; confine to one thread.
   *
   * @param <C> the component's type
   */
  public static final class Meters<C> {
    private final List<Spec<C>> specs = new ArrayList<>();

    private Meters() {}

    /**
     * A {@link FunctionCounter}: a count that only grows.
     *
     * @param name the meter's name, under {@value GraphShiftMeters#PREFIX}
     * @param baseUnit what it counts, for example {@code records}; null for none
     * @param description what it means
     * @param count reads the count from the component
     * @param tags this meter's own tags, as key, value, key, value, ...
     * @throws IllegalArgumentException if the name is outside the prefix or a tag has no value
     */
    public Meters<C> counter(String name, @Nullable String baseUnit, String description, ToDoubleFunction<C> count,
        String... tags) {
      return add(Spec.Type.COUNTER, name, baseUnit, description, count, tags);
    }

    /**
     * A {@link Gauge}: a level, read when published.
     *
     * @param name the meter's name, under {@value GraphShiftMeters#PREFIX}
     * @param baseUnit the unit of the level, for example {@code entries}; null for none (a ratio, 1 or 0)
     * @param description what it means
     * @param value reads the level from the component (NaN when there is none yet)
     * @param tags this meter's own tags, as key, value, key, value, ...
     * @throws IllegalArgumentException if the name is outside the prefix or a tag has no value
     */
    public Meters<C> gauge(String name, @Nullable String baseUnit, String description, ToDoubleFunction<C> value,
        String... tags) {
      return add(Spec.Type.GAUGE, name, baseUnit, description, value, tags);
    }

    /**
     * A {@link TimeGauge}: a duration, read in nanoseconds and published in the registry's time unit.
     *
     * @param name the meter's name, under {@value GraphShiftMeters#PREFIX}
     * @param description what it means
     * @param nanos reads the duration from the component, in nanoseconds (NaN when there is none yet)
     * @param tags this meter's own tags, as key, value, key, value, ...
     * @throws IllegalArgumentException if the name is outside the prefix or a tag has no value
     */
    public Meters<C> timeGauge(String name, String description, ToDoubleFunction<C> nanos, String... tags) {
      return add(Spec.Type.TIME_GAUGE, name, "nanoseconds", description, nanos, tags);
    }

    private Meters<C> add(Spec.Type type, String name, @Nullable String baseUnit, String description,
        ToDoubleFunction<C> f, String... tags) {
      requireNonNull(name, "name");
      requireNonNull(description, "description");
      requireNonNull(f, "f");
      requireNonNull(tags, "tags");
      if (!name.startsWith(GraphShiftMeters.PREFIX)) {
        throw new IllegalArgumentException("a GraphShift meter's name starts with '" + GraphShiftMeters.PREFIX
            + "': " + name);
      }
      if (tags.length % 2 != 0) {
        throw new IllegalArgumentException("tags come as key, value pairs: " + String.join(",", tags));
      }
      specs.add(new Spec<>(type, name, baseUnit, description, f, Tags.of(tags)));
      return this;
    }
  }

  /** One declared meter. */
  private record Spec<C>(Type type, String name, @Nullable String baseUnit, String description, ToDoubleFunction<C> f,
      Tags tags) {
    enum Type { COUNTER, GAUGE, TIME_GAUGE }

    Meter register(MeterRegistry registry, C component, Tags common) {
      Tags all = common.and(tags);
      return switch (type) {
        case COUNTER -> FunctionCounter.builder(name, component, f)
            .baseUnit(baseUnit).description(description).tags(all).register(registry);
        case GAUGE -> Gauge.builder(name, component, f)
            .baseUnit(baseUnit).description(description).tags(all).register(registry);
        case TIME_GAUGE -> TimeGauge.builder(name, component, TimeUnit.NANOSECONDS, f)
            .description(description).tags(all).register(registry);
      };
    }
  }
}
