package dev.graphshift.benchmarks.backfill;

import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.backfill.BackfillReport;
import dev.graphshift.backfill.Backfiller;
import dev.graphshift.backfill.FileCheckpointStore;
import dev.graphshift.neo4j.Neo4jGraphDatabase;
import dev.graphshift.testing.EmbeddedNeo4j;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * End-to-end backfill throughput: the embedded Neo4j as source, the in-memory database and the in-process
 * Gremlin Server (through the Neptune adapter) as targets, with the two baselines the backfill cannot beat
 * measured in the same run: how fast the source can be read, and how fast the target can be written.
 *
 * <p><b>Workload.</b> {@code N} {@code :Person} nodes (id, name, born, rank, score) and {@code R} {@code
 * :KNOWS} relationships between hashed-random nodes (id, since, weight), loaded once into the embedded
 * Neo4j (page cache {@code --page-cache-mib}) through its in-process API (setup, not measured). The source
 * is read through {@link Neo4jGraphDatabase} (key label {@code Entity}, identity {@code id}), as a
 * backfill reads it. For each size (smallest first; a larger size adds records to the same source) and
 * each target, three phases run, each against an empty target:
 * <ol>
 *   <li><b>read</b>: the source's read-only rate. The same keyset scan the backfill runs (the source's
 *       splits into {@code parallelism} id ranges, pages of {@code batch}), nodes then relationships, one
 *       thread per range, records discarded.
 *   <li><b>write</b>: the target's write-only rate. The same records (generated again, equal to the
 *       source's, made before the phase when memory allows) written with {@code INSERT_IF_ABSENT} in
 *       batches of {@code batch}, nodes then relationships, by {@code parallelism} threads each owning a
 *       contiguous range, as the backfill's partitions do.
 *   <li><b>backfill</b>: {@link Backfiller} from the source to the target: batch size {@code batch},
 *       {@code parallelism} partitions by id range, the identity mapper, a file checkpoint store (its
 *       default kind), its default thread pool.
 * </ol>
 * A warm-up (half of the first size's read, and half of its writes to a throwaway target; {@code --warmup})
 * runs first for each target: the JIT compiles the source's, the adapters' and the servers' hot paths.
 * After each phase the target's counts must equal the source's and sampled records must equal the
 * generated ones, or the run fails.
 *
 * <p><b>Figures.</b> Records per second of each phase (all records over the phase's wall time, and per
 * kind); the backfill's rate over the slower of read and write (goal ≥ 0.8); per kind, the last full
 * batch's time over the first's (goal ≤ 1.2), with the second, the median and the first and last tenths
 * (backfill batches from the listener's {@code BackfillBatchCommittedEvent}s); where the backfill's time
 * went (read, wait, write); the heap of each phase ({@link HeapProbe}: peak, peak after collections, what
 * the phase left behind, and the working heap, which must not grow with the graph's size, hence two
 * sizes); and the comparison with the figure users cite for this job, 10 million nodes in about 10
 * minutes (16 667 nodes/s). The results go to a JSON file and, as Markdown tables, to standard output.
 *
 * <p><b>Run</b> (the full size needs a quiet machine, about {@code -Xmx8g}, and several minutes per phase
 * against the Gremlin Server; see {@code docs/benchmarks/backfill.md}):
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests -DskipITs -Dinvoker.skip=true -Pbench \
 *     -Dbench.class=dev.graphshift.benchmarks.backfill.BackfillThroughputRunner \
 *     -Dbench.jvmArgs="-Xmx8g -da:org.neo4j... -Dio.netty.transport.noNative=true" \
 *     -Dbench.args="--sizes 250000:750000,1000000:3000000 --batch 10000 --parallelism 2 --targets memory,gremlin --out target/backfill-throughput.json"
 * </pre>
 * Options: {@code --sizes n:r[,n:r...]} (default {@value #DEFAULT_SIZES}), {@code --batch} (default
 * {@value Backfiller#DEFAULT_BATCH_SIZE}), {@code --parallelism} (default {@value
 * Backfiller#DEFAULT_PARALLELISM}), {@code --targets} (default {@code memory,gremlin}), {@code --out}
 * (default {@code target/backfill-throughput.json}), {@code --page-cache-mib} (default 1024), {@code
 * --warmup} (the fraction of the first size warmed up, default 0.5).
 *
 * <p>Not thread-safe; confine to one thread.
 */
public final class BackfillThroughputRunner {
  /** The default sizes: two, a quarter and the whole of the graph. */
  public static final String DEFAULT_SIZES = "250000:750000,1000000:3000000";

  /** Generous, so that a busy machine slows a run down instead of failing it. */
  private static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);
  /** Records checked against the generated ones after each phase. */
  private static final int SPOT_CHECKS = 200;
  /** Bytes a generated record takes on the heap, about: decides whether the write input is materialized. */
  private static final long BYTES_PER_RECORD = 400;

  /**
   * The options of a run.
   *
   * @param sizes the graph sizes, smallest first
   * @param batch records per batch
   * @param parallelism partitions at once
   * @param targets the targets, in the order they run
   * @param out the JSON file
   * @param pageCacheMib the embedded Neo4j's page cache
   * @param warmup the fraction of the first size's reads and writes run as warm-up
   */
  public record Options(List<Workload.Size> sizes, int batch, int parallelism, List<Targets.Kind> targets, Path out,
      long pageCacheMib, double warmup) {

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException on an unknown option or a bad value
     */
    public static Options parse(String... args) {
      Map<String, String> given = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        String key = args[i];
        if (!key.startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --option value pairs, got '" + key + "' in "
              + Arrays.toString(args));
        }
        given.put(key.substring(2), args[++i]);
      }
      List<Workload.Size> sizes = new ArrayList<>();
      for (String s : given.getOrDefault("sizes", DEFAULT_SIZES).split(",")) {
        String[] nr = s.trim().split(":");
        if (nr.length != 2) {
          throw new IllegalArgumentException("a size is nodes:relationships, got '" + s + "'");
        }
        sizes.add(new Workload.Size(Integer.parseInt(nr[0].trim()), Integer.parseInt(nr[1].trim())));
      }
      List<Targets.Kind> targets = new ArrayList<>();
      for (String t : given.getOrDefault("targets", "memory,gremlin").split(",")) {
        targets.add(Targets.Kind.parse(t));
      }
      Options options = new Options(sizes,
          Integer.parseInt(given.getOrDefault("batch", Integer.toString(Backfiller.DEFAULT_BATCH_SIZE))),
          Integer.parseInt(given.getOrDefault("parallelism", Integer.toString(Backfiller.DEFAULT_PARALLELISM))),
          targets, Path.of(given.getOrDefault("out", "target/backfill-throughput.json")),
          Long.parseLong(given.getOrDefault("page-cache-mib", "1024")),
          Double.parseDouble(given.getOrDefault("warmup", "0.5")));
      given.keySet().removeAll(List.of("sizes", "batch", "parallelism", "targets", "out", "page-cache-mib", "warmup"));
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("unknown options " + given.keySet());
      }
      return options;
    }

    public Options {
      sizes = List.copyOf(sizes);
      targets = List.copyOf(targets);
      if (batch < 1 || parallelism < 1 || targets.isEmpty() || warmup < 0 || warmup > 1) {
        throw new IllegalArgumentException("batch and parallelism must be positive, a target given, warmup in "
            + "[0, 1]: batch=" + batch + " parallelism=" + parallelism + " targets=" + targets + " warmup=" + warmup);
      }
    }
  }

  private final Options options;
  private final List<String> command;
  private final Workload workload;

  private BackfillThroughputRunner(Options options, List<String> command) {
    this.options = options;
    this.command = List.copyOf(command);
    this.workload = new Workload(options.sizes(), 42L);
  }

  /**
   * Runs the benchmark and writes the JSON file.
   *
   * @param args the options (see the class javadoc)
   */
  public static void main(String[] args) throws IOException {
    Results.Run run = run(Options.parse(args), List.of(args));
    System.out.println(Report.markdown(run));
  }

  /** Runs the benchmark, writes the JSON file and answers the results. */
  public static Results.Run run(Options options, List<String> command) throws IOException {
    Results.Run run = new BackfillThroughputRunner(options, command).run();
    Path out = options.out().toAbsolutePath();
    Files.createDirectories(out.getParent());
    Files.writeString(out, JsonWriter.write(run));
    System.out.println("written " + out);
    return run;
  }

  private Results.Run run() throws IOException {
    List<Results.Size> sizes = new ArrayList<>();
    Path checkpoints = Files.createTempDirectory("graphshift-backfill-bench");
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), r -> {
      Thread t = new Thread(r, "bench-worker-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.builder().pageCacheBytes(options.pageCacheMib() * 1024 * 1024).start();
         Neo4jGraphDatabase source = Neo4jGraphDatabase.builder("neo4j", neo4j.boltUri()).keyLabel("Entity")
             .transactionTimeout(TRANSACTION_TIMEOUT).build();
         Targets targets = new Targets();
         HeapProbe heap = new HeapProbe()) {
      SourceLoader loader = new SourceLoader(neo4j.databaseService().orElseThrow(), workload);
      Phases phases = new Phases(source, targets, heap, pool, checkpoints);
      boolean warm = false;
      for (Workload.Size size : options.sizes()) {
        long t0 = System.nanoTime();
        loader.growTo(size);
        double load = seconds(System.nanoTime() - t0);
        log("loaded %s into the embedded Neo4j in %.1f s", size, load);
        phases.checkSource(size);
        if (!warm) {
          for (Targets.Kind kind : options.targets()) {
            phases.warmUp(kind, size);
          }
          warm = true;
        }
        List<Results.Target> results = new ArrayList<>();
        for (Targets.Kind kind : options.targets()) {
          results.add(phases.target(kind, size));
        }
        sizes.add(new Results.Size(size.nodes(), size.relationships(), round(load), results));
      }
    } finally {
      pool.shutdownNow();
      try (var files = Files.list(checkpoints)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(checkpoints);
    }
    List<String> gcs = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcs.add(gc.getName());
    }
    return new Results.Run(command, System.getProperty("java.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024), gcs,
        options.batch(), options.parallelism(), sizes);
  }

  /** The phases of one run, against one source. */
  private final class Phases {
    private final Neo4jGraphDatabase source;
    private final Targets targets;
    private final HeapProbe heap;
    private final ExecutorService pool;
    private final Path checkpoints;

    Phases(Neo4jGraphDatabase source, Targets targets, HeapProbe heap, ExecutorService pool, Path checkpoints) {
      this.source = source;
      this.targets = targets;
      this.heap = heap;
      this.pool = pool;
      this.checkpoints = checkpoints;
    }

    /** Fails unless the source holds this size, and its records equal the generated ones. */
    void checkSource(Workload.Size size) {
      if (source.countNodes() != size.nodes() || source.countRelationships() != size.relationships()) {
        throw new IllegalStateException("the source holds " + source.countNodes() + " nodes and "
            + source.countRelationships() + " relationships, expected " + size);
      }
      spotCheck(source, size, "the source");
    }

    void warmUp(Targets.Kind kind, Workload.Size size) {
      int pages = (int) Math.ceil(options.warmup() * size.records() / options.batch() / options.parallelism());
      if (pages == 0) {
        return;
      }
      log("warm-up of %s", kind.key());
      read(size, pages);
      GraphDatabase target = targets.open(kind);
      try {
        Workload.Size part = new Workload.Size(Math.max(2, (int) (size.nodes() * options.warmup())),
            (int) (size.relationships() * options.warmup()));
        // a graph of its own, so that its relationships end at its nodes
        write(target, part, new Input(new Workload(List.of(part), 7L), part, false));
      } finally {
        targets.discard(kind, target);
      }
    }

    Results.Target target(Targets.Kind kind, Workload.Size size) {
      Results.Phase read = measureRead(size);
      Results.Phase write = measureWrite(kind, size);
      Results.Phase backfill = measureBackfill(kind, size);
      boolean readSlower = read.recordsPerSecond() <= write.recordsPerSecond();
      double slower = Math.min(read.recordsPerSecond(), write.recordsPerSecond());
      double nodeRate = backfill.nodesPerSecond();
      double relRate = backfill.relationshipsPerSecond();
      Results.Target result = new Results.Target(kind.key(), read, write, backfill, readSlower ? "read" : "write",
          round(backfill.recordsPerSecond() / slower),
          round(backfill.nodesPerSecond() / Math.min(read.nodesPerSecond(), write.nodesPerSecond())),
          round(backfill.relationshipsPerSecond() / Math.min(read.relationshipsPerSecond(),
              write.relationshipsPerSecond())),
          round(nodeRate / Results.CITED_NODES_PER_SECOND),
          round(10_000_000 / nodeRate / 60),
          round((10_000_000 / nodeRate + 30_000_000 / relRate) / 60));
      log("%s %s: read %.0f/s, write %.0f/s, backfill %.0f/s = %.2f of the slower (%s)", kind.key(), size,
          read.recordsPerSecond(), write.recordsPerSecond(), backfill.recordsPerSecond(), result.backfillToSlower(),
          result.slower());
      return result;
    }

    // -------------------------------------------------------------------------------------------- read

    private Results.Phase measureRead(Workload.Size size) {
      log("  read ...");
      AtomicLong done = new AtomicLong();
      heap.start(done::get, size.records());
      long cpu = cpuNanos();
      Scanned scanned = read(size, Integer.MAX_VALUE, done);
      cpu = cpuNanos() - cpu;
      HeapProbe.Figures figures = heap.stop();
      if (scanned.nodes() != size.nodes() || scanned.relationships() != size.relationships()) {
        throw new IllegalStateException("the read-only scan found " + scanned.nodes() + " nodes and "
            + scanned.relationships() + " relationships, expected " + size);
      }
      return phase("read", size, scanned.nodeNanos(), scanned.relationshipNanos(), scanned.nodeNanos()
          + scanned.relationshipNanos(), scanned.nodeBatches().summary(), scanned.relationshipBatches().summary(),
          Optional.empty(), figures, size.nodes(), size.relationships(), Optional.empty(), cpu);
    }

    private record Scanned(long nodes, long relationships, long nodeNanos, long relationshipNanos,
        BatchTimes nodeBatches, BatchTimes relationshipBatches) {}

    private void read(Workload.Size size, int pagesPerRange) {
      read(size, pagesPerRange, new AtomicLong());
    }

    private Scanned read(Workload.Size size, int pagesPerRange, AtomicLong done) {
      BatchTimes nodeBatches = new BatchTimes(options.batch());
      BatchTimes relationshipBatches = new BatchTimes(options.batch());
      long t0 = System.nanoTime();
      long nodes = scan(source.splitNodeScan(ScanRequest.all(options.batch()), options.parallelism()),
          source::scanNodes, pagesPerRange, nodeBatches, done);
      long t1 = System.nanoTime();
      long relationships = scan(source.splitRelationshipScan(ScanRequest.all(options.batch()), options.parallelism()),
          source::scanRelationships, pagesPerRange, relationshipBatches, done);
      long t2 = System.nanoTime();
      return new Scanned(nodes, relationships, t1 - t0, t2 - t1, nodeBatches, relationshipBatches);
    }

    /** Scans each range on its own thread, page after page, discarding the records; answers how many. */
    private <T extends GraphRecord> long scan(List<ScanRequest> ranges, Function<ScanRequest, ScanPage<T>> scanner,
        int pagesPerRange, BatchTimes times, AtomicLong done) {
      List<Callable<Long>> tasks = new ArrayList<>();
      for (ScanRequest range : ranges) {
        tasks.add(() -> {
          long count = 0;
          ScanRequest request = range;
          for (int page = 0; page < pagesPerRange; page++) {
            long start = System.nanoTime();
            ScanPage<T> p = scanner.apply(request);
            times.add(p.items().size(), System.nanoTime() - start);
            if (!p.rejected().isEmpty()) {
              throw new IllegalStateException("the source rejected records: " + p.rejected());
            }
            count += p.items().size();
            done.addAndGet(p.items().size());
            if (p.next().isEmpty()) {
              break;
            }
            request = request.after(p.next().get());
          }
          return count;
        });
      }
      long total = 0;
      for (long n : inParallel(tasks)) {
        total += n;
      }
      return total;
    }

    // ------------------------------------------------------------------------------------------- write

    private Results.Phase measureWrite(Targets.Kind kind, Workload.Size size) {
      long free = Runtime.getRuntime().maxMemory() - usedHeap();
      boolean materialize = size.records() * BYTES_PER_RECORD < free * 0.35;
      Input input = new Input(workload, size, materialize);
      GraphDatabase target = targets.open(kind);
      log("  write ...");
      try {
        AtomicLong done = new AtomicLong();
        heap.start(done::get, size.records());
        long cpu = cpuNanos();
        Written written = write(target, size, input, done);
        cpu = cpuNanos() - cpu;
        HeapProbe.Figures figures = heap.stop();
        long targetNodes = target.countNodes();
        long targetRelationships = target.countRelationships();
        checkTarget(target, kind, size, targetNodes, targetRelationships, "write-only");
        return phase("write", size, written.nodeNanos(), written.relationshipNanos(),
            written.nodeNanos() + written.relationshipNanos(), written.nodeBatches().summary(),
            written.relationshipBatches().summary(), Optional.empty(), figures, targetNodes, targetRelationships,
            Optional.of(materialize ? "materialized" : "regenerated"), cpu);
      } finally {
        targets.discard(kind, target);
      }
    }

    private record Written(long nodeNanos, long relationshipNanos, BatchTimes nodeBatches,
        BatchTimes relationshipBatches) {}

    private void write(GraphDatabase target, Workload.Size size, Input input) {
      write(target, size, input, new AtomicLong());
    }

    private Written write(GraphDatabase target, Workload.Size size, Input input, AtomicLong done) {
      BatchTimes nodeBatches = new BatchTimes(options.batch());
      BatchTimes relationshipBatches = new BatchTimes(options.batch());
      long t0 = System.nanoTime();
      writeAll(size.nodes(), input::nodes, batch -> target.upsertNodes(batch, WriteMode.INSERT_IF_ABSENT),
          nodeBatches, done);
      long t1 = System.nanoTime();
      writeAll(size.relationships(), input::relationships,
          batch -> target.upsertRelationships(batch, WriteMode.INSERT_IF_ABSENT), relationshipBatches, done);
      long t2 = System.nanoTime();
      return new Written(t1 - t0, t2 - t1, nodeBatches, relationshipBatches);
    }

    /** Writes records [0, count) in {@code parallelism} contiguous ranges, one thread each, batch by batch. */
    private <T extends GraphRecord> void writeAll(int count, BatchSource<T> input, Function<List<T>, WriteResult> writer,
        BatchTimes times, AtomicLong done) {
      int parts = options.parallelism();
      List<Callable<Long>> tasks = new ArrayList<>();
      for (int k = 0; k < parts; k++) {
        int from = (int) ((long) count * k / parts);
        int to = (int) ((long) count * (k + 1) / parts);
        tasks.add(() -> {
          for (int i = from; i < to; i += options.batch()) {
            List<T> batch = input.batch(i, Math.min(to, i + options.batch()));
            long start = System.nanoTime();
            WriteResult result = writer.apply(batch);
            times.add(batch.size(), System.nanoTime() - start);
            if (result.written() != batch.size()) {
              throw new IllegalStateException("the target wrote " + result.written() + " of " + batch.size()
                  + " records (skipped " + result.skipped() + ", rejected " + result.rejected().size() + ", such as "
                  + result.rejected().subList(0, Math.min(3, result.rejected().size())) + ")");
            }
            done.addAndGet(batch.size());
          }
          return (long) (to - from);
        });
      }
      inParallel(tasks);
    }

    // ---------------------------------------------------------------------------------------- backfill

    private Results.Phase measureBackfill(Targets.Kind kind, Workload.Size size) {
      GraphDatabase target = targets.open(kind);
      log("  backfill ...");
      try {
        BackfillRecorder recorder = new BackfillRecorder(options.batch());
        Backfiller backfiller = Backfiller.builder(source, target)
            .name("bench-" + kind.key())
            .batchSize(options.batch())
            .parallelism(options.parallelism())
            .checkpoints(FileCheckpointStore.at(checkpoints.resolve(kind.key() + "-" + size.nodes() + ".json")))
            .consoleProgress(false)
            .listener(recorder)
            .build();
        heap.start(recorder::done, size.records());
        long cpu = cpuNanos();
        long t0 = System.nanoTime();
        BackfillReport report = backfiller.run();
        long elapsed = System.nanoTime() - t0;
        cpu = cpuNanos() - cpu;
        HeapProbe.Figures figures = heap.stop();
        if (!report.reconciles() || report.written() != size.records() || report.read() != size.records()) {
          throw new IllegalStateException("the backfill did not copy every record: " + report.summary());
        }
        long targetNodes = target.countNodes();
        long targetRelationships = target.countRelationships();
        checkTarget(target, kind, size, targetNodes, targetRelationships, "backfill");
        return phase("backfill", size, report.nodes().duration().toNanos(),
            report.relationships().duration().toNanos(), elapsed, recorder.nodeBatches(),
            recorder.relationshipBatches(), Optional.of(recorder.pipeline()), figures, targetNodes,
            targetRelationships, Optional.empty(), cpu);
      } finally {
        targets.discard(kind, target);
      }
    }

    // ----------------------------------------------------------------------------------------- helpers

    private void checkTarget(GraphDatabase target, Targets.Kind kind, Workload.Size size, long nodes,
        long relationships, String phase) {
      if (nodes != size.nodes() || relationships != size.relationships()) {
        throw new IllegalStateException("after the " + phase + " phase the " + kind.key() + " target holds "
            + nodes + " nodes and " + relationships + " relationships, the source " + size);
      }
      spotCheck(target, size, "the " + kind.key() + " target after the " + phase + " phase");
    }

    /** Fails unless sampled records of the database equal the generated ones. */
    private void spotCheck(GraphDatabase db, Workload.Size size, String what) {
      List<String> nodeIds = new ArrayList<>();
      List<String> relationshipIds = new ArrayList<>();
      Map<String, GraphRecord> expected = new LinkedHashMap<>();
      for (int k = 0; k < SPOT_CHECKS; k++) {
        Node n = workload.node((int) ((long) size.nodes() * k / SPOT_CHECKS));
        nodeIds.add(n.id());
        expected.put(n.id(), n);
        if (size.relationships() > 0) {
          Relationship r = workload.relationship((int) ((long) size.relationships() * k / SPOT_CHECKS));
          relationshipIds.add(r.id());
          expected.put(r.id(), r);
        }
      }
      Map<String, GraphRecord> found = new LinkedHashMap<>(db.getNodes(nodeIds));
      found.putAll(db.getRelationships(relationshipIds));
      for (Map.Entry<String, GraphRecord> e : expected.entrySet()) {
        if (!e.getValue().equals(found.get(e.getKey()))) {
          throw new IllegalStateException(what + " holds " + found.get(e.getKey()) + " where " + e.getValue()
              + " was expected");
        }
      }
    }

    private Results.Phase phase(String name, Workload.Size size, long nodeNanos, long relationshipNanos,
        long totalNanos, BatchTimes.Summary nodeBatches, BatchTimes.Summary relationshipBatches,
        Optional<Results.Pipeline> pipeline, HeapProbe.Figures figures, long targetNodes, long targetRelationships,
        Optional<String> input, long cpuNanos) {
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      Results.Phase phase = new Results.Phase(name, size.nodes(), size.relationships(), round(seconds(totalNanos)),
          round(seconds(nodeNanos)), round(seconds(relationshipNanos)), round(size.records() / seconds(totalNanos)),
          round(size.nodes() / seconds(nodeNanos)), round(size.relationships() / seconds(relationshipNanos)),
          nodeBatches, relationshipBatches, pipeline, figures, targetNodes, targetRelationships, input,
          round(seconds(cpuNanos)), round(cpuNanos / 1e3 / size.records()), round(load));
      log("  %s: %.0f records/s (nodes %.0f/s, relationships %.0f/s), %.1f CPU-µs a record, last/first batch %.2f "
              + "and %.2f, working heap %.0f MiB, load %.1f", name, phase.recordsPerSecond(), phase.nodesPerSecond(),
          phase.relationshipsPerSecond(), phase.cpuMicrosPerRecord(), nodeBatches.lastToFirst(),
          relationshipBatches.lastToFirst(), figures.workingMiB(), load);
      return phase;
    }

    private <R> List<R> inParallel(List<Callable<R>> tasks) {
      List<Future<R>> futures = new ArrayList<>();
      for (Callable<R> task : tasks) {
        futures.add(pool.submit(task));
      }
      List<R> results = new ArrayList<>();
      RuntimeException failure = null;
      for (Future<R> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          RuntimeException cause = e.getCause() instanceof RuntimeException re ? re
              : new IllegalStateException(e.getCause());
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    }
  }

  /** Batches of generated records of one kind. */
  @FunctionalInterface
  private interface BatchSource<T extends GraphRecord> {
    List<T> batch(int from, int to);
  }

  /**
   * The write-only phase's records: made before the phase and held in memory (so the phase measures the
   * writes alone) when the heap has room for them, otherwise made batch by batch during the phase.
   */
  private static final class Input {
    private final Workload workload;
    private final List<Node> nodes;
    private final List<Relationship> relationships;

    Input(Workload workload, Workload.Size size, boolean materialize) {
      this.workload = workload;
      this.nodes = materialize ? make(size.nodes(), workload::node) : List.of();
      this.relationships = materialize ? make(size.relationships(), workload::relationship) : List.of();
    }

    private static <T> List<T> make(int n, IntFunction<T> maker) {
      List<T> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(maker.apply(i));
      }
      return list;
    }

    List<Node> nodes(int from, int to) {
      return nodes.isEmpty() ? make(to - from, i -> workload.node(from + i)) : nodes.subList(from, to);
    }

    List<Relationship> relationships(int from, int to) {
      return relationships.isEmpty() ? make(to - from, i -> workload.relationship(from + i))
          : relationships.subList(from, to);
    }
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  /** The CPU time of this JVM, every thread. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long usedHeap() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : v;
  }

  private static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "%s " + format + "%n", prepend(java.time.LocalTime.now().withNano(0), args));
  }
}
