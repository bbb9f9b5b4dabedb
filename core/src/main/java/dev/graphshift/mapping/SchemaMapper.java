package dev.graphshift.mapping;

import static java.util.Objects.requireNonNull;

import dev.graphshift.Checked;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import dev.graphshift.mapping.internal.NodePlan;
import dev.graphshift.mapping.internal.Pending;
import dev.graphshift.mapping.internal.PlanCompiler;
import dev.graphshift.mapping.internal.RelationshipPlan;
import dev.graphshift.mapping.internal.Scratch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SchemaMapping} compiled into a converter of whole batches: the hot path of every backfill and
 * dual write. The backfill maps its batches through it and the dual-write coordinator its single writes
 * (batches of one), so a record reaches the target identically either way; the validator reads {@link
 * #label(String)} and {@link #relationshipType(String)} to compare counts through the mapping.
 *
 * <pre>{@code
 * SchemaMapper mapper = SchemaMapper.builder(SchemaMapping.neo4jToEngram())
 *     .embedder(HashingEmbedder.ofDefaults())   // or a real model, see Embedder
 *     .build();
 * Checked<Node> memories = mapper.mapNodes(sourceNodes);
 * }</pre>
 *
 * <p>What mapping a batch gives: the mapped records in input order, and a {@link Rejected} (the source
 * record, a rule from {@link Rules}, a message naming the label or type, the property and the problem)
 * for each record that breaks a rule: {@link Rules#REQUIRED_PROPERTY}, {@link Rules#CONVERSION}, {@link
 * Rules#EMBEDDING_DIMENSION}, {@link Rules#VALUE_NOT_FINITE}, {@link Rules#EMBEDDING_FAILED}, {@link
 * Rules#VALUE_FORBIDDEN}, {@link Rules#PROPERTY_CONFLICT}. {@code accepted + rejected == input}, always;
 * nothing in a record throws. Ids never change ({@link #nodeId(String)} is the identity): targets encode
 * ids for their own rules. Values the mapping does not touch are carried over as they are and checked
 * against the closed set of {@link dev.graphshift.PropertyValues} by the target adapter.
 *
 * <p>How it is fast: the rules of each label set and relationship type are compiled once into a plan
 * (target labels resolved, a small map from property name to a resolved operation, arrays of required
 * properties and derived constants). Mapping a record is one plan lookup by its label (or type), one
 * pass over its properties, and the construction of exactly the output record; a record the plan leaves
 * unchanged is returned as the same instance. No reflection, regular expression, formatting or logging
 * happens for a record that is accepted; vectors are carried over, not copied.
 *
 * <p>Thread-safe.
 */
public final class SchemaMapper implements RecordMapper {
  /*
   * Design (concurrency):
   * - Everything the constructor builds is immutable: the settings, the compiler and the plans of the
   *   declared labels and types.
   * - Plans for labels, label sets and types first seen in data are compiled on first sight and cached in
   *   ConcurrentHashMaps, each bounded by MAX_CACHED_PLANS entries; past the bound, plans are compiled
   *   per record (slower, same result). Compilation is deterministic, so a race compiles equal plans.
   * - A batch owns its Scratch buffer and result array; nothing else is shared between batches but the
   *   plan caches and the counters, which are LongAdders added once per batch. metrics() is therefore a
   *   snapshot that may be mid-batch.
   * - The embedder and the listeners are called on the caller's thread; the mapper holds no lock while
   *   calling them, so it adds no waiting of its own.
   */

  /** The default number of texts per {@link Embedder#embed(List)} call: {@value}. */
  public static final int DEFAULT_EMBEDDING_BATCH_SIZE = 256;
  /** The most plans cached for label sets, and for relationship types, first seen in data: {@value}. */
  public static final int MAX_CACHED_PLANS = 4096;

  private static final Logger log = LoggerFactory.getLogger(SchemaMapper.class);

  private final SchemaMapperConfig config;
  private final PlanCompiler compiler;
  private final @Nullable Embedder embedder;
  private final Map<String, String> labelTargets = new HashMap<>();
  private final Map<String, String> typeTargets = new HashMap<>();
  private final ConcurrentHashMap<String, NodePlan> singleLabelPlans = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Set<String>, NodePlan> labelSetPlans = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, RelationshipPlan> typePlans = new ConcurrentHashMap<>();
  private final NodePlan unlabeledPlan;

  private final LongAdder nodesMapped = new LongAdder();
  private final LongAdder nodesRejected = new LongAdder();
  private final LongAdder relationshipsMapped = new LongAdder();
  private final LongAdder relationshipsRejected = new LongAdder();
  private final LongAdder embeddingsGenerated = new LongAdder();
  private final LongAdder embedderFailures = new LongAdder();
  private final LongAdder listenerFailures = new LongAdder();

  private SchemaMapper(SchemaMapperConfig config) {
    this.config = config;
    SchemaMappingConfig mapping = config.mapping().config();
    this.compiler = new PlanCompiler(mapping);
    this.embedder = config.embedder().orElse(null);
    for (NodeRule r : mapping.nodeRules()) {
      labelTargets.put(r.label(), r.resolvedTargetLabel());
      singleLabelPlans.put(r.label(), compiler.nodePlan(List.of(r.label())));
    }
    for (RelationshipRule r : mapping.relationshipRules()) {
      typeTargets.put(r.type(), r.resolvedTargetType());
      typePlans.put(r.type(), compiler.relationshipPlan(r.type()));
    }
    this.unlabeledPlan = compiler.nodePlan(List.of());
  }

  /** A builder for a mapper of a mapping. */
  public static Builder builder(SchemaMapping mapping) {
    return new Builder(requireNonNull(mapping, "mapping"));
  }

  /** The settings. */
  public SchemaMapperConfig config() {
    return config;
  }

  /** The mapper's name. */
  public String name() {
    return config.name();
  }

  /** A snapshot of the counters. */
  public SchemaMapperMetrics metrics() {
    return new SchemaMapperMetrics(config.name(), nodesMapped.sum(), nodesRejected.sum(),
        relationshipsMapped.sum(), relationshipsRejected.sum(), embeddingsGenerated.sum(),
        embedderFailures.sum(), listenerFailures.sum());
  }

  @Override
  public Checked<Node> mapNodes(List<Node> nodes) {
    requireNonNull(nodes, "nodes");
    int size = nodes.size();
    if (size == 0) {
      return Checked.allAccepted(List.of());
    }
    Scratch scratch = new Scratch();
    Object[] results = new Object[size];
    int rejected = 0;
    int pending = 0;
    for (int i = 0; i < size; i++) {
      Node node = nodes.get(i);
      Object result = plan(node.labels()).map(node, scratch);
      results[i] = result;
      if (result instanceof Rejected) {
        rejected++;
      } else if (result instanceof Pending) {
        pending++;
      }
    }
    if (pending > 0) {
      rejected += generateEmbeddings(results, pending, scratch);
    }
    nodesMapped.add(size - rejected);
    nodesRejected.add(rejected);
    return assemble(results, rejected);
  }

  @Override
  public Checked<Relationship> mapRelationships(List<Relationship> relationships) {
    requireNonNull(relationships, "relationships");
    int size = relationships.size();
    if (size == 0) {
      return Checked.allAccepted(List.of());
    }
    Scratch scratch = new Scratch();
    Object[] results = new Object[size];
    int rejected = 0;
    for (int i = 0; i < size; i++) {
      Relationship rel = relationships.get(i);
      Object result = plan(rel.type()).map(rel, scratch);
      results[i] = result;
      if (result instanceof Rejected) {
        rejected++;
      }
    }
    relationshipsMapped.add(size - rejected);
    relationshipsRejected.add(rejected);
    return assemble(results, rejected);
  }

  /** The target label of a source label: its rule's target, or the label itself. */
  @Override
  public Optional<String> label(String sourceLabel) {
    return Optional.of(labelTargets.getOrDefault(sourceLabel, sourceLabel));
  }

  /** The target type of a source relationship type: its rule's target, or the type itself. */
  @Override
  public Optional<String> relationshipType(String sourceType) {
    return Optional.of(typeTargets.getOrDefault(sourceType, sourceType));
  }

  private NodePlan plan(Set<String> labels) {
    int n = labels.size();
    if (n == 1) {
      String label = labels.iterator().next();
      NodePlan plan = singleLabelPlans.get(label);
      return plan != null ? plan : cached(singleLabelPlans, label, l -> compiler.nodePlan(List.of(l)));
    } else if (n == 0) {
      return unlabeledPlan;
    }
    NodePlan plan = labelSetPlans.get(labels);
    return plan != null ? plan : cached(labelSetPlans, labels, compiler::nodePlan);
  }

  private RelationshipPlan plan(String type) {
    RelationshipPlan plan = typePlans.get(type);
    return plan != null ? plan : cached(typePlans, type, compiler::relationshipPlan);
  }

  private static <K, P> P cached(ConcurrentHashMap<K, P> cache, K key, Function<K, P> compile) {
    return cache.size() < MAX_CACHED_PLANS ? cache.computeIfAbsent(key, compile) : compile.apply(key);
  }

  /** Generates the embeddings of the pending nodes, a chunk per embedder call; returns the rejections. */
  private int generateEmbeddings(Object[] results, int pending, Scratch scratch) {
    Embedder e = requireNonNull(embedder, "embedder");
    int[] indexes = new int[pending];
    for (int i = 0, j = 0; i < results.length; i++) {
      if (results[i] instanceof Pending) {
        indexes[j++] = i;
      }
    }
    int rejected = 0;
    int chunkSize = config.embeddingBatchSize();
    for (int start = 0; start < pending; start += chunkSize) {
      int end = Math.min(pending, start + chunkSize);
      List<String> texts = new ArrayList<>(end - start);
      for (int j = start; j < end; j++) {
        texts.add(EngramModel.content(((Pending) results[indexes[j]]).partial()));
      }
      List<float[]> vectors;
      @Nullable String failure;
      try {
        vectors = e.embed(Collections.unmodifiableList(texts));
        failure = vectors == null ? "returned no list"
            : vectors.size() != texts.size() ? "returned " + vectors.size() + " vectors for " + texts.size() + " texts"
            : null;
      } catch (RuntimeException ex) {
        vectors = null;
        failure = "threw " + ex;
      }
      if (failure != null) {
        embedderFailed(e, results, indexes, start, end, failure);
        rejected += end - start;
        continue;
      }
      for (int j = start; j < end; j++) {
        Pending p = (Pending) results[indexes[j]];
        Object done = p.plan().complete(p, vectors.get(j - start), e.name(), scratch);
        results[indexes[j]] = done;
        if (done instanceof Rejected) {
          rejected++;
        } else {
          embeddingsGenerated.increment();
        }
      }
    }
    return rejected;
  }

  private void embedderFailed(Embedder e, Object[] results, int[] indexes, int start, int end, String failure) {
    embedderFailures.increment();
    List<String> ids = new ArrayList<>(end - start);
    for (int j = start; j < end; j++) {
      Pending p = (Pending) results[indexes[j]];
      ids.add(p.source().id());
      results[indexes[j]] = new Rejected(p.source(), Rules.EMBEDDING_FAILED, p.plan().context() + ": the embedder '"
          + e.name() + "' " + failure + " (a batch of " + (end - start) + " nodes)");
    }
    log.warn("graphshift.mapping.embedder_failed name={} embedder={} nodes={} error={}",
        config.name(), e.name(), end - start, failure);
    if (!config.listeners().isEmpty()) {
      EmbedderFailedEvent event = new EmbedderFailedEvent(config.name(), config.clock().instant(), e.name(), ids, failure);
      for (SchemaMapperListener listener : config.listeners()) {
        try {
          listener.onEmbedderFailed(event);
        } catch (RuntimeException ex) {
          listenerFailures.increment();
          log.warn("graphshift.mapping.listener_failed name={} listener={} event=EmbedderFailedEvent",
              config.name(), listener, ex);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> Checked<T> assemble(Object[] results, int rejected) {
    if (rejected == 0) {
      return Checked.allAccepted((List<T>) Arrays.asList(results));
    }
    List<T> accepted = new ArrayList<>(results.length - rejected);
    List<Rejected> rejections = new ArrayList<>(rejected);
    for (Object r : results) {
      if (r instanceof Rejected rej) {
        rejections.add(rej);
      } else {
        accepted.add((T) r);
      }
    }
    return new Checked<>(accepted, rejections);
  }

  @Override
  public String toString() {
    return "SchemaMapper[" + config.name() + "]";
  }

  /**
   * Builds a {@link SchemaMapper}. Defaults: named like the mapping, no embedder, {@value
   * #DEFAULT_EMBEDDING_BATCH_SIZE} texts per embedder call, the UTC system clock, no listeners.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final SchemaMapping mapping;
    private String name;
    private @Nullable Embedder embedder;
    private int embeddingBatchSize = DEFAULT_EMBEDDING_BATCH_SIZE;
    private Clock clock = Clock.systemUTC();
    private final List<SchemaMapperListener> listeners = new ArrayList<>();

    private Builder(SchemaMapping mapping) {
      this.mapping = mapping;
      this.name = mapping.name();
    }

    /**
     * The mapper's name, in events, metrics and logs. Default: the mapping's name.
     *
     * @throws IllegalArgumentException if it is blank
     */
    public Builder name(String mapperName) {
      name = Names.check(mapperName, "name");
      return this;
    }

    /**
     * Generates missing embeddings; required when the mapping's embedding rule generates them. Its
     * vectors are handed to the mapped nodes as they are: it must not reuse or change them afterwards.
     *
     * @throws IllegalStateException if an embedder is already set
     */
    public Builder embedder(Embedder value) {
      requireNonNull(value, "value");
      if (embedder != null) {
        throw new IllegalStateException("the embedder is already set to " + embedder.name());
      }
      embedder = value;
      return this;
    }

    /**
     * The most texts per {@link Embedder#embed(List)} call. Default {@value #DEFAULT_EMBEDDING_BATCH_SIZE}.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder embeddingBatchSize(int texts) {
      if (texts < 1) {
        throw new IllegalArgumentException("embeddingBatchSize must be at least 1: " + texts);
      }
      embeddingBatchSize = texts;
      return this;
    }

    /** The clock of event times. Default: {@link Clock#systemUTC()}. */
    public Builder clock(Clock value) {
      clock = requireNonNull(value, "value");
      return this;
    }

    /** Adds a listener, notified after those added before it. */
    public Builder listener(SchemaMapperListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Compiles the mapping into a mapper.
     *
     * @throws IllegalStateException if the mapping generates embeddings and no embedder is set, or the
     *     embedder's dimension differs from the mapping's
     */
    public SchemaMapper build() {
      Optional<EmbeddingRule> rule = mapping.config().embedding();
      if (rule.isPresent() && rule.get().whenMissing() == MissingEmbedding.GENERATE) {
        if (embedder == null) {
          throw new IllegalStateException("the mapping '" + mapping.name() + "' generates missing embeddings "
              + "(when-missing: generate); set an embedder(...) (HashingEmbedder for tests, a real model otherwise)");
        }
        if (embedder.dimension() != rule.get().dimension()) {
          throw new IllegalStateException("the embedder '" + embedder.name() + "' gives " + embedder.dimension()
              + " dimensions but the mapping '" + mapping.name() + "' expects " + rule.get().dimension());
        }
      }
      return new SchemaMapper(new SchemaMapperConfig(name, mapping, Optional.ofNullable(embedder),
          embeddingBatchSize, clock, listeners));
    }
  }
}
