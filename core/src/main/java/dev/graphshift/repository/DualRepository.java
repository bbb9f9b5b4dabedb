package dev.graphshift.repository;

import static java.util.Objects.requireNonNull;

import dev.graphshift.repository.internal.RepositoryHandler;
import dev.graphshift.shadow.ShadowReport;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

/**
 * A repository proxy and its controls: the {@link #proxy()} the application calls, and what an
 * operator needs around it ({@link #metrics()}, {@link #shadowReport()}, {@link #parked()}, {@link
 * #replay(long)}, {@link #close()}). Made by {@link Repositories#dual}; found again from a proxy with
 * {@link Repositories#of(Object)}.
 *
 * <p>Thread-safe.
 *
 * @param <T> the repository interface
 */
public final class DualRepository<T> implements AutoCloseable {
  private final Class<T> type;
  private final T proxy;
  private final RepositoryHandler handler;
  private final RepositoryPolicy policy;

  DualRepository(Class<T> type, T primaryBean, T secondaryBean, RepositoryPolicy policy) {
    this.type = type;
    this.policy = policy;
    this.handler = new RepositoryHandler(type, primaryBean, secondaryBean, policy);
    this.proxy = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    handler.bind(this);
  }

  /** The proxy the application calls in place of its repository bean. */
  public T proxy() {
    return proxy;
  }

  /** The repository interface. */
  public Class<T> type() {
    return type;
  }

  /** The proxy's name: the policy's name and the interface's simple name, e.g. {@code repository/PersonRepository}. */
  public String name() {
    return handler.name();
  }

  /** The policy. */
  public RepositoryPolicy policy() {
    return policy;
  }

  /** How each method was classified, by name and parameter types (e.g. {@code save(Person)}). */
  public Map<String, MethodKind> classification() {
    return handler.classification();
  }

  /** A snapshot of the counters and gauges. */
  public RepositoryMetrics metrics() {
    return handler.metrics();
  }

  /** The shadowed reads' comparisons so far, with a sample of their discrepancies. */
  public ShadowReport shadowReport() {
    return handler.shadowReport();
  }

  /** Whether no asynchronous write and no comparison waits or runs. */
  public boolean idle() {
    return handler.idle();
  }

  /** The parked writes, oldest first. */
  public List<ParkedWrite> parked() {
    return handler.parked();
  }

  /**
   * Tries a parked write again from its first attempt, behind the writes of its key queued now. A write
   * of its key made since it was parked may have reached the other bean already, and the replay lands
   * after it: replay when the key has not been written since, or prefer the validator's repair.
   *
   * @return whether the entry was parked
   */
  public boolean replay(long sequence) {
    return handler.replay(sequence);
  }

  /**
   * Drops a parked write (after repairing its record by other means).
   *
   * @return whether the entry was parked
   */
  public boolean discard(long sequence, String reason) {
    requireNonNull(reason, "reason");
    return handler.discard(sequence, reason);
  }

  /**
   * Stops taking asynchronous writes (later ones are parked), waits up to the policy's close timeout for
   * those queued, parks what is left, and stops the threads the proxy created. The beans stay open.
   * Idempotent.
   */
  @Override
  public void close() {
    handler.close();
  }

  @Override
  public String toString() {
    return "DualRepository[" + name() + "]";
  }
}
