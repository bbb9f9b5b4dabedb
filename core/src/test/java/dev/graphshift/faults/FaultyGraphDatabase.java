package dev.graphshift.faults;

import static java.util.Objects.requireNonNull;

import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.QueryResult;
import dev.graphshift.Relationship;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A decorator ({@link ForwardingGraphDatabase}) that injects faults into another database, for tests of the coordinators and of the
 * reliability suite: take it down and up again, fail a share of calls (deterministically, from a
 * seed), fail with a chosen exception, or add latency. Counts the calls it passed and failed.
 *
 * <p>Thread-safe.
 */
public final class FaultyGraphDatabase extends ForwardingGraphDatabase {
  private volatile boolean down;
  private volatile double failureRate;
  private volatile Duration latency = Duration.ZERO;
  private volatile boolean failReads = true;
  private volatile boolean failWrites = true;
  private volatile Supplier<RuntimeException> failure;
  private final Random random;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  public FaultyGraphDatabase(GraphDatabase delegate, long seed) {
    super(delegate);
    this.random = new Random(seed);
    this.failure = () -> new DatabaseUnavailableException(delegate.name(), "injected outage", null);
  }

  public FaultyGraphDatabase(GraphDatabase delegate) {
    this(delegate, 42L);
  }

  /** Every call fails until {@link #up()}. */
  public FaultyGraphDatabase down() {
    this.down = true;
    return this;
  }

  /** Calls pass again. */
  public FaultyGraphDatabase up() {
    this.down = false;
    return this;
  }

  /** A share of calls, in [0, 1], fails; chosen by the seeded random. */
  public FaultyGraphDatabase failureRate(double rate) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("rate must be in [0, 1]: " + rate);
    }
    this.failureRate = rate;
    return this;
  }

  /** The exception injected failures throw; a retryable outage by default. */
  public FaultyGraphDatabase failWith(Supplier<RuntimeException> exception) {
    this.failure = requireNonNull(exception, "exception");
    return this;
  }

  /** Whether injected faults apply to reads (default true). */
  public FaultyGraphDatabase failReads(boolean value) {
    this.failReads = value;
    return this;
  }

  /** Whether injected faults apply to writes (default true). */
  public FaultyGraphDatabase failWrites(boolean value) {
    this.failWrites = value;
    return this;
  }

  /** Latency added to every call (a simulated slow database). */
  public FaultyGraphDatabase latency(Duration value) {
    this.latency = requireNonNull(value, "value");
    return this;
  }

  /** The calls that reached this decorator. */
  public long calls() {
    return calls.get();
  }

  /** The calls that failed by injection. */
  public long failures() {
    return failures.get();
  }

  /** The database behind the faults. */
  @Override
  public GraphDatabase delegate() {
    return super.delegate();
  }

  private void before(boolean write) {
    calls.incrementAndGet();
    Duration pause = latency;
    if (!pause.isZero()) {
      java.util.concurrent.locks.LockSupport.parkNanos(pause.toNanos());
    }
    if (write ? !failWrites : !failReads) {
      return;
    }
    boolean fail = down;
    if (!fail && failureRate > 0) {
      synchronized (random) {
        fail = random.nextDouble() < failureRate;
      }
    }
    if (fail) {
      failures.incrementAndGet();
      throw failure.get();
    }
  }

  @Override
  public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
    before(true);
    return delegate().upsertNodes(nodes, mode);
  }

  @Override
  public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
    before(true);
    return delegate().upsertRelationships(relationships, mode);
  }

  @Override
  public WriteResult deleteNodes(Collection<String> ids) {
    before(true);
    return delegate().deleteNodes(ids);
  }

  @Override
  public WriteResult deleteRelationships(Collection<String> ids) {
    before(true);
    return delegate().deleteRelationships(ids);
  }

  @Override
  public Optional<Node> getNode(String id) {
    before(false);
    return delegate().getNode(id);
  }

  @Override
  public Map<String, Node> getNodes(Collection<String> ids) {
    before(false);
    return delegate().getNodes(ids);
  }

  @Override
  public Optional<Relationship> getRelationship(String id) {
    before(false);
    return delegate().getRelationship(id);
  }

  @Override
  public Map<String, Relationship> getRelationships(Collection<String> ids) {
    before(false);
    return delegate().getRelationships(ids);
  }

  @Override
  public Map<String, Long> degrees(Collection<String> nodeIds) {
    before(false);
    return delegate().degrees(nodeIds);
  }

  @Override
  public long countNodes() {
    before(false);
    return delegate().countNodes();
  }

  @Override
  public long countNodes(String label) {
    before(false);
    return delegate().countNodes(label);
  }

  @Override
  public Map<String, Long> countNodesByLabel() {
    before(false);
    return delegate().countNodesByLabel();
  }

  @Override
  public long countRelationships() {
    before(false);
    return delegate().countRelationships();
  }

  @Override
  public long countRelationships(String type) {
    before(false);
    return delegate().countRelationships(type);
  }

  @Override
  public Map<String, Long> countRelationshipsByType() {
    before(false);
    return delegate().countRelationshipsByType();
  }

  @Override
  public long degree(String nodeId) {
    before(false);
    return delegate().degree(nodeId);
  }

  @Override
  public ScanPage<Node> scanNodes(ScanRequest request) {
    before(false);
    return delegate().scanNodes(request);
  }

  @Override
  public ScanPage<Relationship> scanRelationships(ScanRequest request) {
    before(false);
    return delegate().scanRelationships(request);
  }

  @Override
  public List<Node> sampleNodes(int n, long seed) {
    before(false);
    return delegate().sampleNodes(n, seed);
  }

  @Override
  public QueryResult query(String name, Map<String, Object> parameters) {
    before(false);
    return delegate().query(name, parameters);
  }
}
