package dev.graphshift.repository.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs one key at a time: jobs of one key run in the order they were submitted, one after the
 * other; jobs of different keys run in parallel on the executor.
 *
 * <p><b>Design.</b> A key with work has a lane (a queue and a running flag) in a concurrent map; every
 * change of a lane happens inside the map's {@code compute} for its key, so submitting, finishing and
 * removing an empty lane never race. The first job of an idle lane starts a drainer on the executor,
 * which runs the lane's jobs in order and removes the lane when it is empty. A job that asks to be tried
 * again keeps its place at the head of its lane (later jobs of its key wait behind it, so the order
 * holds across retries), and its lane resumes on the executor after the delay, scheduled on the
 * scheduler: no thread sleeps. Bounded: at most {@code capacity} jobs wait or run; beyond,
 * {@link #submit} refuses and the caller parks the job.
 *
 * <p>Thread-safe.
 */
public final class KeyedLanes {
  private static final Logger log = LoggerFactory.getLogger(KeyedLanes.class);

  /** Work run on a lane. */
  public interface Job {
    /**
     * Makes one attempt. Returns empty when the job is finished (done, or given up and recorded), or the
     * delay before the next attempt. Must not throw.
     */
    Optional<Duration> attempt();

    /** The job will not run (the lanes were abandoned, or an executor refused it): record why. */
    void abandoned(String reason);
  }

  private static final class Lane {
    final ArrayDeque<Job> queue = new ArrayDeque<>();
    boolean running;
  }

  private final String name;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final int capacity;
  private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
  private final AtomicInteger pending = new AtomicInteger();

  /** Lanes of the component {@code name}, on {@code executor}, retried on {@code scheduler}. */
  public KeyedLanes(String name, Executor executor, ScheduledExecutorService scheduler, int capacity) {
    this.name = requireNonNull(name, "name");
    this.executor = requireNonNull(executor, "executor");
    this.scheduler = requireNonNull(scheduler, "scheduler");
    this.capacity = capacity;
  }

  /** Jobs waiting or running. */
  public int pending() {
    return pending.get();
  }

  /**
   * Queues a job behind the earlier ones of its key.
   *
   * @return false if {@code capacity} jobs wait or run already (the job was not queued)
   */
  public boolean submit(String key, Job job) {
    requireNonNull(key, "key");
    requireNonNull(job, "job");
    if (pending.incrementAndGet() > capacity) {
      pending.decrementAndGet();
      return false;
    }
    Lane[] started = new Lane[1];
    lanes.compute(key, (k, lane) -> {
      Lane l = lane != null ? lane : new Lane();
      l.queue.addLast(job);
      if (!l.running) {
        l.running = true;
        started[0] = l;
      }
      return l;
    });
    if (started[0] != null) {
      start(key, started[0]);
    }
    return true;
  }

  /**
   * Whether a job of {@code key} that {@code which} selects waits or runs (a running job stays at the
   * head of its lane until it finishes).
   */
  public boolean holds(String key, Predicate<Job> which) {
    requireNonNull(key, "key");
    requireNonNull(which, "which");
    boolean[] found = new boolean[1];
    lanes.computeIfPresent(key, (k, l) -> {
      for (Job j : l.queue) {
        if (which.test(j)) {
          found[0] = true;
          break;
        }
      }
      return l;
    });
    return found[0];
  }

  private void start(String key, Lane lane) {
    try {
      executor.execute(() -> drain(key, lane));
    } catch (RejectedExecutionException e) {
      abandon(key, lane, "the executor refused it: " + e);
    }
  }

  private void drain(String key, Lane lane) {
    while (true) {
      Job job = head(key, lane);
      if (job == null) {
        return;
      }
      Optional<Duration> again;
      try {
        again = job.attempt();
      } catch (RuntimeException e) {
        log.error("graphshift.repository.job_failed name={} key={} error={} (a job must not throw; it is abandoned)",
            name, key, e.toString(), e);
        job.abandoned("its attempt threw " + e);
        again = Optional.empty();
      }
      if (again.isPresent()) {
        try {
          scheduler.schedule(() -> start(key, lane), again.get().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
          abandon(key, lane, "the scheduler refused its retry: " + e);
        }
        return;
      }
      if (!finish(key, lane, job)) {
        return;
      }
    }
  }

  /** The job at the head of the lane, or null if the lane is gone (finished or abandoned). */
  private @Nullable Job head(String key, Lane lane) {
    Job[] head = new Job[1];
    lanes.computeIfPresent(key, (k, l) -> {
      if (l == lane) {
        head[0] = l.queue.peekFirst();
      }
      return l;
    });
    return head[0];
  }

  /** Removes a finished job; returns whether the lane has more (else it is removed). */
  private boolean finish(String key, Lane lane, Job job) {
    boolean[] more = new boolean[1];
    lanes.computeIfPresent(key, (k, l) -> {
      if (l != lane) {
        return l;
      }
      if (l.queue.peekFirst() == job) {
        l.queue.pollFirst();
        pending.decrementAndGet();
      }
      if (l.queue.isEmpty()) {
        l.running = false;
        return null;
      }
      more[0] = true;
      return l;
    });
    return more[0];
  }

  private int abandon(String key, Lane lane, String reason) {
    List<Job> left = new ArrayList<>();
    lanes.computeIfPresent(key, (k, l) -> {
      if (l == lane) {
        left.addAll(l.queue);
        l.queue.clear();
        l.running = false;
        return null;
      }
      return l;
    });
    pending.addAndGet(-left.size());
    for (Job j : left) {
      j.abandoned(reason);
    }
    return left.size();
  }

  /** Abandons every job not finished (running ones may still complete); returns how many. */
  public int abandonAll(String reason) {
    int n = 0;
    for (String key : List.copyOf(lanes.keySet())) {
      Lane lane = lanes.get(key);
      if (lane != null) {
        n += abandon(key, lane, reason);
      }
    }
    return n;
  }
}
