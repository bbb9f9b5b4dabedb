package dev.graphshift.backfill.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Dispatches events to the listeners a component was built with. The event is created only when at
 * least one listener is registered; a listener that throws is logged at WARN under the component's
 * stable key ({@code <prefix>.listener_failed}) and counted, and never fails the operation that emitted
 * the event.
 *
 * <p>Thread-safe.
 *
 * @param <L> the listener interface
 */
public final class ListenerSupport<L> {
  private final String component;
  private final String failedKey;
  private final List<L> listeners;
  private final Logger log;
  private final AtomicLong failures = new AtomicLong();

  /**
   * Creates the dispatcher.
   *
   * @param component the name of the emitting component
   * @param logPrefix the stable key prefix, for example {@code graphshift.backfill}
   * @param listeners the listeners, copied
   * @param log the component's logger
   */
  public ListenerSupport(String component, String logPrefix, List<L> listeners, Logger log) {
    this.component = component;
    this.failedKey = logPrefix + ".listener_failed name={} event={} listener={}";
    this.listeners = List.copyOf(listeners);
    this.log = log;
  }

  /** Whether any listener is registered, so that an event is worth creating. */
  public boolean active() {
    return !listeners.isEmpty();
  }

  /** The listeners that threw, counted since creation. */
  public long failures() {
    return failures.get();
  }

  /** Creates the event if anyone listens and hands it to each listener. */
  public <E> void emit(Supplier<E> event, BiConsumer<L, E> method) {
    if (listeners.isEmpty()) {
      return;
    }
    E e = event.get();
    for (L listener : listeners) {
      try {
        method.accept(listener, e);
      } catch (RuntimeException ex) {
        failures.incrementAndGet();
        log.warn(failedKey, component, e.getClass().getSimpleName(), listener.getClass().getName(), ex);
      }
    }
  }
}
