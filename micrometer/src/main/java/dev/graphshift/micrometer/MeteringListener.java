package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_DURATION;
import static dev.graphshift.micrometer.GraphShiftMeters.CUTOVER_HEALTH_VERDICTS;
import static dev.graphshift.micrometer.GraphShiftMeters.MIGRATION_DURATION;
import static dev.graphshift.micrometer.GraphShiftMeters.SHADOW_LATENCY;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_MODE;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_NAME;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_OUTCOME;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_READ;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_RESUMED;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_SIDE;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_STATUS;
import static dev.graphshift.micrometer.GraphShiftMeters.TAG_VERDICT;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_DURATION;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_REPAIR_DURATION;
import static java.util.Objects.requireNonNull;

import dev.graphshift.backfill.BackfillCompletedEvent;
import dev.graphshift.backfill.BackfillListener;
import dev.graphshift.cutover.CutoverListener;
import dev.graphshift.cutover.HealthCheckedEvent;
import dev.graphshift.migration.MigrationListener;
import dev.graphshift.migration.MigrationsCompletedEvent;
import dev.graphshift.shadow.ShadowReadComparedEvent;
import dev.graphshift.shadow.ShadowReadListener;
import dev.graphshift.validation.RepairCompletedEvent;
import dev.graphshift.validation.ValidationCompletedEvent;
import dev.graphshift.validation.ValidationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Feeds Micrometer timers and counters from the GraphShift events that carry what a snapshot cannot: a
 * duration per operation, or a verdict per health window. One instance serves every component: register
 * it on the builders (it implements each listener interface it needs) and it tags each meter with the
 * name the event carries.
 *
 * <pre>{@code
 * MeteringListener metering = new MeteringListener(registry);
 * ShadowReadCoordinator shadow = ShadowReadCoordinator.builder(neo4j, engram).listener(metering).build();
 * Validator validator = Validator.builder(neo4j, engram).listener(metering).build();
 * }</pre>
 *
 * <table>
 *   <caption>What it records</caption>
 *   <tr><th>event</th><th>meter</th></tr>
 *   <tr><td>{@link ShadowReadComparedEvent}</td><td>{@value GraphShiftMeters#SHADOW_LATENCY}, once per side,
 *       tagged {@code side} and {@code read}</td></tr>
 *   <tr><td>{@link HealthCheckedEvent}</td><td>{@value GraphShiftMeters#CUTOVER_HEALTH_VERDICTS}, tagged
 *       {@code verdict}</td></tr>
 *   <tr><td>{@link BackfillCompletedEvent}</td><td>{@value GraphShiftMeters#BACKFILL_DURATION}, tagged
 *       {@code resumed}</td></tr>
 *   <tr><td>{@link ValidationCompletedEvent}</td><td>{@value GraphShiftMeters#VALIDATION_DURATION}, tagged
 *       {@code mode} and {@code outcome}</td></tr>
 *   <tr><td>{@link RepairCompletedEvent}</td><td>{@value GraphShiftMeters#VALIDATION_REPAIR_DURATION}</td></tr>
 *   <tr><td>{@link MigrationsCompletedEvent}</td><td>{@value GraphShiftMeters#MIGRATION_DURATION}, tagged
 *       {@code status}</td></tr>
 * </table>
 *
 * <p>Register it on a {@link dev.graphshift.validation.Validator}, not on a {@link
 * dev.graphshift.validation.ContinuousValidation} of it as well: both report the scheduled runs, which
 * would then be timed twice.
 *
 * <p><b>Design.</b> Meters are created on the first event of each name and tag set and kept in a
 * concurrent map, so an event costs a map lookup and a record; the tags are bounded by the components,
 * the sides, the verdicts and the application's query names. The listener never throws into a
 * component. {@link #close()} removes the meters it created; an event racing with it may register a meter
 * again, which the racing call removes itself, so after close the registry holds none of them once calls
 * in progress return. It holds the registry, never a component.
 *
 * <p>Thread-safe.
 */
public final class MeteringListener
    implements ShadowReadListener, CutoverListener, BackfillListener, ValidationListener, MigrationListener,
        AutoCloseable {
  private static final String SHADOW_LATENCY_DESCRIPTION = "Latency of each compared shadow read, per side";

  private final MeterRegistry registry;
  private final Tags tags;
  private final ConcurrentMap<Key, Meter> meters = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * A listener that registers its meters in {@code registry}.
   *
   * @throws NullPointerException if registry is null
   */
  public MeteringListener(MeterRegistry registry) {
    this(registry, Tags.empty());
  }

  /**
   * A listener that registers its meters in {@code registry}, each tagged with {@code tags} too.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code tags} sets the {@code name} tag
   */
  public MeteringListener(MeterRegistry registry, Iterable<Tag> tags) {
    this.registry = requireNonNull(registry, "registry");
    this.tags = Tags.of(requireNonNull(tags, "tags"));
    for (Tag t : this.tags) {
      if (t.getKey().equals(TAG_NAME)) {
        throw new IllegalArgumentException("the '" + TAG_NAME + "' tag is each event's component name; do not set "
            + "it among the tags: " + t);
      }
    }
  }

  @Override
  public void onCompared(ShadowReadComparedEvent event) {
    timer(SHADOW_LATENCY, SHADOW_LATENCY_DESCRIPTION, event.coordinator(), TAG_SIDE, "primary", TAG_READ, event.read())
        .ifPresent(t -> t.record(event.primaryLatency()));
    timer(SHADOW_LATENCY, SHADOW_LATENCY_DESCRIPTION, event.coordinator(), TAG_SIDE, "secondary", TAG_READ,
        event.read()).ifPresent(t -> t.record(event.secondaryLatency()));
  }

  @Override
  public void onHealthChecked(HealthCheckedEvent event) {
    meter(CUTOVER_HEALTH_VERDICTS, event.router(), new String[] {TAG_VERDICT, lower(event.window().verdict())},
        k -> Counter.builder(CUTOVER_HEALTH_VERDICTS).description("Health windows judged, by verdict")
            .baseUnit("windows").tags(tags).tags(k.tagArray()).register(registry))
        .ifPresent(m -> ((Counter) m).increment());
  }

  @Override
  public void onCompleted(BackfillCompletedEvent event) {
    timer(BACKFILL_DURATION, "Duration of each backfill run", event.name(),
        TAG_RESUMED, Boolean.toString(event.report().resumed()))
        .ifPresent(t -> t.record(Duration.between(event.report().startedAt(), event.report().finishedAt())));
  }

  @Override
  public void onCompleted(ValidationCompletedEvent event) {
    timer(VALIDATION_DURATION, "Duration of each validation", event.name(),
        TAG_MODE, lower(event.report().mode()), TAG_OUTCOME, event.passed() ? "passed" : "failed")
        .ifPresent(t -> t.record(Duration.between(event.report().startedAt(), event.report().finishedAt())));
  }

  @Override
  public void onRepaired(RepairCompletedEvent event) {
    timer(VALIDATION_REPAIR_DURATION, "Duration of each repair", event.name())
        .ifPresent(t -> t.record(Duration.between(event.report().startedAt(), event.report().finishedAt())));
  }

  @Override
  public void onCompleted(MigrationsCompletedEvent event) {
    timer(MIGRATION_DURATION, "Duration of each migration run", event.name(),
        TAG_STATUS, lower(event.report().status()))
        .ifPresent(t -> t.record(Duration.between(event.report().startedAt(), event.report().finishedAt())));
  }

  /**
   * Removes every meter this listener created from the registry and records nothing more. Closing twice
   * does nothing.
   */
  @Override
  public void close() {
    closed = true;
    for (Meter m : meters.values()) {
      registry.remove(m);
    }
    meters.clear();
  }

  @Override
  public String toString() {
    return "MeteringListener[meters=" + meters.size() + (closed ? ", closed" : "") + "]";
  }

  private Optional<Timer> timer(String name, String description, String component, String... tagPairs) {
    return meter(name, component, tagPairs, k -> Timer.builder(name).description(description).tags(tags)
        .tags(k.tagArray()).register(registry)).map(Timer.class::cast);
  }

  /** The meter of this name and tags, created on first use; empty once the listener is closed. */
  private Optional<Meter> meter(String name, String component, String[] tagPairs, Function<Key, Meter> create) {
    if (closed) {
      return Optional.empty();
    }
    String[] all = new String[tagPairs.length + 2];
    all[0] = TAG_NAME;
    all[1] = component;
    System.arraycopy(tagPairs, 0, all, 2, tagPairs.length);
    Key key = new Key(name, List.of(all));
    Meter m = meters.computeIfAbsent(key, create);
    if (closed) {
      registry.remove(m);
      meters.remove(key, m);
      return Optional.empty();
    }
    return Optional.of(m);
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** The meter of a name and tag set. */
  private record Key(String name, List<String> tags) {
    String[] tagArray() {
      return tags.toArray(String[]::new);
    }
  }
}
