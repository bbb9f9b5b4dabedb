package dev.graphshift.neo4j.internal;

import dev.graphshift.GraphRecord;
import dev.graphshift.GraphShiftException;
import dev.graphshift.WriteResult;
import dev.graphshift.neo4j.BatchWrittenEvent;
import dev.graphshift.neo4j.Neo4jListener;
import dev.graphshift.neo4j.OperationFailedEvent;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the adapter's events to its listeners. Builds an event only when a listener is registered;
 * calls the listeners in registration order on the caller's thread; logs and counts a listener that throws
 * and goes on with the next.
 *
 * <p>Thread-safe.
 */
public final class Events {

  private static final Logger log = LoggerFactory.getLogger(Events.class);

  private final String name;
  private final Clock clock;
  private final List<Neo4jListener> listeners;
  private final LongAdder listenerFailures = new LongAdder();

  public Events(String name, Clock clock, List<Neo4jListener> listeners) {
    this.name = name;
    this.clock = clock;
    this.listeners = List.copyOf(listeners);
  }

  /** Reports a finished write call. */
  public void batchWritten(String kind, List<? extends GraphRecord> offered, WriteResult result) {
    if (!listeners.isEmpty()) {
      BatchWrittenEvent event = new BatchWrittenEvent(name, clock.instant(), kind, Batches.ids(offered),
          result.written(), result.skipped(), result.rejected());
      deliver(l -> l.onBatchWritten(event));
    }
  }

  /** Reports a failed call. */
  void failed(String operation, List<String> ids, GraphShiftException failure) {
    if (!listeners.isEmpty()) {
      OperationFailedEvent event = new OperationFailedEvent(name, clock.instant(), operation, ids, failure);
      deliver(l -> l.onOperationFailed(event));
    }
  }

  private void deliver(Consumer<Neo4jListener> call) {
    for (Neo4jListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        listenerFailures.increment();
        log.warn("graphshift.neo4j.listener_failed name={} listener={}", name, listener.getClass().getName(), e);
      }
    }
  }

  /** How many listener calls threw. */
  public long listenerFailures() {
    return listenerFailures.sum();
  }
}
