package dev.graphshift.neptune.internal;

import dev.graphshift.GraphShiftException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * The writer lanes: N lanes, each with at most one request in flight, records assigned to a lane by a
 * hash of their id.
 *
 * <p>Design: a lane is a fair semaphore of one permit. A write cuts its records into per-lane work,
 * runs every lane's work as one task on the injected executor (the caller's thread runs it when only
 * one lane has work), and waits for all of them. A task takes its lane's permit for each request and
 * gives it back after, so a lane never has two requests in flight, whoever sends them; the fair
 * permit keeps requests of one lane in arrival order. Because an id always hashes to the same lane,
 * the updates of one id are never in flight at once (Neptune's advice against conflicting writers),
 * and the writes of one caller to one id arrive in the caller's order. Nothing is queued here beyond
 * the tasks of the calls in progress; the executor bounds its own queue. Waits are bounded by the
 * requests' own timeouts and retry limits.
 *
 * <p>Thread-safe.
 */
public final class WriterLanes {
  private final Semaphore[] permits;
  private final Executor executor;

  public WriterLanes(int lanes, Executor executor) {
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes must be at least 1: " + lanes);
    }
    this.permits = new Semaphore[lanes];
    for (int i = 0; i < lanes; i++) {
      permits[i] = new Semaphore(1, true);
    }
    this.executor = executor;
  }

  public int lanes() {
    return permits.length;
  }

  /** The lane of an id: a mixed hash of it, so ids with a common prefix spread. */
  public int laneOf(String id) {
    int h = id.hashCode() * 0x9E3779B9;
    return Math.floorMod(h ^ (h >>> 16), permits.length);
  }

  /**
   * Runs a request in a lane: waits for the lane's permit, runs, gives the permit back.
   *
   * @throws GraphShiftException what the request throws
   */
  public <T> T inLane(int lane, Callable<T> request) {
    Semaphore permit = permits[lane];
    permit.acquireUninterruptibly();
    try {
      return request.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new GraphShiftException(null, "a lane request failed: " + e, e);
    } finally {
      permit.release();
    }
  }

  /**
   * Runs each lane's work in parallel and waits for all; returns the results in the order of the map.
   * If some fail, throws the first failure with the others attached as suppressed, after all ended.
   */
  public <T> List<T> runAll(Map<Integer, Callable<T>> work) {
    if (work.size() == 1) {
      Callable<T> only = work.values().iterator().next();
      return List.of(call(only));
    }
    List<CompletableFuture<T>> futures = new ArrayList<>(work.size());
    for (Callable<T> task : work.values()) {
      futures.add(CompletableFuture.supplyAsync(() -> call(task), executor));
    }
    List<T> results = new ArrayList<>(futures.size());
    RuntimeException first = null;
    for (CompletableFuture<T> f : futures) {
      try {
        results.add(f.join());
      } catch (CompletionException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
            : new GraphShiftException(null, "a lane failed: " + e.getCause(), e.getCause());
        if (first == null) {
          first = cause;
        } else if (first != cause) {
          first.addSuppressed(cause);
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return results;
  }

  private static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new GraphShiftException(null, "a lane task failed: " + e, e);
    }
  }
}
