package dev.graphshift.dualwrite.internal;

import java.util.Arrays;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Read-write locks striped by id, held by callers from before their primary write until their
 * secondary write is queued, so that for two conflicting writes (same node, or same relationship, one
 * of them exclusive) the order in which they are queued for the secondary is the order in which the
 * primary applied them. Non-conflicting writes only meet when their ids share a stripe.
 *
 * <p>A call takes all its stripes in ascending order (exclusive where any of its keys on that stripe is
 * exclusive), so two callers never wait for each other in a cycle.
 *
 * <p>Thread-safe.
 */
public final class StripedLocks {
  private final ReentrantReadWriteLock[] locks;
  private final int mask;

  /**
   * Creates the locks.
   *
   * @param stripes a power of two
   */
  public StripedLocks(int stripes) {
    if (stripes < 1 || Integer.bitCount(stripes) != 1) {
      throw new IllegalArgumentException("stripes must be a power of two: " + stripes);
    }
    this.locks = new ReentrantReadWriteLock[stripes];
    for (int i = 0; i < stripes; i++) {
      locks[i] = new ReentrantReadWriteLock();
    }
    this.mask = stripes - 1;
  }

  /** The request for one key: its stripe and mode, packed for {@link #acquire(long[], int)}. */
  public long request(boolean relationship, String id, boolean exclusive) {
    int h = id.hashCode() * 31 + (relationship ? 17 : 5);
    h ^= (h >>> 16);
    return ((long) (h & mask) << 1) | (exclusive ? 1 : 0);
  }

  /** Locks held by one call; release exactly once. */
  public static final class Held {
    private final Lock[] held;

    private Held(Lock[] held) {
      this.held = held;
    }

    public void release() {
      for (int i = held.length - 1; i >= 0; i--) {
        held[i].unlock();
      }
    }
  }

  /** Takes the stripes of the first {@code n} requests (the array is sorted in place). */
  public Held acquire(long[] requests, int n) {
    if (n == 1) {
      Lock l = lockOf(requests[0]);
      l.lock();
      return new Held(new Lock[] {l});
    }
    Arrays.sort(requests, 0, n);
    Lock[] held = new Lock[n];
    int count = 0;
    try {
      for (int i = 0; i < n; i++) {
        long r = requests[i];
        int stripe = (int) (r >>> 1);
        // skip to the last request of this stripe: sorted, so exclusive (bit 1) comes last
        while (i + 1 < n && (int) (requests[i + 1] >>> 1) == stripe) {
          r = requests[++i];
        }
        Lock l = lockOf(r);
        l.lock();
        held[count++] = l;
      }
    } catch (RuntimeException | Error e) {
      for (int i = count - 1; i >= 0; i--) {
        held[i].unlock();
      }
      throw e;
    }
    return new Held(count == n ? held : Arrays.copyOf(held, count));
  }

  private Lock lockOf(long request) {
    ReentrantReadWriteLock rw = locks[(int) (request >>> 1)];
    return (request & 1) == 1 ? rw.writeLock() : rw.readLock();
  }
}
