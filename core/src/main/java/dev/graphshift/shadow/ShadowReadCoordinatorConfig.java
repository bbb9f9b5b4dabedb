package dev.graphshift.shadow;

import static java.util.Objects.requireNonNull;

import dev.graphshift.GraphRecord;
import dev.graphshift.QueryResult;
import dev.graphshift.cutover.RoutingKeyExtractor;
import dev.graphshift.mapping.RecordMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The settings of a {@link ShadowReadCoordinator}, as its builder fixed them.
 *
 * <p>The collaborators it names (clock, executor, scheduler, comparators, listeners, ...) are shared,
 * thread-safe objects.
 *
 * <p>Immutable.
 *
 * @param name the coordinator's name, carried by its events, logs and metrics
 * @param sampleRate the share of reads compared, in [0, 1], deterministic per key
 * @param salt the salt of the sampling hash
 * @param keyExtractor how a named read's key is chosen
 * @param mapper translates the primary's ids and records into the secondary's terms
 * @param queryComparator the comparator of named reads without one of their own
 * @param queryComparators comparators by read name
 * @param recordComparator the comparator of records read by id
 * @param maxPending the most comparisons accepted and not finished; beyond, reads are shed
 * @param timeout the longest the secondary may take to answer one read
 * @param examples the size of the reservoir of discrepancy examples
 * @param seed the seed of the reservoir
 * @param threads the threads of the coordinator's own executor (when none is injected)
 * @param executor the injected executor of comparisons, if any
 * @param scheduler the injected scheduler of the dispatcher and the timeout sweeper, if any
 * @param dispatchInterval how often queued comparisons are handed to the executor; zero for at once, on
 *     the caller's thread
 * @param clock the clock of events and examples
 * @param ticker the nanosecond time source of latencies
 * @param listeners the listeners, in registration order
 */
public record ShadowReadCoordinatorConfig(
    String name,
    double sampleRate,
    String salt,
    RoutingKeyExtractor keyExtractor,
    RecordMapper mapper,
    ShadowComparator<QueryResult> queryComparator,
    Map<String, ShadowComparator<QueryResult>> queryComparators,
    ShadowComparator<GraphRecord> recordComparator,
    int maxPending,
    Duration timeout,
    int examples,
    long seed,
    int threads,
    Optional<Executor> executor,
    Optional<ScheduledExecutorService> scheduler,
    Duration dispatchInterval,
    Clock clock,
    LongSupplier ticker,
    List<ShadowReadListener> listeners) {

  public ShadowReadCoordinatorConfig {
    requireNonNull(name, "name");
    requireNonNull(salt, "salt");
    requireNonNull(keyExtractor, "keyExtractor");
    requireNonNull(mapper, "mapper");
    requireNonNull(queryComparator, "queryComparator");
    queryComparators = Map.copyOf(queryComparators);
    requireNonNull(recordComparator, "recordComparator");
    requireNonNull(timeout, "timeout");
    requireNonNull(executor, "executor");
    requireNonNull(scheduler, "scheduler");
    requireNonNull(dispatchInterval, "dispatchInterval");
    requireNonNull(clock, "clock");
    requireNonNull(ticker, "ticker");
    listeners = List.copyOf(listeners);
  }
}
