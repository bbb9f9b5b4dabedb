package dev.graphshift.benchmarks.backfill;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap a phase needs, from the JVM's memory pools and its garbage-collection notifications.
 *
 * <p>{@link #start} runs a full collection and takes the heap in use as the phase's base, resets the
 * pools' peaks and starts recording, after every collection, the heap in use after it (the live data
 * plus what that collection left, such as old-generation garbage a young collection does not touch)
 * together with the phase's progress at that moment. {@link #stop} reads the pools' peaks (the sum of
 * per-pool peaks: an upper bound of the peak heap in use, garbage included, which depends on {@code
 * -Xmx} and the collector), runs a full collection and takes the heap still in use: beyond the base,
 * that is what the phase left behind (an in-process target's data). The phase's <em>working heap</em>
 * is the most, over the phase's collections, that the heap after a collection held beyond the base and
 * beyond the target data written by then (the data left behind, pro rata of the progress): the heap the
 * work itself needed (batches in flight, buffers, caches), which must not grow with the graph.
 *
 * <p>Design: notifications arrive on the JVM's service thread; samples are appended under this object's
 * monitor and read after the phase. A collection the probe itself causes is not recorded.
 *
 * <p>Thread-safe.
 */
final class HeapProbe implements NotificationListener, AutoCloseable {
  private static final double MIB = 1024.0 * 1024.0;

  /**
   * The heap figures of a phase, in MiB: the base, the peak in use (an upper bound, garbage included), the
   * peak after a collection, what the phase left behind, the working heap; and how many collections the
   * phase saw.
   */
  record Figures(double baseMiB, double peakUsedMiB, double peakAfterGcMiB, double retainedMiB, double workingMiB,
      int collections) {}

  private record Sample(long usedAfter, double progress) {}

  private final List<MemoryPoolMXBean> pools = new ArrayList<>();
  private final Set<String> poolNames = new HashSet<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final List<Sample> samples = new ArrayList<>();
  private boolean recording;
  private LongSupplier done = () -> 0;
  private long total = 1;
  private long base;

  HeapProbe() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pools.add(pool);
        poolNames.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(this, null, null);
        emitters.add(emitter);
      }
    }
  }

  /** Starts a phase that will process {@code total} records, {@code done} of them so far. */
  void start(LongSupplier done, long total) {
    fullCollection();
    long used = used();
    synchronized (this) {
      this.done = done;
      this.total = Math.max(1, total);
      this.base = used;
      samples.clear();
      recording = true;
    }
    for (MemoryPoolMXBean pool : pools) {
      pool.resetPeakUsage();
    }
  }

  /** Ends the phase and answers its figures. */
  Figures stop() {
    long peak = 0;
    for (MemoryPoolMXBean pool : pools) {
      peak += pool.getPeakUsage().getUsed();
    }
    List<Sample> taken;
    long phaseBase;
    synchronized (this) {
      recording = false;
      taken = List.copyOf(samples);
      phaseBase = base;
    }
    fullCollection();
    long retained = Math.max(0, used() - phaseBase);
    long peakAfter = phaseBase;
    double working = 0;
    for (Sample s : taken) {
      peakAfter = Math.max(peakAfter, s.usedAfter());
      working = Math.max(working, s.usedAfter() - phaseBase - retained * Math.min(1.0, s.progress()));
    }
    return new Figures(phaseBase / MIB, peak / MIB, peakAfter / MIB, retained / MIB, working / MIB, taken.size());
  }

  @Override
  public void handleNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long after = 0;
    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (poolNames.contains(e.getKey())) {
        after += e.getValue().getUsed();
      }
    }
    synchronized (this) {
      if (recording) {
        samples.add(new Sample(after, (double) done.getAsLong() / total));
      }
    }
  }

  private long used() {
    long used = 0;
    for (MemoryPoolMXBean pool : pools) {
      used += pool.getUsage().getUsed();
    }
    return used;
  }

  /** Two full collections, so that what the first made unreachable (finalizable, soft) is gone too. */
  private static void fullCollection() {
    System.gc();
    System.gc();
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(this);
      } catch (javax.management.ListenerNotFoundException e) {
        throw new IllegalStateException("the heap probe was not registered with " + emitter, e);
      }
    }
  }
}
