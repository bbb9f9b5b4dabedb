package dev.graphshift.dualwrite.internal;

import dev.graphshift.dualwrite.OrderingKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Orders every write to the secondary by its {@link OrderingKey}s: a task runs only after every earlier
 * task it conflicts with has completed, which is a per-key serial queue generalized to keys that are
 * shared (relationship endpoints) or exclusive (the record itself).
 *
 * <p><b>Design.</b> Each resource (a node or relationship id) remembers its last exclusive task and the
 * shared tasks since. A new task depends on the unfinished ones among them that conflict with it, and
 * runs when its dependency count reaches zero. Tasks of kind {@code DUAL} (dual writes) run on the
 * injected executor: at most {@code parallelism} drainers at a time, each taking every ready dual write
 * it can (up to {@code mergeRecords} records) and handing them to the runner together. Ready tasks never
 * conflict with each other (a later conflicting task is not ready until the earlier one completed), so
 * the runner may send them as one secondary batch: under load, batches grow and the secondary keeps up
 * with fewer, larger calls. Dual writes' records count against {@code capacity}, and {@link
 * #tryEnqueueDual} refuses a task that would pass it (the caller then spills to the dead-letter queue:
 * the caller never waits here). Tasks of kinds {@code RETRY} and {@code BACKFILL} run on the thread that
 * enqueued them, once ready ({@link Task#awaitReady()}); they are bounded by their callers (one retry
 * batch, the backfill's own batches) and do not count against capacity. A resource is forgotten when its
 * last task completes, so memory is proportional to the tasks pending.
 *
 * <p>Everything is decided under one lock held for O(keys) per call; no write happens under it.
 *
 * <p>Thread-safe.
 */
public final class KeyedScheduler {

  /** What a task is. */
  public enum Kind {
    /** A dual write, run on the executor. */
    DUAL,
    /** A batch of dead letters, run by the retry worker. */
    RETRY,
    /** A backfill batch, run by the backfill's thread. */
    BACKFILL
  }

  /** A scheduled write. */
  public static final class Task {
    final Kind kind;
    final List<OrderingKey> keys;
    final int records;
    final @Nullable Object payload;
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    int waitingOn;
    final List<Task> dependents = new ArrayList<>(0);
    boolean done;
    volatile boolean rejected;

    Task(Kind kind, List<OrderingKey> keys, int records, @Nullable Object payload) {
      this.kind = kind;
      this.keys = keys;
      this.records = records;
      this.payload = payload;
    }

    /** What the enqueuer attached to a dual write. */
    public Object payload() {
      return java.util.Objects.requireNonNull(payload, "payload");
    }

    /** Blocks until every earlier conflicting task completed (inline tasks). */
    public void awaitReady() {
      ready.join();
    }

    /** Whether the executor refused the drainer, which then runs on the enqueuing thread and must not write. */
    public boolean rejectedByExecutor() {
      return rejected;
    }
  }

  private static final class Resource {
    @Nullable Task lastExclusive;
    final List<Task> shared = new ArrayList<>(2);
    int refs;
    int dualPending;
    int dualExclusivePending;
  }

  private final Object lock = new Object();
  private final Map<String, Resource> resources = new HashMap<>();
  private final ArrayDeque<Task> readyQueue = new ArrayDeque<>();
  private final Executor executor;
  private final int parallelism;
  private final long capacity;
  private final int mergeRecords;
  private final Consumer<List<Task>> runner;
  private int running;
  private long pendingRecords;
  private int pendingTasks;

  /**
   * Creates a scheduler.
   *
   * @param executor runs the drainers of dual writes
   * @param parallelism how many drainers run at once
   * @param capacity how many records of dual writes may be queued or running
   * @param mergeRecords the most records a drainer hands to the runner at once (a single larger task
   *     is handed alone)
   * @param runner sends ready dual writes (mutually non-conflicting) and completes every one of them
   */
  public KeyedScheduler(Executor executor, int parallelism, long capacity, int mergeRecords,
      Consumer<List<Task>> runner) {
    this.executor = executor;
    this.parallelism = parallelism;
    this.capacity = capacity;
    this.mergeRecords = mergeRecords;
    this.runner = runner;
  }

  /**
   * Queues a dual write unless its records would pass the capacity.
   *
   * @param keys the normalized union of the keys of its operations
   * @return the task, or null when the capacity is full
   */
  public @Nullable Task tryEnqueueDual(List<OrderingKey> keys, int records, Object payload) {
    Task task = new Task(Kind.DUAL, keys, records, payload);
    int drainers;
    synchronized (lock) {
      if (pendingRecords + records > capacity) {
        return null;
      }
      pendingRecords += records;
      register(task);
      if (task.waitingOn == 0) {
        readyQueue.add(task);
      }
      drainers = drainersToStart();
    }
    startDrainers(drainers);
    return task;
  }

  /** Queues a backfill task; await {@link Task#awaitReady()}, run it, then {@link #complete(Task)}. */
  public Task enqueueInline(Kind kind, List<OrderingKey> keys, int records) {
    if (kind == Kind.DUAL) {
      throw new IllegalArgumentException("dual writes run on the executor");
    }
    Task task = new Task(kind, keys, records, null);
    synchronized (lock) {
      register(task);
      if (task.waitingOn == 0) {
        task.ready.complete(null);
      }
    }
    return task;
  }

  /** The outcome of {@link #enqueueRetry(List)}. */
  public record RetryAdmission(@Nullable Task task, List<Integer> admitted, List<Integer> deferred) {}

  /**
   * Queues a batch of dead letters, except those that conflict with a pending dual write (an earlier
   * write that has not reached the queue yet); those are deferred.
   *
   * @param letterKeys the keys of each dead letter
   */
  public RetryAdmission enqueueRetry(List<List<OrderingKey>> letterKeys) {
    List<Integer> admitted = new ArrayList<>(letterKeys.size());
    List<Integer> deferred = new ArrayList<>();
    List<OrderingKey> union = new ArrayList<>();
    synchronized (lock) {
      for (int i = 0; i < letterKeys.size(); i++) {
        if (conflictsWithPendingDual(letterKeys.get(i))) {
          deferred.add(i);
        } else {
          admitted.add(i);
          union.addAll(letterKeys.get(i));
        }
      }
      if (admitted.isEmpty()) {
        return new RetryAdmission(null, admitted, deferred);
      }
      Task task = new Task(Kind.RETRY, OrderingKey.normalize(union), admitted.size(), null);
      register(task);
      if (task.waitingOn == 0) {
        task.ready.complete(null);
      }
      return new RetryAdmission(task, admitted, deferred);
    }
  }

  /** Whether a queued or running dual write conflicts with these keys. */
  public boolean pendingDualConflicts(List<OrderingKey> keys) {
    synchronized (lock) {
      return conflictsWithPendingDual(keys);
    }
  }

  private boolean conflictsWithPendingDual(List<OrderingKey> keys) {
    for (OrderingKey k : keys) {
      Resource r = resources.get(k.resource());
      if (r != null && (k.exclusive() ? r.dualPending > 0 : r.dualExclusivePending > 0)) {
        return true;
      }
    }
    return false;
  }

  private void register(Task task) {
    pendingTasks++;
    Dependencies deps = new Dependencies();
    for (OrderingKey k : task.keys) {
      Resource r = resources.computeIfAbsent(k.resource(), x -> new Resource());
      r.refs++;
      if (task.kind == Kind.DUAL) {
        r.dualPending++;
        if (k.exclusive()) {
          r.dualExclusivePending++;
        }
      }
      Task last = r.lastExclusive;
      if (last != null && !last.done) {
        deps.add(last);
      }
      if (k.exclusive()) {
        for (Task s : r.shared) {
          if (!s.done) {
            deps.add(s);
          }
        }
        r.lastExclusive = task;
        r.shared.clear();
      } else {
        if (r.shared.size() >= 16) {
          r.shared.removeIf(s -> s.done);
        }
        r.shared.add(task);
      }
    }
    task.waitingOn = deps.linkTo(task);
  }

  /** The distinct tasks a new task waits for; allocates a set only from the second one on. */
  private static final class Dependencies {
    private @Nullable Task first;
    private @Nullable Set<Task> more;

    void add(Task t) {
      if (first == null || first == t) {
        first = t;
        return;
      }
      if (more == null) {
        more = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        more.add(first);
      }
      more.add(t);
    }

    int linkTo(Task task) {
      if (more != null) {
        for (Task d : more) {
          d.dependents.add(task);
        }
        return more.size();
      }
      if (first != null) {
        first.dependents.add(task);
        return 1;
      }
      return 0;
    }
  }

  /** Marks a task complete and starts what it held back. */
  public void complete(Task task) {
    List<Task> inline = new ArrayList<>(0);
    int drainers;
    synchronized (lock) {
      if (task.done) {
        return;
      }
      task.done = true;
      pendingTasks--;
      for (OrderingKey k : task.keys) {
        Resource r = resources.get(k.resource());
        if (r == null) {
          continue;
        }
        r.refs--;
        if (task.kind == Kind.DUAL) {
          r.dualPending--;
          if (k.exclusive()) {
            r.dualExclusivePending--;
          }
        }
        if (r.refs <= 0) {
          resources.remove(k.resource());
        }
      }
      if (task.kind == Kind.DUAL) {
        pendingRecords -= task.records;
      }
      for (Task d : task.dependents) {
        if (--d.waitingOn == 0) {
          if (d.kind == Kind.DUAL) {
            readyQueue.add(d);
          } else {
            inline.add(d);
          }
        }
      }
      drainers = drainersToStart();
      if (pendingTasks == 0) {
        lock.notifyAll();
      }
    }
    for (Task t : inline) {
      t.ready.complete(null);
    }
    startDrainers(drainers);
  }

  /**
   * How many drainers to start for the ready queue; counts them as running. Under the lock. A running
   * drainer takes what is ready before it stops (it polls under this lock), so another starts only when
   * none runs or the ready tasks exceed what the running ones take in one batch each: a writer that finds
   * a drainer at work wakes no thread.
   */
  private int drainersToStart() {
    int start = 0;
    long ready = readyQueue.size();
    int perDrainer = Math.max(1, mergeRecords);
    while (running < parallelism && ready > 0 && (running == 0 || ready > (long) running * perDrainer)) {
      running++;
      start++;
    }
    return start;
  }

  private void startDrainers(int n) {
    for (int i = 0; i < n; i++) {
      try {
        executor.execute(() -> drain(false));
      } catch (RejectedExecutionException e) {
        drain(true);
      }
    }
  }

  /** Hands ready dual writes to the runner, merged up to {@code mergeRecords}, until none is ready. */
  private void drain(boolean rejected) {
    while (true) {
      List<Task> batch = new ArrayList<>();
      synchronized (lock) {
        int records = 0;
        while (!readyQueue.isEmpty() && (batch.isEmpty() || records + readyQueue.peek().records <= mergeRecords)) {
          Task t = readyQueue.poll();
          records += t.records;
          batch.add(t);
        }
        if (batch.isEmpty()) {
          running--;
          return;
        }
      }
      for (Task t : batch) {
        t.rejected = rejected;
      }
      runner.accept(batch);
    }
  }

  /** Records of dual writes queued or running. */
  public long pendingRecords() {
    synchronized (lock) {
      return pendingRecords;
    }
  }

  /** Whether no task of any kind is pending. */
  public boolean isIdle() {
    synchronized (lock) {
      return pendingTasks == 0;
    }
  }

  /** Waits until no task is pending, at most {@code timeout}; returns whether it is idle. */
  public boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (pendingTasks > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return pendingTasks == 0;
        }
      }
      return true;
    }
  }
}
