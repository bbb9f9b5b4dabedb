package dev.graphshift.validation;

import static dev.graphshift.backfill.internal.Preconditions.inRange;
import static dev.graphshift.backfill.internal.Preconditions.nonBlank;
import static dev.graphshift.backfill.internal.Preconditions.once;
import static java.util.Objects.requireNonNull;

import dev.graphshift.Checked;
import dev.graphshift.ConfigurationException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.backfill.internal.ListenerSupport;
import dev.graphshift.backfill.internal.RejectionExamples;
import dev.graphshift.mapping.RecordMapper;
import dev.graphshift.migration.SchemaStore;
import dev.graphshift.validation.internal.RecordComparison;
import dev.graphshift.validation.internal.Tally;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves that a migration lost nothing: compares a source with a target through the mapping.
 *
 * <pre>{@code
 * Validator validator = Validator.builder(neo4j, engram).mapper(mapper).sampleSize(1_000).seed(7).build();
 * ValidationReport counts = validator.counts();
 * ValidationReport sample = validator.sample();
 * System.out.println(sample.toText());
 * ValidationReport full = validator.full();                 // after dual writes are drained
 * RepairReport repair = validator.repair(full.diff().orElseThrow());
 * }</pre>
 *
 * <ul>
 *   <li>{@link #counts()}: records per label and relationship type on both sides, the source's mapped
 *       through {@link RecordMapper#label(String)} and {@link RecordMapper#relationshipType(String)}.
 *   <li>{@link #sample()}: a deterministic sample of source nodes ({@code sampleNodes(n, seed)}), each
 *       mapped and compared with the target's node: existence, labels and properties ({@link
 *       dev.graphshift.PropertyValues#valueEquals}), vectors by cosine similarity, and the number of
 *       relationships per node ({@code degrees} on both sides).
 *   <li>{@link #full()}: every record of both sides, in linear time and bounded memory. Scans return
 *       records in each database's cursor order, which need not be id order, so instead of a merge join it
 *       scans the source page by page and looks each page up on the target ({@code getNodes}, one round
 *       trip per page), which finds missing and different records, then scans the target and looks each
 *       page up on the source, which finds extra records; then the same for relationships. Memory holds
 *       one page and the differences found (at most {@code maxDifferences}).
 *   <li>{@link #repair(ValidationDiff)}: copies the missing and different records from the source with
 *       {@link WriteMode#UPSERT} and deletes the extra ones. Unlike the backfill it overwrites, so run it
 *       after the dual writes are drained (stopped, or their dead letters replayed), or it may undo a
 *       newer write.
 * </ul>
 *
 * <p>Each check is judged against its {@link ValidationThresholds threshold}, and the report gives pass or
 * fail per check with examples. Edge checks do not apply to a database without relationships (Engram):
 * they are reported as not applicable, not as failures. Edge counts compare each node's total number of
 * relationships, so a mapping that does not carry some relationship types makes them differ by design:
 * raise {@link ValidationThresholds#edgeCountMismatches()} for such a mapping. Comparing extra records needs the source id of a
 * target id; when the mapper changes ids, give the inverse with {@link Builder#sourceNodeIds} (a wrong one
 * is detected and reported). Target nodes carrying a label that starts with {@link
 * SchemaStore#BOOKKEEPING_LABEL_PREFIX} (migration records) are ignored.
 *
 * <p>Thread-safe.
 */
public final class Validator {
  /** The default name. */
  public static final String DEFAULT_NAME = "validator";
  /** The default number of nodes per sampled validation. */
  public static final int DEFAULT_SAMPLE_SIZE = 1_000;
  /** The default sampling seed. */
  public static final long DEFAULT_SEED = 42L;
  /** The default number of records per scan page and lookup. */
  public static final int DEFAULT_BATCH_SIZE = 1_000;
  /** The default number of examples per check. */
  public static final int DEFAULT_MAX_EXAMPLES = 10;
  /** The default number of differences a full validation keeps. */
  public static final int DEFAULT_MAX_DIFFERENCES = 100_000;

  private static final Logger log = LoggerFactory.getLogger(Validator.class);

  private final ValidatorConfig config;
  private final GraphDatabase source;
  private final GraphDatabase target;
  private final RecordMapper mapper;
  private final UnaryOperator<String> sourceNodeIds;
  private final UnaryOperator<String> sourceRelationshipIds;
  private final RecordComparison comparison;
  private final Clock clock;
  private final ListenerSupport<ValidationListener> listeners;
  private final LongAdder validations = new LongAdder();
  private final LongAdder passed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder recordsChecked = new LongAdder();
  private final LongAdder differencesFound = new LongAdder();
  private final LongAdder repairs = new LongAdder();
  private final LongAdder recordsRepaired = new LongAdder();

  private Validator(Builder b) {
    this.config = new ValidatorConfig(
        b.name != null ? b.name : DEFAULT_NAME,
        b.sampleSize != null ? b.sampleSize : DEFAULT_SAMPLE_SIZE,
        b.seed != null ? b.seed : DEFAULT_SEED,
        b.thresholds != null ? b.thresholds : ValidationThresholds.defaults(),
        b.batchSize != null ? b.batchSize : DEFAULT_BATCH_SIZE,
        b.maxExamples != null ? b.maxExamples : DEFAULT_MAX_EXAMPLES,
        b.maxDifferences != null ? b.maxDifferences : DEFAULT_MAX_DIFFERENCES,
        b.ignoredProperties);
    this.source = b.source;
    this.target = b.target;
    this.mapper = b.mapper != null ? b.mapper : RecordMapper.identity();
    this.sourceNodeIds = b.sourceNodeIds != null ? b.sourceNodeIds : UnaryOperator.identity();
    this.sourceRelationshipIds = b.sourceRelationshipIds != null ? b.sourceRelationshipIds : UnaryOperator.identity();
    this.comparison = new RecordComparison(config.thresholds().minEmbeddingSimilarity(), config.ignoredProperties());
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.listeners = new ListenerSupport<>(config.name(), "graphshift.validation", b.listeners, log);
  }

  /**
   * A builder for validating {@code target} against {@code source}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(GraphDatabase source, GraphDatabase target) {
    return new Builder(source, target);
  }

  /** The settings. */
  public ValidatorConfig config() {
    return config;
  }

  /** The validator's name. */
  public String name() {
    return config.name();
  }

  /** A snapshot of the counters. */
  public ValidationMetrics metrics() {
    return new ValidationMetrics(config.name(), validations.sum(), passed.sum(), failed.sum(), recordsChecked.sum(),
        differencesFound.sum(), repairs.sum(), recordsRepaired.sum(), listeners.failures());
  }

  private boolean edgesApplicable() {
    return source.capabilities().relationships() && target.capabilities().relationships();
  }

  private String edgesNotApplicable() {
    GraphDatabase without = source.capabilities().relationships() ? target : source;
    return "'" + without.name() + "' has no relationships";
  }

  // ------------------------------------------------------------------------------------------- counts

  /** Compares the records per label and relationship type (the COUNTS check). */
  public ValidationReport counts() {
    Instant startedAt = clock.instant();
    List<String> notes = new ArrayList<>();
    List<CountComparison> counts = new ArrayList<>();
    Tally tally = new Tally(Check.COUNTS, config.maxExamples());
    compareCounts(CountComparison.Kind.LABEL, source.countNodesByLabel(), target.countNodesByLabel(), mapper::label,
        counts, tally, notes);
    if (edgesApplicable()) {
      compareCounts(CountComparison.Kind.TYPE, source.countRelationshipsByType(), target.countRelationshipsByType(),
          mapper::relationshipType, counts, tally, notes);
    } else {
      notes.add("relationship counts not compared: " + edgesNotApplicable());
    }
    CheckResult result = tally.result(config.thresholds().countDifference(), "");
    return finish(new ValidationReport(config.name(), ValidationReport.Mode.COUNTS, source.name(), target.name(),
        startedAt, clock.instant(), OptionalLong.empty(), counts, List.of(result), notes, Optional.empty()));
  }

  private static void compareCounts(CountComparison.Kind kind, Map<String, Long> sourceCounts,
      Map<String, Long> targetCounts, Function<String, Optional<String>> map, List<CountComparison> into,
      Tally tally, List<String> notes) {
    Map<String, Long> expected = new TreeMap<>();
    Map<String, List<String>> origins = new TreeMap<>();
    for (Map.Entry<String, Long> e : new TreeMap<>(sourceCounts).entrySet()) {
      Optional<String> mapped = map.apply(e.getKey());
      if (mapped.isEmpty()) {
        notes.add((kind == CountComparison.Kind.LABEL ? "label '" : "type '") + e.getKey() + "' ("
            + e.getValue() + ") is not carried over by the mapping");
        continue;
      }
      expected.merge(mapped.get(), e.getValue(), Long::sum);
      origins.computeIfAbsent(mapped.get(), k -> new ArrayList<>()).add(e.getKey());
    }
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      long actual = targetCounts.getOrDefault(e.getKey(), 0L);
      CountComparison c = new CountComparison(kind, e.getKey(), origins.get(e.getKey()), e.getValue(), actual);
      into.add(c);
      tally.checked(e.getValue());
      tally.failed(Math.abs(c.difference()), (kind == CountComparison.Kind.LABEL ? "label '" : "type '")
          + c.target() + "': expected " + c.expected() + ", found " + c.actual());
    }
    for (Map.Entry<String, Long> e : new TreeMap<>(targetCounts).entrySet()) {
      if (!expected.containsKey(e.getKey()) && !e.getKey().startsWith(SchemaStore.BOOKKEEPING_LABEL_PREFIX)) {
        notes.add((kind == CountComparison.Kind.LABEL ? "label '" : "type '") + e.getKey() + "' (" + e.getValue()
            + ") is on the target only");
      }
    }
  }

  // ------------------------------------------------------------------------------------------- sample

  /** A sampled deep validation with the configured seed. */
  public ValidationReport sample() {
    return sample(config.seed());
  }

  /**
   * A sampled deep validation: {@code sampleSize} source nodes chosen by the seed (the same nodes for the
   * same seed and data), checked for existence, properties, embeddings and edge counts.
   */
  public ValidationReport sample(long seed) {
    Instant startedAt = clock.instant();
    Checks checks = new Checks();
    List<Node> sample = source.sampleNodes(config.sampleSize(), seed);
    for (int from = 0; from < sample.size(); from += config.batchSize()) {
      checkNodes(sample.subList(from, Math.min(sample.size(), from + config.batchSize())), checks, null);
    }
    return finish(checks.report(ValidationReport.Mode.SAMPLE, startedAt, OptionalLong.of(seed), null));
  }

  // --------------------------------------------------------------------------------------------- full

  /**
   * A full validation: every node and relationship of both sides, listing every missing, extra and
   * different record (up to {@code maxDifferences}) in {@link ValidationReport#diff()}.
   *
   * @throws ConfigurationException if the mapper changes ids and no inverse was configured
   */
  public ValidationReport full() {
    Instant startedAt = clock.instant();
    Checks checks = new Checks();
    DiffCollector diff = new DiffCollector(config.maxDifferences());
    scan(source::scanNodes, page -> checkNodes(page, checks, diff), checks);
    scan(target::scanNodes, page -> extras(page, nodes(), checks, diff), checks);
    if (edgesApplicable()) {
      scan(source::scanRelationships, page -> checkRelationships(page, checks, diff), checks);
      scan(target::scanRelationships, page -> extras(page, relationships(), checks, diff), checks);
    } else {
      checks.notes.add("relationships not compared: " + edgesNotApplicable());
    }
    ValidationDiff result = diff.result();
    differencesFound.add(result.missing() + result.extra() + result.different());
    return finish(checks.report(ValidationReport.Mode.FULL, startedAt, OptionalLong.empty(), result));
  }

  private <T extends GraphRecord> void scan(Function<ScanRequest, ScanPage<T>> scan,
      java.util.function.Consumer<List<T>> each, Checks checks) {
    ScanRequest request = ScanRequest.all(config.batchSize());
    while (true) {
      ScanPage<T> page = scan.apply(request);
      checks.unreadable += page.rejected().size();
      if (!page.items().isEmpty()) {
        each.accept(page.items());
      }
      if (page.next().isEmpty()) {
        return;
      }
      request = request.after(page.next().get());
    }
  }

  /** The state of one validation: a tally per check, notes, counters of records not compared. */
  private final class Checks {
    final Tally missing = new Tally(Check.MISSING, config.maxExamples());
    final Tally properties = new Tally(Check.PROPERTIES, config.maxExamples());
    final Tally embeddings = new Tally(Check.EMBEDDINGS, config.maxExamples());
    final Tally edges = new Tally(Check.EDGE_COUNTS, config.maxExamples());
    final Tally extra = new Tally(Check.EXTRA, config.maxExamples());
    final List<String> notes = new ArrayList<>();
    final Map<String, Long> notCarried = new TreeMap<>();
    long unreadable;

    ValidationReport report(ValidationReport.Mode mode, Instant startedAt, OptionalLong seed,
        @Nullable ValidationDiff diff) {
      ValidationThresholds t = config.thresholds();
      List<CheckResult> results = new ArrayList<>();
      results.add(missing.result(t.missing(), ""));
      results.add(properties.result(t.propertyMismatches(), ""));
      results.add(embeddings.checked() == 0
          ? CheckResult.notApplicable(Check.EMBEDDINGS, t.embeddingMismatches(), "no compared record holds a vector")
          : embeddings.result(t.embeddingMismatches(), ""));
      results.add(edgesApplicable() ? edges.result(t.edgeCountMismatches(), "")
          : CheckResult.notApplicable(Check.EDGE_COUNTS, t.edgeCountMismatches(), edgesNotApplicable()));
      if (mode == ValidationReport.Mode.FULL) {
        results.add(extra.result(t.extra(), ""));
      }
      List<String> allNotes = new ArrayList<>(notes);
      if (!notCarried.isEmpty()) {
        allNotes.add("records not carried by the mapping (not compared), per rule: " + notCarried);
      }
      if (unreadable > 0) {
        allNotes.add(unreadable + " records could not be read into the model by a scan (not compared)");
      }
      recordsChecked.add(missing.checked() + extra.checked());
      return new ValidationReport(config.name(), mode, source.name(), target.name(), startedAt, clock.instant(),
          seed, List.of(), results, allNotes, Optional.ofNullable(diff));
    }
  }

  /** Differences found by a full validation, kept up to a bound, counted beyond it. */
  private static final class DiffCollector {
    private final int max;
    private final List<Difference> kept = new ArrayList<>();
    private long missing;
    private long extra;
    private long different;
    private boolean truncated;

    DiffCollector(int max) {
      this.max = max;
    }

    void add(Difference d) {
      switch (d.type()) {
        case MISSING -> missing++;
        case EXTRA -> extra++;
        case DIFFERENT -> different++;
      }
      if (kept.size() < max) {
        kept.add(d);
      } else {
        truncated = true;
      }
    }

    ValidationDiff result() {
      return new ValidationDiff(kept, missing, extra, different, truncated);
    }
  }

  /** What the passes need of one kind of record. */
  private record Ops<T extends GraphRecord>(
      Difference.Kind kind,
      Function<List<T>, Checked<T>> map,
      Function<Collection<String>, Map<String, T>> getSource,
      Function<Collection<String>, Map<String, T>> getTarget,
      BiFunction<T, T, RecordComparison.Verdict> compare,
      Function<List<T>, WriteResult> upsert,
      Function<Collection<String>, WriteResult> delete,
      UnaryOperator<String> forward,
      UnaryOperator<String> inverse) {

    String describe(String id) {
      return (kind == Difference.Kind.NODE ? "node '" : "relationship '") + id + "'";
    }
  }

  private Ops<Node> nodes() {
    return new Ops<>(Difference.Kind.NODE, mapper::mapNodes, source::getNodes, target::getNodes,
        comparison::nodes, batch -> target.upsertNodes(batch, WriteMode.UPSERT), target::deleteNodes,
        mapper::nodeId, sourceNodeIds);
  }

  private Ops<Relationship> relationships() {
    return new Ops<>(Difference.Kind.RELATIONSHIP, mapper::mapRelationships, source::getRelationships,
        target::getRelationships, comparison::relationships,
        batch -> target.upsertRelationships(batch, WriteMode.UPSERT), target::deleteRelationships,
        mapper::relationshipId, sourceRelationshipIds);
  }

  /** The source records paired with what they map to; mapping rejections counted as not carried. */
  private <T extends GraphRecord> List<Pair<T>> mapped(List<T> sources, Ops<T> ops, Checks checks) {
    Checked<T> mapped = ops.map().apply(sources);
    if (mapped.size() != sources.size()) {
      throw new IllegalStateException("the mapper answered " + mapped.size() + " records for a batch of "
          + sources.size() + " (accepted + rejected must equal the batch)");
    }
    Set<String> rejected = new HashSet<>();
    for (Rejected r : mapped.rejected()) {
      rejected.add(r.recordId());
      checks.notCarried.merge(r.rule(), 1L, Long::sum);
    }
    List<Pair<T>> pairs = new ArrayList<>(mapped.accepted().size());
    int i = 0;
    for (T s : sources) {
      if (!rejected.contains(s.id())) {
        pairs.add(new Pair<>(s, mapped.accepted().get(i++)));
      }
    }
    return pairs;
  }

  private record Pair<T>(T source, T expected) {}

  private void checkNodes(List<Node> batch, Checks checks, @Nullable DiffCollector diff) {
    List<Pair<Node>> pairs = mapped(batch, nodes(), checks);
    Map<String, Node> found = compare(pairs, nodes(), checks, diff);
    if (!edgesApplicable() || found.isEmpty()) {
      return;
    }
    List<String> sourceIds = new ArrayList<>(found.size());
    for (Pair<Node> p : pairs) {
      if (found.containsKey(p.expected().id())) {
        sourceIds.add(p.source().id());
      }
    }
    Map<String, Long> sourceDegrees = source.degrees(sourceIds);
    Map<String, Long> targetDegrees = target.degrees(found.keySet());
    for (Pair<Node> p : pairs) {
      if (found.containsKey(p.expected().id())) {
        checks.edges.checked(1);
        long expected = sourceDegrees.getOrDefault(p.source().id(), 0L);
        long actual = targetDegrees.getOrDefault(p.expected().id(), 0L);
        if (expected != actual) {
          checks.edges.failed("node '" + p.source().id() + "': expected " + expected + " relationships, found "
              + actual);
        }
      }
    }
  }

  private void checkRelationships(List<Relationship> batch, Checks checks, DiffCollector diff) {
    compare(mapped(batch, relationships(), checks), relationships(), checks, diff);
  }

  /** Looks the mapped records up on the target and compares; answers those found, by target id. */
  private <T extends GraphRecord> Map<String, T> compare(List<Pair<T>> pairs, Ops<T> ops, Checks checks,
      @Nullable DiffCollector diff) {
    if (pairs.isEmpty()) {
      return Map.of();
    }
    List<String> ids = new ArrayList<>(pairs.size());
    for (Pair<T> p : pairs) {
      ids.add(p.expected().id());
    }
    Map<String, T> found = ops.getTarget().apply(ids);
    for (Pair<T> p : pairs) {
      String sourceId = p.source().id();
      String targetId = p.expected().id();
      String what = ops.describe(sourceId) + (sourceId.equals(targetId) ? "" : " (target id '" + targetId + "')");
      checks.missing.checked(1);
      T actual = found.get(targetId);
      if (actual == null) {
        checks.missing.failed(what + " is missing from the target");
        if (diff != null) {
          diff.add(new Difference(ops.kind(), Difference.Type.MISSING, Optional.of(sourceId), targetId,
              "absent from the target"));
        }
        continue;
      }
      RecordComparison.Verdict verdict = ops.compare().apply(p.expected(), actual);
      checks.properties.checked(1);
      if (verdict.property() != null) {
        checks.properties.failed(what + ": " + verdict.property());
      }
      if (verdict.hasVectors()) {
        checks.embeddings.checked(1);
        if (verdict.embedding() != null) {
          checks.embeddings.failed(what + ": " + verdict.embedding());
        }
      }
      if (diff != null && !verdict.matches()) {
        diff.add(new Difference(ops.kind(), Difference.Type.DIFFERENT, Optional.of(sourceId), targetId,
            verdict.describe()));
      }
    }
    return found;
  }

  /** Looks a page of target records up on the source; those absent are extra. */
  private <T extends GraphRecord> void extras(List<T> page, Ops<T> ops, Checks checks, DiffCollector diff) {
    List<String> targetIds = new ArrayList<>(page.size());
    List<String> sourceIds = new ArrayList<>(page.size());
    for (T record : page) {
      if (record instanceof Node node && bookkeeping(node)) {
        continue;
      }
      targetIds.add(record.id());
      sourceIds.add(sourceId(ops, record.id()));
    }
    if (targetIds.isEmpty()) {
      return;
    }
    Map<String, T> found = ops.getSource().apply(sourceIds);
    for (int i = 0; i < targetIds.size(); i++) {
      checks.extra.checked(1);
      if (!found.containsKey(sourceIds.get(i))) {
        checks.extra.failed(ops.describe(targetIds.get(i)) + " is on the target but not on the source");
        diff.add(new Difference(ops.kind(), Difference.Type.EXTRA, Optional.empty(), targetIds.get(i),
            "absent from the source"));
      }
    }
  }

  private static boolean bookkeeping(Node node) {
    for (String label : node.labels()) {
      if (label.startsWith(SchemaStore.BOOKKEEPING_LABEL_PREFIX)) {
        return true;
      }
    }
    return false;
  }

  private <T extends GraphRecord> String sourceId(Ops<T> ops, String targetId) {
    String sourceId = ops.inverse().apply(targetId);
    String back = ops.forward().apply(sourceId);
    if (!back.equals(targetId)) {
      throw new ConfigurationException(config.name(), "cannot find the source of " + ops.describe(targetId)
          + ": the inverse id function gives '" + sourceId + "', which the mapper maps to '" + back
          + "'; configure Validator.Builder." + (ops.kind() == Difference.Kind.NODE ? "sourceNodeIds"
          : "sourceRelationshipIds") + " with the inverse of the mapper's ids", null);
    }
    return sourceId;
  }

  // ------------------------------------------------------------------------------------------- repair

  /**
   * Repairs exactly the differences of a full validation: copies missing and different records from the
   * source over the target ({@link WriteMode#UPSERT}) and deletes extra records from the target, checking
   * each against the source again first (a record the source has lost since is deleted, one it has gained
   * is copied). Nodes are copied before relationships, and relationships deleted before nodes. Run it
   * after the dual writes are drained: an upsert overwrites whatever the target holds.
   */
  public RepairReport repair(ValidationDiff diff) {
    requireNonNull(diff, "diff");
    Instant startedAt = clock.instant();
    Repair repair = new Repair();
    repairKind(diff, nodes(), repair, true);
    repairKind(diff, relationships(), repair, true);
    repairKind(diff, relationships(), repair, false);
    repairKind(diff, nodes(), repair, false);
    RepairReport report = new RepairReport(config.name(), startedAt, clock.instant(), diff.differences().size(),
        repair.upserted[0], repair.upserted[1], repair.deleted[0], repair.deleted[1], repair.gone,
        repair.rejected, repair.byRule, repair.examples.all(), diff.truncated());
    if (!report.reconciles()) {
      throw new IllegalStateException("repair does not reconcile: " + report.summary());
    }
    repairs.increment();
    recordsRepaired.add(report.nodesUpserted() + report.relationshipsUpserted() + report.nodesDeleted()
        + report.relationshipsDeleted());
    log.info("graphshift.validation.repaired name={} differences={} nodes_upserted={} relationships_upserted={} "
            + "nodes_deleted={} relationships_deleted={} gone={} rejected={}",
        config.name(), report.differences(), report.nodesUpserted(), report.relationshipsUpserted(),
        report.nodesDeleted(), report.relationshipsDeleted(), report.gone(), report.rejected());
    listeners.emit(() -> new RepairCompletedEvent(config.name(), report.finishedAt(), report),
        ValidationListener::onRepaired);
    return report;
  }

  private final class Repair {
    final long[] upserted = new long[2];
    final long[] deleted = new long[2];
    long gone;
    long rejected;
    final Map<String, Long> byRule = new TreeMap<>();
    final RejectionExamples examples = new RejectionExamples(config.maxExamples());

    void rejected(List<Rejected> list) {
      rejected += list.size();
      RejectionExamples.countByRule(list).forEach((rule, n) -> byRule.merge(rule, n, Long::sum));
      examples.add(list);
    }
  }

  /**
   * One kind of record: with {@code copies}, the missing and different ones; otherwise the extra ones.
   * Works through the differences a batch at a time.
   */
  private <T extends GraphRecord> void repairKind(ValidationDiff diff, Ops<T> ops, Repair repair, boolean copies) {
    List<Difference> todo = new ArrayList<>();
    for (Difference d : diff.differences()) {
      if (d.kind() == ops.kind() && (copies == (d.type() != Difference.Type.EXTRA))) {
        todo.add(d);
      }
    }
    int k = ops.kind().ordinal();
    for (int from = 0; from < todo.size(); from += config.batchSize()) {
      List<Difference> batch = todo.subList(from, Math.min(todo.size(), from + config.batchSize()));
      List<String> sourceIds = new ArrayList<>(batch.size());
      for (Difference d : batch) {
        sourceIds.add(d.sourceId().orElseGet(() -> sourceId(ops, d.targetId())));
      }
      Map<String, T> now = ops.getSource().apply(sourceIds);
      List<T> copy = new ArrayList<>();
      List<String> delete = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        Difference d = batch.get(i);
        T record = now.get(sourceIds.get(i));
        if (record != null) {
          copy.add(record);
        } else if (d.type() == Difference.Type.MISSING) {
          repair.gone++;
        } else {
          delete.add(d.targetId());
        }
      }
      if (!copy.isEmpty()) {
        Checked<T> mapped = ops.map().apply(copy);
        repair.rejected(mapped.rejected());
        if (!mapped.accepted().isEmpty()) {
          WriteResult result = ops.upsert().apply(mapped.accepted());
          repair.upserted[k] += result.written() + result.skipped();
          repair.rejected(result.rejected());
        }
      }
      if (!delete.isEmpty()) {
        WriteResult result = ops.delete().apply(delete);
        repair.deleted[k] += result.written() + result.skipped();
        repair.rejected(result.rejected());
      }
    }
  }

  // ------------------------------------------------------------------------------------------- common

  private ValidationReport finish(ValidationReport report) {
    validations.increment();
    (report.passed() ? passed : failed).increment();
    if (report.passed()) {
      log.info("graphshift.validation.completed name={} mode={} passed=true", config.name(), report.mode());
    } else {
      log.warn("graphshift.validation.completed name={} mode={} passed=false failed_checks={}", config.name(),
          report.mode(), report.failures().stream().map(c -> c.check().key()).toList());
    }
    listeners.emit(() -> new ValidationCompletedEvent(config.name(), report.finishedAt(), report.passed(), report),
        ValidationListener::onCompleted);
    return report;
  }

  @Override
  public String toString() {
    return "Validator[" + config.name() + ", " + source.name() + " -> " + target.name() + "]";
  }

  /**
   * Builds a {@link Validator}. Defaults: the identity mapper and id inverses, samples of {@value
   * Validator#DEFAULT_SAMPLE_SIZE} nodes with seed {@value Validator#DEFAULT_SEED}, {@link
   * ValidationThresholds#defaults()}, pages of {@value Validator#DEFAULT_BATCH_SIZE}, {@value
   * Validator#DEFAULT_MAX_EXAMPLES} examples per check, at most {@value Validator#DEFAULT_MAX_DIFFERENCES}
   * differences kept, the UTC system clock. Every setting may be set once.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final GraphDatabase source;
    private final GraphDatabase target;
    private @Nullable String name;
    private @Nullable RecordMapper mapper;
    private @Nullable Integer sampleSize;
    private @Nullable Long seed;
    private @Nullable ValidationThresholds thresholds;
    private @Nullable Integer batchSize;
    private @Nullable Integer maxExamples;
    private @Nullable Integer maxDifferences;
    private @Nullable UnaryOperator<String> sourceNodeIds;
    private @Nullable UnaryOperator<String> sourceRelationshipIds;
    private @Nullable Clock clock;
    private final Set<String> ignoredProperties = new TreeSet<>();
    private final List<ValidationListener> listeners = new ArrayList<>();

    private Builder(GraphDatabase source, GraphDatabase target) {
      this.source = requireNonNull(source, "source");
      this.target = requireNonNull(target, "target");
    }

    /**
     * The name for reports, logs, events and metrics. Default {@value Validator#DEFAULT_NAME}.
     *
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException if set already
     */
    public Builder name(String value) {
      once(name, "name");
      this.name = nonBlank(value, "name");
      return this;
    }

    /**
     * The mapping the target was written through. Default: the identity.
     *
     * @throws IllegalStateException if set already
     */
    public Builder mapper(RecordMapper value) {
      requireNonNull(value, "mapper");
      once(mapper, "mapper");
      this.mapper = value;
      return this;
    }

    /**
     * Nodes per sampled validation, 1 to 10 000 000. Default {@value Validator#DEFAULT_SAMPLE_SIZE}.
     *
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if set already
     */
    public Builder sampleSize(int value) {
      once(sampleSize, "sampleSize");
      this.sampleSize = inRange(value, 1, 10_000_000, "sampleSize");
      return this;
    }

    /**
     * The sampling seed: the same seed samples the same nodes of the same data. Default {@value
     * Validator#DEFAULT_SEED}.
     *
     * @throws IllegalStateException if set already
     */
    public Builder seed(long value) {
      once(seed, "seed");
      this.seed = value;
      return this;
    }

    /**
     * The tolerated failure rates. Default {@link ValidationThresholds#defaults()}.
     *
     * @throws IllegalStateException if set already
     */
    public Builder thresholds(ValidationThresholds value) {
      requireNonNull(value, "thresholds");
      once(thresholds, "thresholds");
      this.thresholds = value;
      return this;
    }

    /**
     * Records per scan page and per lookup round trip, 1 to 100 000. Default {@value
     * Validator#DEFAULT_BATCH_SIZE}.
     *
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if set already
     */
    public Builder batchSize(int value) {
      once(batchSize, "batchSize");
      this.batchSize = inRange(value, 1, 100_000, "batchSize");
      return this;
    }

    /**
     * Examples kept per check, 0 to 10 000. Default {@value Validator#DEFAULT_MAX_EXAMPLES}.
     *
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if set already
     */
    public Builder maxExamples(int value) {
      once(maxExamples, "maxExamples");
      this.maxExamples = inRange(value, 0, 10_000, "maxExamples");
      return this;
    }

    /**
     * Differences a full validation keeps for repair (all are counted), 0 to 100 000 000. Default
     * {@value Validator#DEFAULT_MAX_DIFFERENCES}.
     *
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if set already
     */
    public Builder maxDifferences(int value) {
      once(maxDifferences, "maxDifferences");
      this.maxDifferences = inRange(value, 0, 100_000_000, "maxDifferences");
      return this;
    }

    /**
     * The source id of a target node id: the inverse of {@link RecordMapper#nodeId(String)}, for finding
     * extra records. Default: the identity.
     *
     * @throws IllegalStateException if set already
     */
    public Builder sourceNodeIds(UnaryOperator<String> inverse) {
      requireNonNull(inverse, "inverse");
      once(sourceNodeIds, "sourceNodeIds");
      this.sourceNodeIds = inverse;
      return this;
    }

    /**
     * The source id of a target relationship id: the inverse of {@link RecordMapper#relationshipId(String)}.
     * Default: the identity.
     *
     * @throws IllegalStateException if set already
     */
    public Builder sourceRelationshipIds(UnaryOperator<String> inverse) {
      requireNonNull(inverse, "inverse");
      once(sourceRelationshipIds, "sourceRelationshipIds");
      this.sourceRelationshipIds = inverse;
      return this;
    }

    /** Leaves properties out of comparisons (for example fields a target adds itself); adds to the set. */
    public Builder ignoreProperties(String... names) {
      for (String n : names) {
        ignoredProperties.add(requireNonNull(n, "name"));
      }
      return this;
    }

    /**
     * The clock of reports and events. Default the UTC system clock.
     *
     * @throws IllegalStateException if set already
     */
    public Builder clock(Clock value) {
      requireNonNull(value, "clock");
      once(clock, "clock");
      this.clock = value;
      return this;
    }

    /** Adds a listener; may be called several times. */
    public Builder listener(ValidationListener value) {
      listeners.add(requireNonNull(value, "listener"));
      return this;
    }

    /** Builds the validator. */
    public Validator build() {
      return new Validator(this);
    }
  }
}
