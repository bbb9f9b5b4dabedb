package dev.graphshift.runbook.internal;

import static java.util.Objects.requireNonNull;

import dev.graphshift.Capabilities;
import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphShiftException;
import dev.graphshift.Node;
import dev.graphshift.QueryResult;
import dev.graphshift.Relationship;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.runbook.MigrationPhase;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The stable handle the application keeps for the whole migration: a {@link GraphDatabase} that
 * forwards every call to the composition of the current phase, which the runbook swaps atomically.
 *
 * <p><b>Design (concurrency).</b> The current {@link Composition} is one volatile reference to a fully
 * built object, so a call sees the old composition or the new one, never a half-built one. Each
 * composition counts the calls running on it (one counter for writes, one for reads). A call
 * increments the counter, then checks that its composition is still current; the runbook sets the
 * reference, then reads the counter. By the sequential consistency of volatile accesses, either the
 * runbook sees the call (and waits for it to finish) or the call sees the new reference (and moves to
 * it): this is how "in-flight calls finish on the composition they started on, and the runbook knows
 * when they have".
 *
 * <p>A change of phase first installs a <em>paused</em> composition over the current database: reads go
 * on, new writes wait on its latch; then the runbook waits for the writes running on the previous
 * composition, and (when the direction of the writes flips) for the dual write to catch up; then stores
 * the new phase and installs the next composition, which releases the waiting writes onto it. So no
 * write ever runs on the previous composition once the next one runs, and a write waits at most as long
 * as the change of phase, which the runbook bounds by its transition timeout. Reads never wait.
 *
 * <p>Costs on the call path: one volatile read, two atomic updates of a counter shared by the calls on
 * one composition, one volatile read of the closed flag; no lock, no allocation besides the lambda.
 *
 * <p>Thread-safe.
 */
public final class PhaseSwitch implements GraphDatabase {
  private static final long MIN_PAUSE_NANOS = 10_000;
  private static final long MAX_PAUSE_NANOS = 1_000_000;

  /**
   * What the handle forwards to in one phase: the composed database, and the calls running on it.
   *
   * <p>Thread-safe.
   */
  public static final class Composition {
    private final MigrationPhase phase;
    private final GraphDatabase database;
    private final @Nullable CountDownLatch writesPaused;
    private final AtomicLong writers = new AtomicLong();
    private final AtomicLong readers = new AtomicLong();

    /** A composition that takes reads and writes. */
    public Composition(MigrationPhase phase, GraphDatabase database) {
      this(phase, database, null);
    }

    private Composition(MigrationPhase phase, GraphDatabase database, @Nullable CountDownLatch writesPaused) {
      this.phase = requireNonNull(phase, "phase");
      this.database = requireNonNull(database, "database");
      this.writesPaused = writesPaused;
    }

    /** The phase it serves. */
    public MigrationPhase phase() {
      return phase;
    }

    /** The composed database. */
    public GraphDatabase database() {
      return database;
    }

    /** Whether no call runs on it. */
    boolean idle() {
      return writers.get() == 0 && readers.get() == 0;
    }

    @Override
    public String toString() {
      return phase + (writesPaused != null ? " (writes paused)" : "") + ": " + database;
    }
  }

  private final String name;
  private final Runnable onClose;
  private final LongAdder writesHeld = new LongAdder();
  private volatile Composition current;
  private volatile boolean closed;

  /**
   * A handle named {@code name} over {@code initial}; {@code onClose} runs when the application closes
   * the handle.
   */
  public PhaseSwitch(String name, Composition initial, Runnable onClose) {
    this.name = requireNonNull(name, "name");
    this.current = requireNonNull(initial, "initial");
    this.onClose = requireNonNull(onClose, "onClose");
  }

  /** The composition calls go to now. */
  public Composition current() {
    return current;
  }

  /** Writes that waited while the phase changed. */
  public long writesHeld() {
    return writesHeld.sum();
  }

  /**
   * Holds new writes: installs a paused composition over the current database (reads go on there) and
   * returns the composition that was current, whose running writes the caller then waits for.
   */
  public Composition pauseWrites() {
    Composition previous = current;
    current = new Composition(previous.phase, previous.database, new CountDownLatch(1));
    return previous;
  }

  /**
   * Installs {@code next} and releases the writes held by a paused composition onto it.
   *
   * @return the composition it replaced
   */
  public Composition install(Composition next) {
    requireNonNull(next, "next");
    Composition replaced = current;
    current = next;
    if (replaced.writesPaused != null) {
      replaced.writesPaused.countDown();
    }
    return replaced;
  }

  /** Waits until no write runs on {@code c}, at most until {@code deadlineNanos} ({@link System#nanoTime()}). */
  public boolean awaitWrites(Composition c, long deadlineNanos) {
    return await(() -> c.writers.get() == 0, deadlineNanos);
  }

  /** Waits until no call runs on any of {@code cs}, at most until {@code deadlineNanos}. */
  public boolean awaitIdle(List<Composition> cs, long deadlineNanos) {
    return await(() -> cs.stream().allMatch(Composition::idle), deadlineNanos);
  }

  private static boolean await(java.util.function.BooleanSupplier done, long deadlineNanos) {
    long pause = MIN_PAUSE_NANOS;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - deadlineNanos > 0) {
        return false;
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
    }
    return true;
  }

  /** Refuses every call from now on and releases the writes held by a paused composition (they fail). */
  public void shutdown() {
    closed = true;
    CountDownLatch paused = current.writesPaused;
    if (paused != null) {
      paused.countDown();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("runbook '" + name + "' is closed");
    }
  }

  private <R> R write(Function<GraphDatabase, R> call) {
    while (true) {
      ensureOpen();
      Composition c = current;
      CountDownLatch paused = c.writesPaused;
      if (paused != null) {
        hold(paused);
        continue;
      }
      c.writers.incrementAndGet();
      try {
        if (c == current) {
          return call.apply(c.database);
        }
      } finally {
        c.writers.decrementAndGet();
      }
    }
  }

  private void hold(CountDownLatch paused) {
    writesHeld.increment();
    try {
      paused.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphShiftException(name, "interrupted while the write waited for a change of phase", e);
    }
  }

  private <R> R read(Function<GraphDatabase, R> call) {
    while (true) {
      ensureOpen();
      Composition c = current;
      c.readers.incrementAndGet();
      try {
        if (c == current) {
          return call.apply(c.database);
        }
      } finally {
        c.readers.decrementAndGet();
      }
    }
  }

  /** The runbook's name. */
  @Override
  public String name() {
    return name;
  }

  @Override
  public Capabilities capabilities() {
    return read(GraphDatabase::capabilities);
  }

  @Override
  public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
    return write(db -> db.upsertNodes(nodes, mode));
  }

  @Override
  public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
    return write(db -> db.upsertRelationships(relationships, mode));
  }

  @Override
  public WriteResult deleteNodes(Collection<String> ids) {
    return write(db -> db.deleteNodes(ids));
  }

  @Override
  public WriteResult deleteRelationships(Collection<String> ids) {
    return write(db -> db.deleteRelationships(ids));
  }

  @Override
  public Optional<Node> getNode(String id) {
    return read(db -> db.getNode(id));
  }

  @Override
  public Map<String, Node> getNodes(Collection<String> ids) {
    return read(db -> db.getNodes(ids));
  }

  @Override
  public Optional<Relationship> getRelationship(String id) {
    return read(db -> db.getRelationship(id));
  }

  @Override
  public Map<String, Relationship> getRelationships(Collection<String> ids) {
    return read(db -> db.getRelationships(ids));
  }

  @Override
  public long countNodes() {
    return read(GraphDatabase::countNodes);
  }

  @Override
  public long countNodes(String label) {
    return read(db -> db.countNodes(label));
  }

  @Override
  public Map<String, Long> countNodesByLabel() {
    return read(GraphDatabase::countNodesByLabel);
  }

  @Override
  public long countRelationships() {
    return read(GraphDatabase::countRelationships);
  }

  @Override
  public long countRelationships(String type) {
    return read(db -> db.countRelationships(type));
  }

  @Override
  public Map<String, Long> countRelationshipsByType() {
    return read(GraphDatabase::countRelationshipsByType);
  }

  @Override
  public long degree(String nodeId) {
    return read(db -> db.degree(nodeId));
  }

  @Override
  public Map<String, Long> degrees(Collection<String> nodeIds) {
    return read(db -> db.degrees(nodeIds));
  }

  @Override
  public ScanPage<Node> scanNodes(ScanRequest request) {
    return read(db -> db.scanNodes(request));
  }

  @Override
  public ScanPage<Relationship> scanRelationships(ScanRequest request) {
    return read(db -> db.scanRelationships(request));
  }

  @Override
  public List<ScanRequest> splitNodeScan(ScanRequest whole, int parts) {
    return read(db -> db.splitNodeScan(whole, parts));
  }

  @Override
  public List<ScanRequest> splitRelationshipScan(ScanRequest whole, int parts) {
    return read(db -> db.splitRelationshipScan(whole, parts));
  }

  @Override
  public List<Node> sampleNodes(int n, long seed) {
    return read(db -> db.sampleNodes(n, seed));
  }

  @Override
  public QueryResult query(String queryName, Map<String, Object> parameters) {
    return read(db -> db.query(queryName, parameters));
  }

  @Override
  public Set<String> queryNames() {
    return read(GraphDatabase::queryNames);
  }

  /** Closes the runbook (and with it every coordinator it runs; the databases stay open). */
  @Override
  public void close() {
    onClose.run();
  }

  @Override
  public String toString() {
    return "MigrationRunbook.database[" + name + ", " + current + "]";
  }
}
