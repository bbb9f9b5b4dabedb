package dev.graphshift.benchmarks.backfill;

import dev.graphshift.backfill.BackfillBatchCommittedEvent;
import dev.graphshift.backfill.BackfillListener;
import dev.graphshift.backfill.BackfillPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Listens to a backfill's committed batches: their times per phase (for the first/last comparison), where
 * the time went (read, wait, write), and the records done so far (for the heap probe).
 *
 * <p>Design: the backfill calls the listener from its partitions' threads; each phase's figures are
 * guarded by that phase's {@link Kind} monitor, the progress counter is an atomic.
 *
 * <p>Thread-safe.
 */
final class BackfillRecorder implements BackfillListener {

  /** One phase's batches. */
  private static final class Kind {
    final BatchTimes batches;
    final int batchSize;
    final List<long[]> full = new ArrayList<>();
    long wait;
    long write;
    long batch;

    Kind(int batchSize) {
      this.batchSize = batchSize;
      this.batches = new BatchTimes(batchSize);
    }

    synchronized void add(BackfillBatchCommittedEvent e) {
      long read = e.readTime().toNanos();
      long waited = e.waitTime().toNanos();
      long wrote = e.writeTime().toNanos();
      long took = e.batchTime().toNanos();
      batches.add(e.read(), took);
      wait += waited;
      write += wrote;
      batch += took;
      if (e.read() >= batchSize) {
        full.add(new long[] {read, waited, wrote, took});
      }
    }

    synchronized Results.Parts parts() {
      return new Results.Parts(median(0), median(1), median(2), median(3),
          batch == 0 ? 0 : (double) wait / batch, batch == 0 ? 0 : (double) write / batch);
    }

    private double median(int column) {
      if (full.isEmpty()) {
        return 0;
      }
      long[] values = new long[full.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = full.get(i)[column];
      }
      java.util.Arrays.sort(values);
      int n = values.length;
      double nanos = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
      return nanos / 1e6;
    }
  }

  private final Kind nodes;
  private final Kind relationships;
  private final AtomicLong done = new AtomicLong();

  BackfillRecorder(int batchSize) {
    this.nodes = new Kind(batchSize);
    this.relationships = new Kind(batchSize);
  }

  @Override
  public void onBatchCommitted(BackfillBatchCommittedEvent event) {
    (event.phase() == BackfillPhase.NODES ? nodes : relationships).add(event);
    done.addAndGet(event.read());
  }

  /** Records committed so far. */
  long done() {
    return done.get();
  }

  BatchTimes.Summary nodeBatches() {
    return nodes.batches.summary();
  }

  BatchTimes.Summary relationshipBatches() {
    return relationships.batches.summary();
  }

  Results.Pipeline pipeline() {
    return new Results.Pipeline(nodes.parts(), relationships.parts());
  }
}
