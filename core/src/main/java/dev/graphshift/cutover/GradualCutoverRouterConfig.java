package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import dev.graphshift.mapping.RecordMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The settings of a {@link GradualCutoverRouter}, as its builder fixed them.
 *
 * <p>The collaborators it names (clock, store, scheduler, listeners, ...) are shared, thread-safe objects.
 *
 * <p>Immutable.
 *
 * @param name the router's name, carried by its events, logs, metrics and MBean
 * @param salt the salt of the routing hash
 * @param keyExtractor how a named read's routing key is chosen
 * @param mapper translates ids for the secondary
 * @param schedule the schedule, if any
 * @param initialShareBasisPoints the share a router without a schedule starts at
 * @param healthGate the health gates
 * @param tickInterval how often the router ticks on its own; zero when only {@link
 *     GradualCutoverRouter#tick()} calls drive it
 * @param pollInterval how often the control store is read
 * @param controlStore the shared control store, if one was given (otherwise a private in-memory one)
 * @param instanceId this application instance, as recorded in the control store
 * @param seed the seed of the random decisions for reads without a key
 * @param clock the clock of schedules, windows, polls and events
 * @param ticker the nanosecond time source of latencies
 * @param scheduler the scheduler that ticks the router, if one was injected
 * @param fallbackToPrimaryWhen which failures of the secondary are answered by the primary
 * @param fallbackToSecondaryWhen which failures of the primary are answered by the secondary
 * @param listeners the listeners, in registration order
 */
public record GradualCutoverRouterConfig(
    String name,
    String salt,
    RoutingKeyExtractor keyExtractor,
    RecordMapper mapper,
    Optional<CutoverSchedule> schedule,
    int initialShareBasisPoints,
    HealthGate healthGate,
    Duration tickInterval,
    Duration pollInterval,
    Optional<CutoverControlStore> controlStore,
    String instanceId,
    long seed,
    Clock clock,
    LongSupplier ticker,
    Optional<ScheduledExecutorService> scheduler,
    Predicate<RuntimeException> fallbackToPrimaryWhen,
    Predicate<RuntimeException> fallbackToSecondaryWhen,
    List<CutoverListener> listeners) {

  public GradualCutoverRouterConfig {
    requireNonNull(name, "name");
    requireNonNull(salt, "salt");
    requireNonNull(keyExtractor, "keyExtractor");
    requireNonNull(mapper, "mapper");
    requireNonNull(schedule, "schedule");
    requireNonNull(healthGate, "healthGate");
    requireNonNull(tickInterval, "tickInterval");
    requireNonNull(pollInterval, "pollInterval");
    requireNonNull(controlStore, "controlStore");
    requireNonNull(instanceId, "instanceId");
    requireNonNull(clock, "clock");
    requireNonNull(ticker, "ticker");
    requireNonNull(scheduler, "scheduler");
    requireNonNull(fallbackToPrimaryWhen, "fallbackToPrimaryWhen");
    requireNonNull(fallbackToSecondaryWhen, "fallbackToSecondaryWhen");
    listeners = List.copyOf(listeners);
  }
}
