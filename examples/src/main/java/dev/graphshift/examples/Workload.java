package dev.graphshift.examples;

import static java.util.Objects.requireNonNull;

import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live synthetic workload of the walk-through: writers that create, update, relate, unrelate and
 * delete records, and readers that get nodes by id, each at a steady rate on threads of its own, through
 * the {@link Application} (the one handle of the migration) for the whole run. It keeps its own record of
 * every acknowledged write (the ledger), which the walk-through compares with the final target to count
 * lost writes.
 *
 * <p>Thread-safe.
 */
final class Workload implements AutoCloseable {
  /*
   * Design (concurrency). Each writer runs on one scheduler thread at a fixed rate and owns the ids it
   * writes: the base nodes whose index modulo the number of writers is its own, and the records it
   * creates. So the writes of one id are made by one thread, in order, and the ledger entry of an id is
   * written by that thread only, after the write was acknowledged: the ledger holds, per id, the last
   * acknowledged state. A write that failed makes its id's state unknown: the id leaves the ledger and
   * joins `uncertain`, and the failure counts as a workload error (the run fails). Readers run on their
   * own scheduler threads and share nothing but counters. Bounded: the ledger holds one entry per id
   * written; the latency window a fixed number of samples.
   */
  private static final Logger log = LoggerFactory.getLogger(Workload.class);
  private static final int MAX_ERROR_EXAMPLES = 10;

  /** The settings of a workload. */
  record Settings(int writers, double writesPerSecond, int readers, double readsPerSecond, boolean nodeDeletes,
      boolean relationshipsOnTarget, long seed) {
    Settings {
      if (writers < 1 || readers < 0 || !(writesPerSecond > 0) || !(readsPerSecond > 0)) {
        throw new IllegalArgumentException("workload needs at least one writer and positive rates: writers="
            + writers + " writesPerSecond=" + writesPerSecond + " readers=" + readers + " readsPerSecond="
            + readsPerSecond);
      }
    }
  }

  /** The last acknowledged state of a record: present with its content, or deleted; and in whose terms. */
  record Expected<T>(Optional<T> record, boolean targetTerms) {}

  /** Counts of the workload so far. */
  record Totals(long creates, long updates, long deletes, long relates, long unrelates, long reads, long readsFound,
      long errors, List<String> errorExamples) {
    long writes() {
      return creates + updates + deletes + relates + unrelates;
    }
  }

  private final Application app;
  private final Settings settings;
  private final ScheduledExecutorService threads;
  private final List<String> readableIds;
  private final Map<String, Expected<Node>> nodes = new ConcurrentHashMap<>();
  private final Map<String, Expected<Relationship>> relationships = new ConcurrentHashMap<>();
  private final Set<String> uncertain = ConcurrentHashMap.newKeySet();
  private final Set<String> createdInTargetTerms = ConcurrentHashMap.newKeySet();
  private final LongAdder creates = new LongAdder();
  private final LongAdder updates = new LongAdder();
  private final LongAdder deletes = new LongAdder();
  private final LongAdder relates = new LongAdder();
  private final LongAdder unrelates = new LongAdder();
  private final LongAdder reads = new LongAdder();
  private final LongAdder readsFound = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final List<String> errorExamples = new ArrayList<>();
  private final LatencyWindow readLatency = new LatencyWindow(20_000);
  private final LatencyWindow writeLatency = new LatencyWindow(20_000);

  Workload(Application app, SampleGraph.Graph base, Settings settings) {
    this.app = requireNonNull(app, "app");
    this.settings = requireNonNull(settings, "settings");
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newScheduledThreadPool(settings.writers() + settings.readers(), r -> {
      Thread t = new Thread(r, "walkthrough-workload-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    List<String> ids = new ArrayList<>(base.nodes());
    base.people().forEach(p -> ids.add(p.id()));
    base.documents().forEach(d -> ids.add(d.id()));
    this.readableIds = List.copyOf(ids);
    for (int w = 0; w < settings.writers(); w++) {
      Writer writer = new Writer(w, base);
      long period = Math.max(1, (long) (1_000_000 / settings.writesPerSecond()));
      threads.scheduleAtFixedRate(writer::tick, period, period, TimeUnit.MICROSECONDS);
    }
    for (int r = 0; r < settings.readers(); r++) {
      SplittableRandom random = new SplittableRandom(settings.seed() * 31 + 1_000 + r);
      long period = Math.max(1, (long) (1_000_000 / settings.readsPerSecond()));
      threads.scheduleAtFixedRate(() -> read(random), period, period, TimeUnit.MICROSECONDS);
    }
  }

  Totals totals() {
    synchronized (errorExamples) {
      return new Totals(creates.sum(), updates.sum(), deletes.sum(), relates.sum(), unrelates.sum(), reads.sum(),
          readsFound.sum(), errors.sum(), List.copyOf(errorExamples));
    }
  }

  /** The application's read and write latencies since the last call (P50, P99), then starts a new window. */
  LatencyWindow.Percentiles[] takeLatencies() {
    return new LatencyWindow.Percentiles[] {readLatency.take(), writeLatency.take()};
  }

  Map<String, Expected<Node>> expectedNodes() {
    return Map.copyOf(nodes);
  }

  Map<String, Expected<Relationship>> expectedRelationships() {
    return Map.copyOf(relationships);
  }

  Set<String> uncertainIds() {
    return Set.copyOf(uncertain);
  }

  /** The ids of the records created after the application switched to the target's terms (decommission). */
  Set<String> createdInTargetTerms() {
    return Set.copyOf(createdInTargetTerms);
  }

  /** Stops the writers and readers and waits for the operations running now. */
  @Override
  public void close() {
    threads.shutdown();
    try {
      if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
        threads.shutdownNow();
        error("the workload did not stop within 30 s", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      threads.shutdownNow();
      error("interrupted while stopping the workload", e);
    }
  }

  private void read(SplittableRandom random) {
    String id = readableIds.get(random.nextInt(readableIds.size()));
    long start = System.nanoTime();
    try {
      boolean found = app.getNode(id).isPresent();
      readLatency.record(System.nanoTime() - start);
      reads.increment();
      if (found) {
        readsFound.increment();
      }
    } catch (RuntimeException e) {
      error("read of " + id + " failed: " + e, e);
    }
  }

  private void error(String message, Throwable cause) {
    errors.increment();
    log.warn("graphshift.examples.workload_failed error={}", message, cause);
    synchronized (errorExamples) {
      if (errorExamples.size() < MAX_ERROR_EXAMPLES) {
        errorExamples.add(message);
      }
    }
  }

  /** One writer: owns its ids, writes one operation per tick. */
  private final class Writer {
    private final int index;
    private final SampleGraph gen;
    private final List<String> ownedPeople = new ArrayList<>();
    private final List<String> ownedDocuments = new ArrayList<>();
    private final List<String> basePeople;
    private final List<String> createdPeople = new ArrayList<>();
    private final List<String[]> createdKnows = new ArrayList<>();
    private int created;
    private int version;

    Writer(int index, SampleGraph.Graph base) {
      this.index = index;
      this.gen = new SampleGraph(settings.seed() * 31 + index);
      List<String> people = new ArrayList<>(base.people().size());
      for (int i = 0; i < base.people().size(); i++) {
        people.add(base.people().get(i).id());
        if (i % settings.writers() == index) {
          ownedPeople.add(base.people().get(i).id());
        }
      }
      for (int i = 0; i < base.documents().size(); i++) {
        if (i % settings.writers() == index) {
          ownedDocuments.add(base.documents().get(i).id());
        }
      }
      this.basePeople = List.copyOf(people);
    }

    void tick() {
      try {
        int r = gen.nextInt(100);
        boolean relationshipsWritable = settings.relationshipsOnTarget() || !app.speaksTargetTerms();
        if (r < 30) {
          createPerson();
        } else if (r < 65 || (r < 80 && !relationshipsWritable)) {
          update();
        } else if (r < 80) {
          relate();
        } else {
          delete(relationshipsWritable);
        }
      } catch (RuntimeException e) {
        // the operation's own failure is counted where it happened; this is a bug of the workload itself
        error("writer " + index + " failed: " + e, e);
      }
    }

    private void createPerson() {
      String id = "wl" + index + "-person-" + created++;
      Node person = gen.person(id, 0);
      if (write(id, () -> Optional.of(app.upsertNodes(List.of(person))), "create", sent -> {
        nodes.put(id, new Expected<>(Optional.of(person), sent));
        if (sent) {
          createdInTargetTerms.add(id);
        }
      })) {
        createdPeople.add(id);
        creates.increment();
      }
    }

    private void update() {
      int pool = ownedPeople.size() + ownedDocuments.size() + createdPeople.size();
      if (pool == 0) {
        createPerson();
        return;
      }
      int pick = gen.nextInt(pool);
      version++;
      Node node;
      if (pick < ownedPeople.size()) {
        node = gen.person(ownedPeople.get(pick), version);
      } else if (pick < ownedPeople.size() + ownedDocuments.size()) {
        node = gen.document(ownedDocuments.get(pick - ownedPeople.size()), version);
      } else {
        node = gen.person(createdPeople.get(pick - ownedPeople.size() - ownedDocuments.size()), version);
      }
      if (writeNode(node, "update")) {
        updates.increment();
      }
    }

    private void relate() {
      if (createdPeople.isEmpty()) {
        createPerson();
        return;
      }
      String from = createdPeople.get(gen.nextInt(createdPeople.size()));
      String to = basePeople.get(gen.nextInt(basePeople.size()));
      String id = "wl" + index + "-knows-" + created++;
      Relationship knows = gen.knows(id, from, to);
      if (write(id, () -> app.upsertRelationships(List.of(knows)), "relate", sent -> {
        relationships.put(id, new Expected<>(Optional.of(knows), sent));
        if (sent) {
          createdInTargetTerms.add(id);
        }
      })) {
        createdKnows.add(new String[] {id, from});
        relates.increment();
      }
    }

    private void delete(boolean relationshipsWritable) {
      boolean nodeDelete = settings.nodeDeletes() && (gen.nextInt(2) == 0 || createdKnows.isEmpty()
          || !relationshipsWritable);
      if (!nodeDelete) {
        if (createdKnows.isEmpty() || !relationshipsWritable) {
          update();
          return;
        }
        String[] knows = createdKnows.remove(gen.nextInt(createdKnows.size()));
        if (write(knows[0], () -> app.deleteRelationships(List.of(knows[0])), "unrelate", sent ->
            relationships.put(knows[0], new Expected<>(Optional.empty(), sent)))) {
          unrelates.increment();
        }
        return;
      }
      // a base document (its READ relationships go with it) or a person this writer created (with its KNOWS)
      boolean document = !ownedDocuments.isEmpty() && (createdPeople.isEmpty() || gen.nextInt(2) == 0);
      if (!document && createdPeople.isEmpty()) {
        update();
        return;
      }
      String id = document ? ownedDocuments.remove(gen.nextInt(ownedDocuments.size()))
          : createdPeople.remove(gen.nextInt(createdPeople.size()));
      if (write(id, () -> Optional.of(app.deleteNodes(List.of(id))), "delete", sent -> {
        nodes.put(id, new Expected<>(Optional.empty(), sent));
        if (!document) {
          List<String[]> gone = createdKnows.stream().filter(k -> k[1].equals(id)).toList();
          createdKnows.removeAll(gone);
          for (String[] k : gone) {
            relationships.put(k[0], new Expected<>(Optional.empty(), sent));
          }
        }
      })) {
        deletes.increment();
      }
    }

    private boolean writeNode(Node node, String what) {
      return write(node.id(), () -> Optional.of(app.upsertNodes(List.of(node))), what,
          sent -> nodes.put(node.id(), new Expected<>(Optional.of(node), sent)));
    }

    /**
     * Writes; on acknowledgment records it in the ledger; on failure counts an error and forgets the id.
     * A call the application did not make (empty: relationships once the target cannot hold them) changes
     * nothing.
     */
    private boolean write(String id, Supplier<Optional<Application.Sent>> call, String what,
        Consumer<Boolean> acknowledged) {
      long start = System.nanoTime();
      try {
        Optional<Application.Sent> made = call.get();
        if (made.isEmpty()) {
          return false;
        }
        Application.Sent sent = made.get();
        writeLatency.record(System.nanoTime() - start);
        WriteResult result = sent.result();
        if (!result.rejected().isEmpty()) {
          uncertain.add(id);
          nodes.remove(id);
          relationships.remove(id);
          error(what + " of " + id + " rejected by the primary: " + result.rejected(), null);
          return false;
        }
        acknowledged.accept(sent.targetTerms());
        return true;
      } catch (RuntimeException e) {
        uncertain.add(id);
        nodes.remove(id);
        relationships.remove(id);
        error(what + " of " + id + " failed: " + e, e);
        return false;
      }
    }
  }

  /** A bounded window of latency samples (the last {@code capacity} since the window started). Thread-safe. */
  static final class LatencyWindow {
    private final long[] samples;
    private int size;
    private long count;

    LatencyWindow(int capacity) {
      this.samples = new long[capacity];
    }

    synchronized void record(long nanos) {
      samples[(int) (count % samples.length)] = nanos;
      count++;
      size = (int) Math.min(count, samples.length);
    }

    /** The percentiles of the window, then an empty window. */
    synchronized Percentiles take() {
      long[] sorted = Arrays.copyOf(samples, size);
      long n = count;
      size = 0;
      count = 0;
      Arrays.sort(sorted);
      if (sorted.length == 0) {
        return new Percentiles(0, Duration.ZERO, Duration.ZERO);
      }
      return new Percentiles(n, Duration.ofNanos(sorted[(int) ((sorted.length - 1) * 0.50)]),
          Duration.ofNanos(sorted[(int) ((sorted.length - 1) * 0.99)]));
    }

    record Percentiles(long count, Duration p50, Duration p99) {}
  }
}
