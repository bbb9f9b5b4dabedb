package dev.graphshift.backfill.internal;

import dev.graphshift.backfill.BackfillMetrics;
import dev.graphshift.backfill.BackfillPhase;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters and gauges behind {@code Backfiller.metrics()}: adders bumped by the worker threads at
 * each commit, gauges set by the run. A snapshot is not atomic across fields (each is exact on its own).
 *
 * <p>Thread-safe.
 */
public final class BackfillCounters {
  final LongAdder[] read = {new LongAdder(), new LongAdder()};
  final LongAdder[] written = {new LongAdder(), new LongAdder()};
  final LongAdder[] skipped = {new LongAdder(), new LongAdder()};
  final LongAdder[] rejected = {new LongAdder(), new LongAdder()};
  final LongAdder batches = new LongAdder();
  final LongAdder retries = new LongAdder();
  final LongAdder partitionsCompleted = new LongAdder();
  final LongAdder partitionsFailed = new LongAdder();
  final LongAdder active = new LongAdder();
  final LongAdder discardedReadAheads = new LongAdder();
  final LongAdder inlineTasks = new LongAdder();
  volatile boolean running;
  volatile long done;
  volatile long total;
  volatile double rate;

  void committed(BackfillPhase phase, long r, long w, long s, long x) {
    int i = phase.ordinal();
    read[i].add(r);
    written[i].add(w);
    skipped[i].add(s);
    rejected[i].add(x);
    batches.increment();
  }

  /** Marks a run as started or finished. */
  public void running(boolean value) {
    running = value;
  }

  /** The snapshot, with the listener failures counted by the listener dispatcher. */
  public BackfillMetrics snapshot(String name, long listenerFailures) {
    return new BackfillMetrics(name, running,
        read[0].sum(), written[0].sum(), skipped[0].sum(), rejected[0].sum(),
        read[1].sum(), written[1].sum(), skipped[1].sum(), rejected[1].sum(),
        batches.sum(), retries.sum(), partitionsCompleted.sum(), partitionsFailed.sum(), active.sum(),
        done, total, rate, listenerFailures, inlineTasks.sum(), discardedReadAheads.sum());
  }
}
