package dev.graphshift.repository;

import static java.util.Objects.requireNonNull;

import dev.graphshift.retry.Backoff;
import dev.graphshift.runbook.MigrationPhase;
import dev.graphshift.shadow.ShadowComparator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The settings of a {@link RepositoryPolicy}, as built; each is described on the builder's setter.
 *
 * <p>Immutable.
 *
 * @param name the name carried by the proxies' logs, events and metrics
 * @param phase where the migration stands, asked on every call
 * @param share the share of reads the new bean answers during {@link MigrationPhase#CUTOVER}, in basis
 *     points, asked on every routed read
 * @param reverseWrites whether writes reach the old bean after the new one in {@link
 *     MigrationPhase#DECOMMISSION}
 * @param capacity the most asynchronous writes waiting or running at once
 * @param maxAttempts attempts of an asynchronous write before it is parked
 * @param backoff the delay between attempts
 * @param seed the seed of the backoff's jitter
 * @param retryOn which failures of an asynchronous write are tried again (the others park at once)
 * @param comparator the comparator of shadowed reads without one of their own
 * @param comparators comparators by method name
 * @param sampleRate the share of shadowable reads compared, by key
 * @param salt the salt of the routing and sampling hash
 * @param maxPendingComparisons the most comparisons waiting or running at once
 * @param examples the size of the reservoir of discrepancy examples
 * @param fallback whether a read routed to the new bean that fails is answered by the old one
 * @param treatments how methods that neither annotations nor names classify are treated, by name
 * @param otherwise how every other unclassified method is treated; empty to refuse them at wrap time
 * @param maxParked the most parked writes kept per proxy
 * @param closeTimeout how long closing a proxy waits for its asynchronous writes
 * @param executor the executor of asynchronous writes and comparisons, if injected
 * @param scheduler the scheduler of retries, if injected
 * @param threads the threads of each proxy's own executor, when none is injected
 * @param clock the clock of events and examples
 * @param listeners the listeners
 */
public record RepositoryPolicyConfig(
    String name,
    Supplier<MigrationPhase> phase,
    IntSupplier share,
    boolean reverseWrites,
    int capacity,
    int maxAttempts,
    Backoff backoff,
    long seed,
    Predicate<Throwable> retryOn,
    ShadowComparator<Object> comparator,
    Map<String, ShadowComparator<Object>> comparators,
    double sampleRate,
    String salt,
    int maxPendingComparisons,
    int examples,
    boolean fallback,
    Map<String, MethodKind> treatments,
    Optional<MethodKind> otherwise,
    int maxParked,
    Duration closeTimeout,
    Optional<Executor> executor,
    Optional<ScheduledExecutorService> scheduler,
    int threads,
    Clock clock,
    List<RepositoryListener> listeners) {

  public RepositoryPolicyConfig {
    requireNonNull(name, "name");
    requireNonNull(phase, "phase");
    requireNonNull(share, "share");
    requireNonNull(backoff, "backoff");
    requireNonNull(retryOn, "retryOn");
    requireNonNull(comparator, "comparator");
    comparators = Map.copyOf(comparators);
    requireNonNull(salt, "salt");
    treatments = Map.copyOf(treatments);
    requireNonNull(otherwise, "otherwise");
    requireNonNull(closeTimeout, "closeTimeout");
    requireNonNull(executor, "executor");
    requireNonNull(scheduler, "scheduler");
    requireNonNull(clock, "clock");
    listeners = List.copyOf(listeners);
  }
}
