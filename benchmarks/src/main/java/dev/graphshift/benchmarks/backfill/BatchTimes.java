package dev.graphshift.benchmarks.backfill;

import java.util.ArrayList;
import java.util.List;

/**
 * The times of a phase's batches, in the order they completed, and how the last compares with the
 * first: the check that a batch costs the same wherever it lies in the graph (keyset scans whose pages
 * do not slow down with their position, targets whose writes do not slow down as they fill).
 *
 * <p>Only full batches (of the batch size) are compared: a partition's last batch is usually short. With
 * several partitions the first batches of all of them run together, and the first of all carries the
 * phase's one-off costs (a scan's bounds query, connections, a cold cache), so the summary also gives
 * the second batch, the median, and the medians of the first and last tenths.
 *
 * <p>Thread-safe.
 */
final class BatchTimes {

  /**
   * The summary, in milliseconds.
   *
   * @param batches batches recorded
   * @param fullBatches batches of the full batch size, the ones compared
   * @param firstMillis the first full batch to complete
   * @param secondMillis the second
   * @param medianMillis the median full batch
   * @param lastMillis the last full batch to complete
   * @param lastToFirst last / first
   * @param lastToSecond last / second
   * @param lastToMedian last / median
   * @param firstTenthMedianMillis the median of the first tenth of the full batches (at least one)
   * @param lastTenthMedianMillis the median of the last tenth
   * @param lastTenthToFirstTenth their ratio
   */
  record Summary(int batches, int fullBatches, double firstMillis, double secondMillis, double medianMillis,
      double lastMillis, double lastToFirst, double lastToSecond, double lastToMedian, double firstTenthMedianMillis,
      double lastTenthMedianMillis, double lastTenthToFirstTenth) {}

  private record Batch(long records, long nanos) {}

  private final int batchSize;
  private final List<Batch> batches = new ArrayList<>();

  BatchTimes(int batchSize) {
    this.batchSize = batchSize;
  }

  synchronized void add(long records, long nanos) {
    batches.add(new Batch(records, nanos));
  }

  synchronized Summary summary() {
    List<Long> full = new ArrayList<>();
    for (Batch b : batches) {
      if (b.records() >= batchSize) {
        full.add(b.nanos());
      }
    }
    if (full.isEmpty()) {
      return new Summary(batches.size(), 0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, 0, Double.NaN);
    }
    int n = full.size();
    int tenth = Math.max(1, n / 10);
    double first = millis(full.get(0));
    double second = millis(full.get(Math.min(1, n - 1)));
    double median = millis(median(full));
    double last = millis(full.get(n - 1));
    double firstTenth = millis(median(full.subList(0, tenth)));
    double lastTenth = millis(median(full.subList(n - tenth, n)));
    return new Summary(batches.size(), n, first, second, median, last, last / first, last / second, last / median,
        firstTenth, lastTenth, lastTenth / firstTenth);
  }

  private static double millis(double nanos) {
    return nanos / 1e6;
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
