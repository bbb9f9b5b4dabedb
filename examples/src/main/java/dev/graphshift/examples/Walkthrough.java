package dev.graphshift.examples;

import static java.util.Objects.requireNonNull;

import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphRecord;
import dev.graphshift.GraphShiftException;
import dev.graphshift.Node;
import dev.graphshift.PropertyValues;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import dev.graphshift.WriteResult;
import dev.graphshift.backfill.BackfillPhaseReport;
import dev.graphshift.backfill.BackfillReport;
import dev.graphshift.backfill.FileCheckpointStore;
import dev.graphshift.cutover.CutoverMetrics;
import dev.graphshift.cutover.CutoverPhase;
import dev.graphshift.cutover.CutoverSchedule;
import dev.graphshift.cutover.CutoverState;
import dev.graphshift.cutover.GradualCutoverRouter;
import dev.graphshift.cutover.HealthGate;
import dev.graphshift.dualwrite.DualWriteCoordinator;
import dev.graphshift.dualwrite.DualWriteListener;
import dev.graphshift.dualwrite.DualWriteMetrics;
import dev.graphshift.dualwrite.FileDeadLetterQueue;
import dev.graphshift.dualwrite.RecordsRejectedEvent;
import dev.graphshift.engram.EngramGraphDatabase;
import dev.graphshift.mapping.HashingEmbedder;
import dev.graphshift.mapping.RecordMapper;
import dev.graphshift.mapping.SchemaMapper;
import dev.graphshift.mapping.SchemaMapping;
import dev.graphshift.neo4j.Neo4jGraphDatabase;
import dev.graphshift.neptune.NeptuneGraphDatabase;
import dev.graphshift.runbook.FileRunbookStateStore;
import dev.graphshift.runbook.GateRefusedException;
import dev.graphshift.runbook.GateResult;
import dev.graphshift.runbook.Gates;
import dev.graphshift.runbook.MigrationPhase;
import dev.graphshift.runbook.MigrationRunbook;
import dev.graphshift.runbook.Transition;
import dev.graphshift.shadow.Discrepancy;
import dev.graphshift.shadow.LatencySummary;
import dev.graphshift.shadow.ShadowMetrics;
import dev.graphshift.shadow.ShadowReadCoordinator;
import dev.graphshift.shadow.Similarity;
import dev.graphshift.testing.EmbeddedGremlinServer;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.testing.engram.EngramStandIn;
import dev.graphshift.validation.CheckResult;
import dev.graphshift.validation.CheckStatus;
import dev.graphshift.validation.Difference;
import dev.graphshift.validation.ValidationReport;
import dev.graphshift.validation.Validator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The zero-downtime walk-through, the README's main job: a complete live migration on embedded
 * defaults, in about a minute and a half.
 *
 * <ol>
 *   <li>An embedded Neo4j with a generated graph (people, documents with 768-d embeddings, {@code READ}
 *       relationships with a duration, {@code KNOWS} relationships), and the target: an in-process Gremlin
 *       Server standing in for Neptune, or with {@code --engram} the Engram stand-in.
 *   <li>A live synthetic workload writing (creates, updates, relationship changes, deletes) and reading
 *       (gets by id) at a steady rate on its own threads, from before the first phase to after the last,
 *       through the one handle of a {@link MigrationRunbook}.
 *   <li>Every phase in turn, each entered through the runbook's gates: dual write (Neo4j primary, the
 *       target secondary, a durable file dead-letter queue), backfill (through the dual write's race-safe
 *       backfill view), validation (counts and a sampled deep check, then a full diff), shadow reads
 *       (match rate and both sides' latency), gradual cutover 1 % → 10 % → 50 % → 100 % on a compressed
 *       schedule with health gates, decommission (the target becomes the only store) and completion.
 *   <li>The verdict: the workload's errors (must be zero) and lost writes (must be zero), found by comparing
 *       the final target with the workload's own record of acknowledged writes and with the source.
 * </ol>
 *
 * <p>Run it with {@code ./mvnw -B -q -Pwalkthrough -pl examples -am verify -DskipTests -DskipITs} (options through
 * {@code -Dwalkthrough.args="--engram"}; {@code --help} lists them). It exits with 0 when every check passed,
 * 1 when one failed, 2 on bad arguments.
 *
 * <p>Not thread-safe; confine to one thread (it starts and stops its own threads).
 */
public final class Walkthrough {
  private static final String ACTOR = "walkthrough";
  private static final Duration GATE_PATIENCE = Duration.ofSeconds(60);
  private static final int VALIDATION_ATTEMPTS = 5;
  private static final int CHECK_BATCH = 500;
  /** The evidence the walk-through stores for a validation whose in-flight differences settled. */
  private static final String SETTLED_VALIDATION = "validation-settled";

  private Walkthrough() {}

  /** A check of the verdict: its name, whether it passed, and the figures behind it. */
  public record Check(String name, boolean passed, String detail) {
    public Check {
      requireNonNull(name, "name");
      requireNonNull(detail, "detail");
    }
  }

  /**
   * What a run found.
   *
   * @param checks every check of the verdict, in the order printed
   * @param phases the phases entered, in order
   * @param workloadWrites writes the workload made (acknowledged or not)
   * @param workloadReads reads the workload made
   * @param workloadErrors writes and reads that failed or were rejected by the primary
   * @param lostWrites acknowledged writes the final target does not hold as acknowledged
   * @param elapsed how long the run took
   */
  public record Result(List<Check> checks, List<MigrationPhase> phases, long workloadWrites, long workloadReads,
      long workloadErrors, long lostWrites, Duration elapsed) {
    public Result {
      checks = List.copyOf(checks);
      phases = List.copyOf(phases);
    }

    /** Whether every check passed. */
    public boolean passed() {
      return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }
  }

  /** Runs the walk-through with the options given on the command line; exits 0, 1 (a check failed) or 2. */
  public static void main(String[] args) {
    List<String> list = Arrays.asList(args);
    if (list.contains("--help") || list.contains("-h")) {
      System.out.println(WalkthroughOptions.usage());
      return;
    }
    WalkthroughOptions options;
    try {
      options = WalkthroughOptions.parse(list);
    } catch (IllegalArgumentException e) {
      System.err.println("walkthrough: " + e.getMessage());
      System.err.println(WalkthroughOptions.usage());
      System.exit(2);
      return;
    }
    Result result = run(options, System.out);
    System.exit(result.passed() ? 0 : 1);
  }

  /**
   * Runs the walk-through and prints its report to {@code out}.
   *
   * @return what it found; a failure of the run itself is a failed check, never an exception
   */
  public static Result run(WalkthroughOptions options, PrintStream out) {
    requireNonNull(options, "options");
    requireNonNull(out, "out");
    Run run = new Run(options, out);
    try {
      run.execute();
    } catch (RuntimeException e) {
      run.fail("the walk-through itself", e);
    }
    return run.result();
  }

  /** One run: the state the phases share. */
  private static final class Run {
    private final WalkthroughOptions o;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private final List<Check> checks = new ArrayList<>();
    private final List<MigrationPhase> phases = new ArrayList<>();
    private final Map<String, AtomicLong> rejectedByRule = new ConcurrentHashMap<>();
    private final Map<String, String> rejectedExamples = new ConcurrentHashMap<>();
    private final boolean engram;
    private Workload workload;
    private long lostWrites = -1;
    private long[] sourceAtDecommission = {-1, -1};

    Run(WalkthroughOptions o, PrintStream out) {
      this.o = o;
      this.out = out;
      this.engram = o.target() == WalkthroughOptions.Target.ENGRAM;
    }

    Result result() {
      Workload.Totals t = workload == null ? null : workload.totals();
      return new Result(checks, phases, t == null ? 0 : t.writes(), t == null ? 0 : t.reads(),
          t == null ? 0 : t.errors(), lostWrites, elapsed());
    }

    void fail(String what, RuntimeException e) {
      out.println(stamp() + "FAILED     " + what + ": " + e);
      checks.add(new Check(what + " ran to the end", false, String.valueOf(e)));
    }

    // ------------------------------------------------------------------------------------------ the run

    void execute() {
      Path work = tempDirectory();
      String targetName = engram ? "the Engram stand-in" : "an in-process Gremlin Server standing in for Neptune";
      out.println("GraphShift walk-through: a zero-downtime migration from an embedded Neo4j to " + targetName);
      out.printf(Locale.ROOT, "  graph: %d people, %d documents (768-d embeddings), %d READ + %d KNOWS per person;"
              + " workload: %d writers x %.0f writes/s, %d readers x %.0f reads/s; seed %d%n", o.people(), o.documents(),
          o.readsPerPerson(), o.knowsPerPerson(), o.writers(), o.writesPerSecond(), o.readers(), o.readsPerSecond(),
          o.seed());
      out.println("  working files (dead-letter journal, runbook state): " + work);
      out.println();
      try (EmbeddedNeo4j neo4jServer = EmbeddedNeo4j.start();
          Neo4jGraphDatabase neo4j = Neo4jGraphDatabase.builder("neo4j", neo4jServer.boltUri())
              .keyLabel("Entity").build();
          Target target = Target.start(o.target());
          FileDeadLetterQueue deadLetters = FileDeadLetterQueue.open(work.resolve("dead-letters.journal"))) {
        line("setup", "embedded Neo4j up in " + seconds(neo4jServer.startupTime()) + "; " + target.database.name()
            + " up at " + target.address);
        SampleGraph.Graph graph = load(neo4j);
        RecordMapper mapper = mapper();
        out.println();
        MigrationRunbook runbook = runbook(neo4j, target.database, mapper, deadLetters, work);
        Application app = new Application(runbook.database(), mapper, !engram);
        try (runbook) {
          workload = new Workload(app, graph, new Workload.Settings(o.writers(), o.writesPerSecond(), o.readers(),
              o.readsPerSecond(), !engram, !engram, o.seed()));
          line("workload", "started: creates 30 %, updates 35 %, relationship writes 15 %, deletes 20 %"
              + (engram ? " (relationship deletes only: Engram cannot delete memories)" : "")
              + "; gets by id; all through the runbook's one handle");
          pause(o.phaseHold());
          reportWorkload("single write (Neo4j only)");
          migrate(runbook, app, neo4j, target.database, mapper);
          // the workload stops before the runbook closes: its last writes are acknowledged by the target
          workload.close();
        } finally {
          if (workload != null) {
            workload.close();
          }
        }
        verdict(neo4j, target.database, mapper);
      }
    }

    private void migrate(MigrationRunbook runbook, Application app, GraphDatabase neo4j, GraphDatabase target,
        RecordMapper mapper) {
      // 1. dual write
      enter(runbook, MigrationPhase.DUAL_WRITE);
      pause(o.phaseHold());
      reportDualWrite(runbook.dualWrite().orElseThrow());
      reportWorkload("dual write");

      // 2. backfill
      enter(runbook, MigrationPhase.BACKFILL);
      BackfillReport backfill = runbook.runBackfill();
      reportBackfill(backfill, runbook.dualWrite().orElseThrow());
      reportWorkload("backfill");

      // 3. validation: counts and a sampled deep check (the gate of shadow reads), then a full diff
      enter(runbook, MigrationPhase.VALIDATE);
      validate(runbook, neo4j, target, mapper);
      reportWorkload("validation");

      // 4. shadow reads
      enter(runbook, MigrationPhase.SHADOW_READ);
      ShadowReadCoordinator shadow = runbook.shadowRead().orElseThrow();
      awaitComparisons(shadow);
      reportShadow(shadow.metrics(), shadow.report().examples(), true);
      reportWorkload("shadow read");

      // 5. gradual cutover on the compressed schedule
      enter(runbook, MigrationPhase.CUTOVER);
      followCutover(runbook);
      reportShadow(runbook.shadowRead().map(ShadowReadCoordinator::metrics).orElseThrow(), List.of(), false);
      reportWorkload("cutover");

      // 6. decommission: the target becomes the primary and the only store
      DualWriteCoordinator forward = runbook.dualWrite().orElseThrow();
      long[] sourceCounts = new long[2];
      app.switchTerms(() -> {
        enter(runbook, MigrationPhase.DECOMMISSION);
        sourceCounts[0] = neo4j.countNodes();
        sourceCounts[1] = neo4j.countRelationships();
      });
      // the change of phase waited for the forward dual write to catch up, then retired it
      DualWriteMetrics last = forward.metrics();
      sourceAtDecommission = sourceCounts;
      line("decommission", "Neo4j gets no more writes; " + target.name() + " is the only store (the forward dual"
          + " write ended with " + last.queueDepth() + " dead letters pending, " + last.parked() + " parked, "
          + last.inFlight() + " in flight); Neo4j holds " + sourceCounts[0] + " nodes, " + sourceCounts[1]
          + " relationships");
      checks.add(new Check("dead-letter queue drained before decommission", last.queueDepth() == 0 && last.parked() == 0,
          last.queueDepth() + " pending, " + last.parked() + " parked, " + last.deadLettered() + " ever dead-lettered"));
      pause(o.phaseHold());
      reportWorkload("decommission");

      // 7. complete
      enter(runbook, MigrationPhase.COMPLETE);
      checks.add(new Check("migration complete", runbook.phase() == MigrationPhase.COMPLETE, "phase " + runbook.phase()));
      pause(Duration.ofMillis(Math.min(2_000, o.phaseHold().toMillis())));
      reportWorkload("complete");
    }

    // --------------------------------------------------------------------------------------- setup

    private SampleGraph.Graph load(GraphDatabase neo4j) {
      long t0 = System.nanoTime();
      SampleGraph.Graph graph = new SampleGraph(o.seed()).generate(o.people(), o.documents(), o.readsPerPerson(),
          o.knowsPerPerson());
      WriteResult written = WriteResult.empty();
      for (List<Node> batch : batches(Stream.concat(graph.people().stream(), graph.documents().stream()).toList())) {
        written = written.plus(neo4j.upsertNodes(batch));
      }
      for (List<Relationship> batch : batches(Stream.concat(graph.reads().stream(), graph.knows().stream()).toList())) {
        written = written.plus(neo4j.upsertRelationships(batch));
      }
      line("sample graph", String.format(Locale.ROOT, "%d Person, %d Document, %d READ, %d KNOWS written to Neo4j"
              + " in %s (%d rejected)", graph.people().size(), graph.documents().size(), graph.reads().size(),
          graph.knows().size(), seconds(Duration.ofNanos(System.nanoTime() - t0)), written.rejected().size()));
      if (!written.rejected().isEmpty()) {
        throw new IllegalStateException("Neo4j rejected sample records: " + written.rejected().subList(0,
            Math.min(3, written.rejected().size())));
      }
      return graph;
    }

    private RecordMapper mapper() {
      SchemaMapping mapping = engram ? SchemaMapping.neo4jToEngram() : SchemaMapping.neo4jToNeptune();
      line("mapping", "SchemaMapping." + (engram ? "neo4jToEngram()" : "neo4jToNeptune()") + ": "
          + (engram ? "node id = memory id, labels and properties kept, embedding copied (people: generated by"
              + " HashingEmbedder), strength = 1.0, last_accessed = created_at; relationships weighted (READ:"
              + " min(duration / 300, 1))"
              : "same ids, labels, types and properties; the adapter stores vectors as JSON strings, read back as"
              + " vectors"));
      return SchemaMapper.builder(mapping).embedder(HashingEmbedder.ofDefaults()).build();
    }

    private MigrationRunbook runbook(GraphDatabase neo4j, GraphDatabase target, RecordMapper mapper,
        FileDeadLetterQueue deadLetters, Path work) {
      DualWriteListener rejections = new DualWriteListener() {
        @Override
        public void onRejected(RecordsRejectedEvent event) {
          for (Rejected r : event.rejected()) {
            rejectedByRule.computeIfAbsent(event.by() + " " + r.rule(), k -> new AtomicLong()).incrementAndGet();
            rejectedExamples.putIfAbsent(event.by() + " " + r.rule(), r.recordId() + ": " + r.message());
          }
        }
      };
      HealthGate health = HealthGate.builder()
          .maxErrorRate(0.01)
          // in-process stand-ins on a shared machine: judge errors strictly, latency only against gross regressions
          .maxLatencyRatio(10.0)
          .minSamples(50)
          .window(Duration.ofSeconds(2))
          .slices(4)
          .build();
      int sampleSize = Math.min(Validator.DEFAULT_SAMPLE_SIZE, o.people() + o.documents());
      return MigrationRunbook.builder("walkthrough", neo4j, target)
          .mapper(mapper)
          .deadLetters(deadLetters)
          .stateStore(FileRunbookStateStore.in(work.resolve("runbook")))
          .schedule(CutoverSchedule.compressed(o.cutoverStep()))
          .rollbackWindow(o.phaseHold())
          .gates(MigrationPhase.SHADOW_READ, List.of(Gates.dualWriteCaughtUp(),
              Gates.evidencePassed(SETTLED_VALIDATION)))
          .gates(MigrationPhase.CUTOVER, List.of(Gates.dualWriteCaughtUp(),
              Gates.shadowMatchRate(Gates.DEFAULT_MIN_MATCH_RATE, o.minComparisons())))
          .configureDualWrite(b -> b.listener(rejections))
          .configureBackfill(b -> b.checkpoints(FileCheckpointStore.at(work.resolve("backfill.checkpoint.json"))))
          .configureShadowRead(b -> {
            if (engram) {
              b.recordComparator(Run::equalIgnoringEmbedding);
            }
          })
          .configureCutover(b -> b.healthGate(health).tickInterval(Duration.ofMillis(100)))
          .configureValidation(b -> {
            b.sampleSize(sampleSize);
            if (engram) {
              b.ignoreProperties(SampleGraph.EMBEDDING);
            }
          })
          .build();
    }

    // --------------------------------------------------------------------------------------- phases

    private void enter(MigrationRunbook runbook, MigrationPhase phase) {
      long deadline = System.nanoTime() + GATE_PATIENCE.toNanos();
      String waitedFor = null;
      while (true) {
        try {
          Transition t = runbook.advance(ACTOR);
          phases.add(t.to());
          out.println();
          out.println("== " + t.to() + " ==" + (waitedFor == null ? "" : "  (waited for: " + waitedFor + ")"));
          for (GateResult g : t.gates()) {
            line("gate", (g.passed() ? "passed " : "FAILED ") + g.gate() + ": " + g.reason());
          }
          if (t.to() != phase) {
            throw new IllegalStateException("entered " + t.to() + ", expected " + phase);
          }
          return;
        } catch (GateRefusedException e) {
          String failed = e.failed().stream().map(g -> g.gate() + " (" + g.reason() + ")").toList().toString();
          if (System.nanoTime() > deadline) {
            checks.add(new Check("gates of " + phase, false, failed));
            throw e;
          }
          waitedFor = failed;
          pause(Duration.ofMillis(100));
        }
      }
    }

    /**
     * Validates under live writes: counts, a sampled deep check and a full diff through the runbook (each
     * stored as evidence); then every difference of the full diff is checked again once the dual write has
     * caught up, since a write in flight between the two reads of a comparison shows as a difference. The
     * verdict (no difference left) is stored as the evidence the gate of shadow reads asks for.
     */
    private void validate(MigrationRunbook runbook, GraphDatabase neo4j, GraphDatabase target, RecordMapper mapper) {
      DualWriteCoordinator dual = runbook.dualWrite().orElseThrow();
      awaitCaughtUp(dual);
      printValidation(runbook.runValidation(ValidationReport.Mode.COUNTS));
      awaitCaughtUp(dual);
      printValidation(runbook.runValidation(ValidationReport.Mode.SAMPLE));
      ValidationReport full = null;
      for (int attempt = 1; full == null; attempt++) {
        awaitCaughtUp(dual);
        try {
          full = runbook.runValidation(ValidationReport.Mode.FULL);
        } catch (GraphShiftException e) {
          if (attempt == VALIDATION_ATTEMPTS) {
            throw e;
          }
          line("", "a read of the full validation failed (" + e.getMessage() + "); validating again");
        }
      }
      printValidation(full);
      List<Difference> differences = full.diff().map(d -> d.differences()).orElse(List.of());
      List<String> unsettled = new ArrayList<>();
      for (Difference d : differences) {
        String still = settle(d, dual, neo4j, target, mapper);
        if (still != null) {
          unsettled.add(d.kind() + " " + d.targetId() + ": " + still);
        }
      }
      boolean truncated = full.diff().map(d -> d.truncated()).orElse(false);
      boolean passed = unsettled.isEmpty() && !truncated;
      String summary = full.checks().size() + " checks over " + full.checks().stream().mapToLong(CheckResult::checked)
          .max().orElse(0) + " records; " + differences.size() + " differences under live writes, "
          + (differences.size() - unsettled.size()) + " settled once the dual write caught up (writes in flight), "
          + unsettled.size() + " remain";
      line("settle", summary);
      unsettled.stream().limit(5).forEach(u -> line("", "remains: " + u));
      runbook.recordEvidence(SETTLED_VALIDATION, passed, summary, Map.of("differences", (long) differences.size(),
          "unsettled", (long) unsettled.size()));
      checks.add(new Check("validation (full diff, in-flight differences settled)", passed, summary));
    }

    /** Checks a difference again, up to a few times after the dual write caught up; null once it is gone. */
    private @Nullable String settle(Difference d, DualWriteCoordinator dual, GraphDatabase neo4j, GraphDatabase target,
        RecordMapper mapper) {
      String sourceId = d.sourceId().orElse(d.targetId());
      String still = d.detail();
      for (int attempt = 0; attempt < VALIDATION_ATTEMPTS && still != null; attempt++) {
        awaitCaughtUp(dual);
        if (d.kind() == Difference.Kind.NODE) {
          Optional<Node> want = neo4j.getNode(sourceId).flatMap(n -> mapper.mapNodes(List.of(n)).accepted().stream()
              .findFirst());
          Optional<Node> have = target.getNode(d.targetId());
          still = want.isEmpty() ? have.map(n -> "on the target only").orElse(null)
              : have.isEmpty() ? "missing from the target" : difference(want.get(), have.get());
        } else {
          Optional<Relationship> want = neo4j.getRelationship(sourceId)
              .flatMap(r -> mapper.mapRelationships(List.of(r)).accepted().stream().findFirst());
          Optional<Relationship> have = target.getRelationship(d.targetId());
          still = want.isEmpty() ? have.map(r -> "on the target only").orElse(null)
              : have.isEmpty() ? "missing from the target" : difference(want.get(), have.get());
        }
      }
      return still;
    }

    private void printValidation(ValidationReport report) {
      line("validate " + report.mode().name().toLowerCase(Locale.ROOT), (report.passed() ? "passed" : "differences"
          + " under live writes (settled below)") + " in " + millis(Duration.between(report.startedAt(),
          report.finishedAt())));
      if (report.mode() == ValidationReport.Mode.COUNTS) {
        report.counts().forEach(c -> line("", String.format(Locale.ROOT, "%-12s %-10s source %6d  target %6d",
            c.kind().name().toLowerCase(Locale.ROOT), c.target(), c.expected(), c.actual())));
      }
      for (CheckResult c : report.checks()) {
        line("", String.format(Locale.ROOT, "%-12s %-14s %6d checked, %d failed%s", c.check().name()
                .toLowerCase(Locale.ROOT), c.status(), c.checked(), c.failures(),
            c.status() == CheckStatus.NOT_APPLICABLE ? " (" + c.note() + ")"
                : c.examples().isEmpty() ? "" : "; e.g. " + c.examples().get(0)));
      }
      report.diff().ifPresent(d -> line("", "full diff: " + d.missing() + " missing, " + d.extra() + " extra, "
          + d.different() + " different"));
      report.notes().forEach(n -> line("", "note: " + n));
    }

  
    private void awaitComparisons(ShadowReadCoordinator shadow) {
      long deadline = System.nanoTime() + GATE_PATIENCE.toNanos();
      long holdUntil = System.nanoTime() + o.phaseHold().toNanos();
      while (System.nanoTime() < holdUntil || shadow.metrics().compared() < o.minComparisons()) {
        if (System.nanoTime() > deadline) {
          break;
        }
        pause(Duration.ofMillis(100));
      }
    }

    private void followCutover(MigrationRunbook runbook) {
      GradualCutoverRouter router = runbook.cutover().orElseThrow();
      long deadline = System.nanoTime() + o.cutoverStep().multipliedBy(4).plus(GATE_PATIENCE).toNanos();
      long linger = Math.min(o.phaseHold().toNanos(), o.cutoverStep().toNanos());
      long reachedAll = 0;
      int shown = -1;
      CutoverState state = router.state();
      CutoverMetrics previous = router.metrics();
      while (System.nanoTime() < deadline) {
        state = router.state();
        if (state.shareBasisPoints() != shown) {
          CutoverMetrics now = router.metrics();
          if (shown >= 0) {
            reportCutoverStep(previous, now, shown);
          }
          previous = now;
          shown = state.shareBasisPoints();
          line("cutover", String.format(Locale.ROOT, "share %5.1f %% of reads on the target (step %d, %s)",
              shown / 100.0, state.step(), state.phase()));
        }
        if (state.phase() == CutoverPhase.ROLLED_BACK) {
          break;
        }
        if (state.shareBasisPoints() == CutoverState.ALL) {
          if (reachedAll == 0) {
            reachedAll = System.nanoTime();
          } else if (System.nanoTime() - reachedAll >= linger) {
            break;
          }
        }
        pause(Duration.ofMillis(50));
      }
      reportCutoverStep(previous, router.metrics(), shown);
      CutoverMetrics m = router.metrics();
      boolean done = state.shareBasisPoints() == CutoverState.ALL && state.phase() != CutoverPhase.ROLLED_BACK;
      checks.add(new Check("cutover reached 100 % without a rollback", done, "share " + state.shareBasisPoints()
          + " bp, " + state.phase() + ", " + m.rollbacks() + " rollbacks, " + m.fallbacksToPrimary()
          + " fallbacks to Neo4j"));
      if (!done) {
        throw new IllegalStateException("the cutover did not complete: " + state.reason());
      }
    }

    private void reportCutoverStep(CutoverMetrics before, CutoverMetrics after, int share) {
      long primary = after.routedToPrimary() - before.routedToPrimary();
      long secondary = after.routedToSecondary() - before.routedToSecondary();
      String health = after.lastHealth().map(h -> String.format(Locale.ROOT,
          "; last health window: Neo4j P99 %s over %d reads, target P99 %s over %d reads, %d target errors (%s)",
          micros(h.primaryP99()), h.primaryReads(), micros(h.secondaryP99()), h.secondaryReads(), h.secondaryErrors(),
          h.verdict())).orElse("");
      line("", String.format(Locale.ROOT, "at %5.1f %%: %d reads served by Neo4j, %d by the target (%.1f %%)%s",
          share / 100.0, primary, secondary, primary + secondary == 0 ? 0.0 : 100.0 * secondary / (primary + secondary),
          health));
    }

    // --------------------------------------------------------------------------------------- reports

    private void reportDualWrite(DualWriteCoordinator dual) {
      DualWriteMetrics m = dual.metrics();
      line("dual write", String.format(Locale.ROOT, "%d records forwarded, %d applied on the target, %d rejected,"
              + " %d secondary failures, dead-letter queue depth %d (%d parked), %d in flight", m.writes(),
          m.secondaryWrites(), m.rejected(), m.secondaryFailures(), m.queueDepth(), m.parked(), m.inFlight()));
      printRejections();
    }

    private void printRejections() {
      new TreeMap<>(rejectedByRule).forEach((rule, n) -> line("", "rejected by the " + rule.toLowerCase(Locale.ROOT)
          .replace(' ', '/') + ": " + n.get() + ", e.g. " + rejectedExamples.get(rule)));
    }

    private void reportBackfill(BackfillReport report, DualWriteCoordinator dual) {
      line("backfill", (report.reconciles() ? "reconciled" : "DOES NOT RECONCILE") + ": read " + report.read()
          + ", written " + report.written() + ", skipped " + report.skipped() + " (already written by the dual"
          + " write, or deleted by it), rejected " + report.rejected() + " in " + seconds(report.duration()));
      for (BackfillPhaseReport p : List.of(report.nodes(), report.relationships())) {
        line("", String.format(Locale.ROOT, "%-13s read %6d  written %6d  skipped %5d  rejected %5d  %8.0f records/s",
            p.phase().name().toLowerCase(Locale.ROOT), p.read(), p.written(), p.skipped(), p.rejected(),
            p.recordsPerSecond()));
        p.rejectedByRule().forEach((rule, n) -> line("", "  rejected " + n + " by rule " + rule + ", e.g. "
            + p.rejectedExamples().stream().filter(r -> r.rule().equals(rule)).findFirst().map(Walkthrough::describe)
            .orElse("-")));
      }
      DualWriteMetrics m = dual.metrics();
      line("", "race safety: the backfill view skipped " + m.backfillSkipped() + " records deleted by dual writes"
          + " meanwhile; dead-letter queue depth " + m.queueDepth());
      checks.add(new Check("backfill reconciles", report.reconciles(), report.summary().replace(System.lineSeparator(),
          "; ").replace("\n", "; ")));
      long unexpected = report.nodes().rejected() + (engram ? 0 : report.relationships().rejected());
      checks.add(new Check("backfill rejected only what the target cannot hold", unexpected == 0,
          "nodes rejected " + report.nodes().rejected() + ", relationships rejected " + report.relationships().rejected()
              + (engram ? " (Engram stores no relationships)" : "")));
      printRejections();
    }

    /**
     * Prints the shadow comparisons; {@code judge} makes the match rate a check of the verdict (before
     * cutover, where it decides; during cutover it is reported only: reads of records written a moment
     * before may find the target a few milliseconds behind).
     */
    private void reportShadow(ShadowMetrics m, List<Discrepancy> examples, boolean judge) {
      LatencySummary p = m.primaryLatency();
      LatencySummary s = m.secondaryLatency();
      line("shadow read", String.format(Locale.ROOT, "%d compared, match rate %s, %d mismatches, %d failures,"
              + " %d timeouts, %d shed", m.compared(), m.matchRate().isPresent()
              ? String.format(Locale.ROOT, "%.4f", m.matchRate().getAsDouble()) : "-", m.mismatches(),
          m.secondaryFailures(), m.timeouts(), m.shed()));
      line("", "latency  Neo4j  P50 " + micros(p.p50()) + "  P99 " + micros(p.p99()) + "  (" + p.count() + " reads)");
      line("", "latency  target P50 " + micros(s.p50()) + "  P99 " + micros(s.p99()) + "  (" + s.count() + " reads)");
      examples.stream().limit(2).forEach(d -> line("", "mismatch: " + d.read() + " " + d.key() + ": Neo4j "
          + abbreviate(d.primary()) + " / target " + abbreviate(d.secondary().orElse(d.error().orElse("-")))));
      if (judge) {
        boolean good = m.matchRate().orElse(0) >= Gates.DEFAULT_MIN_MATCH_RATE && m.compared() >= o.minComparisons();
        checks.add(new Check("shadow reads match before cutover", good, m.compared() + " compared, match rate "
            + String.format(Locale.ROOT, "%.4f", m.matchRate().orElse(0))));
      }
    }

    private static String abbreviate(String s) {
      return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    private void reportWorkload(String phase) {
      Workload.Totals t = workload.totals();
      Workload.LatencyWindow.Percentiles[] l = workload.takeLatencies();
      line("workload", String.format(Locale.ROOT, "%-26s reads P50 %s P99 %s (%d); writes P50 %s P99 %s (%d);"
              + " totals: %d writes, %d reads, %d errors", "during " + phase + ":", micros(l[0].p50()), micros(l[0].p99()),
          l[0].count(), micros(l[1].p50()), micros(l[1].p99()), l[1].count(), t.writes(), t.reads(), t.errors()));
    }

    // --------------------------------------------------------------------------------------- verdict

    private void verdict(GraphDatabase neo4j, GraphDatabase target, RecordMapper mapper) {
      out.println();
      out.println("== VERDICT ==");
      Workload.Totals t = workload.totals();
      line("workload", String.format(Locale.ROOT, "%d creates, %d updates, %d deletes, %d relationships created,"
              + " %d relationships deleted, %d reads (%d found); %d errors", t.creates(), t.updates(), t.deletes(),
          t.relates(), t.unrelates(), t.reads(), t.readsFound(), t.errors()));
      t.errorExamples().forEach(e -> line("", "error: " + e));
      if (!workload.uncertainIds().isEmpty()) {
        line("", workload.uncertainIds().size() + " ids whose last write failed are left out of the lost-writes check");
      }
      checks.add(new Check("workload errors", t.errors() == 0, t.errors() + " errors"));

      Map<String, Workload.Expected<Node>> nodes = workload.expectedNodes();
      Map<String, Workload.Expected<Relationship>> relationships = workload.expectedRelationships();
      long lost = lostNodes(target, mapper, nodes) + lostRelationships(target, mapper, relationships);
      lostWrites = lost;
      checks.add(new Check("lost writes (target vs the workload's acknowledged writes)", lost == 0, lost
          + " of " + (nodes.size() + relationships.size()) + " records written by the workload"));

      Set<String> afterDecommission = new HashSet<>();
      nodes.forEach((id, e) -> {
        if (e.targetTerms()) {
          afterDecommission.add(id);
        }
      });
      relationships.forEach((id, e) -> {
        if (e.targetTerms()) {
          afterDecommission.add(id);
        }
      });
      sourceComparison(neo4j, target, mapper, afterDecommission);

      long nodesNow = neo4j.countNodes();
      long relationshipsNow = neo4j.countRelationships();
      Set<String> created = workload.createdInTargetTerms();
      long createdAfter = neo4j.getNodes(created).size() + neo4j.getRelationships(created).size();
      checks.add(new Check("Neo4j untouched after decommission", nodesNow == sourceAtDecommission[0]
          && relationshipsNow == sourceAtDecommission[1] && createdAfter == 0, "nodes " + sourceAtDecommission[0]
          + " -> " + nodesNow + ", relationships " + sourceAtDecommission[1] + " -> " + relationshipsNow + "; of the "
          + created.size() + " records created after decommission, " + createdAfter + " found in Neo4j"));

      out.println();
      for (Check c : checks) {
        out.println(String.format(Locale.ROOT, "  [%s] %-58s %s", c.passed() ? "PASS" : "FAIL", c.name(), c.detail()));
      }
      boolean passed = checks.stream().allMatch(Check::passed);
      out.println();
      out.println((passed ? "PASSED" : "FAILED") + ": zero-downtime migration Neo4j -> "
          + (engram ? "Engram" : "Neptune") + " in " + seconds(elapsed()) + ", " + t.errors() + " workload errors, "
          + lost + " lost writes");
    }

    private long lostNodes(GraphDatabase target, RecordMapper mapper, Map<String, Workload.Expected<Node>> expected) {
      long lost = lost(expected, batch -> mapper.mapNodes(batch).accepted(), mapper::nodeId, target::getNodes);
      line("lost writes", "nodes: " + expected.size() + " written by the workload, " + lost + " not as acknowledged on"
          + " the target");
      return lost;
    }

    private long lostRelationships(GraphDatabase target, RecordMapper mapper,
        Map<String, Workload.Expected<Relationship>> expected) {
      if (!target.capabilities().relationships()) {
        long held = target.countRelationships();
        line("", "relationships: " + expected.size() + " written by the workload to Neo4j; the target holds none"
            + " (its API cannot store them: rejected with " + Rules.UNSUPPORTED_CAPABILITY + ", counted above)");
        return held;
      }
      long lost = lost(expected, batch -> mapper.mapRelationships(batch).accepted(), mapper::relationshipId,
          target::getRelationships);
      line("", "relationships: " + expected.size() + " written by the workload, " + lost
          + " not as acknowledged on the target");
      return lost;
    }

    /**
     * Compares the workload's last acknowledged state of each record (mapped into the target's terms) with
     * the target's, in batches: present and equal, or absent when deleted. Prints a few examples.
     */
    private <T extends GraphRecord> long lost(Map<String, Workload.Expected<T>> expected,
        Function<List<T>, List<T>> map, UnaryOperator<String> targetId,
        Function<List<String>, Map<String, T>> fetch) {
      long lost = 0;
      List<String> examples = new ArrayList<>();
      for (List<String> batch : batches(new ArrayList<>(new TreeSet<>(expected.keySet())))) {
        List<T> present = batch.stream().map(expected::get).flatMap(e -> e.record().stream()).toList();
        Map<String, T> mapped = new LinkedHashMap<>();
        for (T record : map.apply(present)) {
          mapped.put(record.id(), record);
        }
        Map<String, T> found = fetch.apply(batch.stream().map(targetId).toList());
        for (String id : batch) {
          String onTarget = targetId.apply(id);
          T want = expected.get(id).record().isPresent() ? mapped.get(onTarget) : null;
          T have = found.get(onTarget);
          String problem = want == null ? (have == null ? null : "deleted, but the target holds it")
              : have == null ? "acknowledged, but absent from the target" : difference(want, have);
          if (problem != null) {
            lost++;
            if (examples.size() < 5) {
              examples.add(id + ": " + problem);
            }
          }
        }
      }
      examples.forEach(e -> line("", "lost: " + e));
      return lost;
    }

    /** The full diff of source and target, with the records written after decommission (on the target only) set aside. */
    private void sourceComparison(GraphDatabase neo4j, GraphDatabase target, RecordMapper mapper,
        Set<String> afterDecommission) {
      Validator.Builder b = Validator.builder(neo4j, target).name("final").mapper(mapper);
      if (engram) {
        b.ignoreProperties(SampleGraph.EMBEDDING);
      }
      ValidationReport full = b.build().full();
      List<Difference> differences = full.diff().map(d -> d.differences()).orElse(List.of());
      Set<String> deletedAfter = new HashSet<>();
      for (String id : afterDecommission) {
        deletedAfter.add(id);
      }
      List<Difference> unexplained = new ArrayList<>();
      long explained = 0;
      for (Difference d : differences) {
        String id = d.sourceId().orElse(d.targetId());
        boolean after = afterDecommission.contains(id) || afterDecommission.contains(d.targetId());
        if (!after && d.kind() == Difference.Kind.RELATIONSHIP && d.type() == Difference.Type.MISSING) {
          // a relationship of a node deleted after decommission went with it on the target only
          after = neo4j.getRelationship(id).map(r -> deletedAfter.contains(r.startId())
              || deletedAfter.contains(r.endId())).orElse(false);
        }
        if (after) {
          explained++;
        } else {
          unexplained.add(d);
        }
      }
      boolean truncated = full.diff().map(d -> d.truncated()).orElse(false);
      line("source", "full diff of Neo4j (frozen at decommission) and the target: " + differences.size()
          + " differences, " + explained + " of them records the workload wrote after decommission, "
          + unexplained.size() + " unexplained");
      unexplained.stream().limit(5).forEach(d -> line("", d.kind() + " " + d.type() + " " + d.targetId() + ": "
          + d.detail()));
      full.checks().stream().filter(c -> c.status() == CheckStatus.NOT_APPLICABLE)
          .forEach(c -> line("", c.check().name().toLowerCase(Locale.ROOT) + " not applicable: " + c.note()));
      checks.add(new Check("target matches the source (full diff)", unexplained.isEmpty() && !truncated,
          unexplained.size() + " unexplained differences of " + differences.size()));
    }

    // --------------------------------------------------------------------------------------- helpers

    private static Similarity equalIgnoringEmbedding(GraphRecord expected, GraphRecord actual) {
      return difference(expected, actual) == null ? Similarity.SAME : Similarity.NONE;
    }

    private void awaitCaughtUp(DualWriteCoordinator dual) {
      long deadline = System.nanoTime() + GATE_PATIENCE.toNanos();
      while (!dual.caughtUp() && System.nanoTime() < deadline) {
        pause(Duration.ofMillis(20));
      }
    }

    private static void pause(Duration d) {
      try {
        Thread.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    private Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - started);
    }

    private String stamp() {
      return String.format(Locale.ROOT, "[%6.1fs] ", elapsed().toMillis() / 1000.0);
    }

    private void line(String what, String text) {
      out.println(stamp() + String.format(Locale.ROOT, "%-13s ", what) + text);
    }

    private static Path tempDirectory() {
      try {
        return Files.createTempDirectory("graphshift-walkthrough-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary directory for the dead-letter journal", e);
      }
    }
  }

  // ----------------------------------------------------------------------------------------- targets

  /** The target database with the server behind it. */
  private static final class Target implements AutoCloseable {
    final GraphDatabase database;
    final String address;
    private final AutoCloseable server;

    private Target(GraphDatabase database, String address, AutoCloseable server) {
      this.database = database;
      this.address = address;
      this.server = server;
    }

    static Target start(WalkthroughOptions.Target kind) {
      if (kind == WalkthroughOptions.Target.ENGRAM) {
        EngramStandIn standIn = EngramStandIn.builder().build().start();
        EngramGraphDatabase engram = EngramGraphDatabase.builder("engram", standIn.baseUri()).build();
        return new Target(engram, standIn.baseUri().toString(), standIn);
      }
      EmbeddedGremlinServer gremlin = EmbeddedGremlinServer.start();
      NeptuneGraphDatabase neptune = NeptuneGraphDatabase.builder(gremlin.host()).name("neptune")
          .port(gremlin.port()).tls(false).build();
      return new Target(new JsonVectorReads(neptune, Set.of(SampleGraph.EMBEDDING)),
          "ws://" + gremlin.host() + ":" + gremlin.port() + "/gremlin", gremlin);
    }

    @Override
    public void close() {
      try {
        database.close();
      } finally {
        try {
          server.close();
        } catch (Exception e) {
          throw new IllegalStateException("stopping the target's server failed", e);
        }
      }
    }
  }

  // ----------------------------------------------------------------------------------------- comparison

  /**
   * How a target record differs from the expected (mapped) one, or null if it does not: labels or type and
   * endpoints, then properties; vectors by cosine similarity (at least 0.999); the embedding is not
   * compared when the target does not return it (Engram's reads never return vectors).
   */
  static @Nullable String difference(GraphRecord expected, GraphRecord actual) {
    if (expected instanceof Node e && actual instanceof Node a && !e.labels().equals(a.labels())) {
      return "labels: expected " + new TreeSet<>(e.labels()) + ", found " + new TreeSet<>(a.labels());
    }
    if (expected instanceof Relationship e && actual instanceof Relationship a && (!e.type().equals(a.type())
        || !e.startId().equals(a.startId()) || !e.endId().equals(a.endId()))) {
      return "shape: expected " + e.type() + " " + e.startId() + "->" + e.endId() + ", found " + a.type() + " "
          + a.startId() + "->" + a.endId();
    }
    Set<String> keys = new TreeSet<>(expected.properties().keySet());
    keys.addAll(actual.properties().keySet());
    for (String key : keys) {
      Object want = expected.properties().get(key);
      Object have = actual.properties().get(key);
      if (key.equals(SampleGraph.EMBEDDING) && have == null && want != null && isVector(want)) {
        continue;
      }
      if (isVector(want) && isVector(have)) {
        if (cosine(want, have) < 0.999) {
          return "vector '" + key + "' differs (cosine " + cosine(want, have) + ")";
        }
      } else if (!PropertyValues.valueEquals(want, have)) {
        return "property '" + key + "': expected " + PropertyValues.valueToString(want) + ", found "
            + PropertyValues.valueToString(have);
      }
    }
    return null;
  }

  private static boolean isVector(Object v) {
    return v instanceof float[] || v instanceof double[];
  }

  private static double cosine(Object a, Object b) {
    double[] x = doubles(a);
    double[] y = doubles(b);
    if (x.length != y.length) {
      return -1;
    }
    double dot = 0;
    double nx = 0;
    double ny = 0;
    for (int i = 0; i < x.length; i++) {
      dot += x[i] * y[i];
      nx += x[i] * x[i];
      ny += y[i] * y[i];
    }
    return nx == 0 || ny == 0 ? (nx == ny ? 1 : 0) : dot / Math.sqrt(nx * ny);
  }

  private static double[] doubles(Object v) {
    if (v instanceof double[] d) {
      return d;
    }
    float[] f = (float[]) v;
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  private static String describe(Rejected r) {
    return r.recordId() + " (" + r.record().kind() + "): " + r.message();
  }

  private static <T> List<List<T>> batches(List<T> all) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += CHECK_BATCH) {
      out.add(all.subList(i, Math.min(all.size(), i + CHECK_BATCH)));
    }
    return out;
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static String millis(Duration d) {
    return d.toMillis() + " ms";
  }

  private static String micros(Duration d) {
    long us = d.toNanos() / 1_000;
    return us < 10_000 ? String.format(Locale.ROOT, "%.2f ms", us / 1000.0) : (us / 1000) + " ms";
  }
}
