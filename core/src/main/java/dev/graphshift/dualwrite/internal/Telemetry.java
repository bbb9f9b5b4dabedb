package dev.graphshift.dualwrite.internal;

import dev.graphshift.dualwrite.DualWriteListener;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counters of a coordinator and the dispatch of its events to listeners. Events are built only
 * when {@link #active()}; a listener that throws is logged at WARN and counted, never propagated.
 *
 * <p>Thread-safe.
 */
public final class Telemetry {
  private static final Logger log = LoggerFactory.getLogger(Telemetry.class);

  private final String name;
  private final List<DualWriteListener> listeners;

  public final LongAdder writes = new LongAdder();
  public final LongAdder secondaryWrites = new LongAdder();
  public final LongAdder secondaryFailures = new LongAdder();
  public final LongAdder deadLettered = new LongAdder();
  public final LongAdder spilled = new LongAdder();
  public final LongAdder retries = new LongAdder();
  public final LongAdder rejected = new LongAdder();
  public final LongAdder backfillWritten = new LongAdder();
  public final LongAdder backfillSkipped = new LongAdder();
  public final LongAdder backfillClaimOverruns = new LongAdder();
  public final LongAdder forwardFailures = new LongAdder();
  public final LongAdder listenerFailures = new LongAdder();
  public final LongAdder workerFailures = new LongAdder();

  public Telemetry(String name, List<DualWriteListener> listeners) {
    this.name = name;
    this.listeners = List.copyOf(listeners);
  }

  /** Whether any listener is registered (build events only then). */
  public boolean active() {
    return !listeners.isEmpty();
  }

  /** Delivers an event to every listener. */
  public void emit(String event, Consumer<DualWriteListener> call) {
    for (DualWriteListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        listenerFailures.increment();
        log.warn("graphshift.dualwrite.listener_failed name={} event={} listener={}", name, event,
            l.getClass().getName(), e);
      }
    }
  }
}
