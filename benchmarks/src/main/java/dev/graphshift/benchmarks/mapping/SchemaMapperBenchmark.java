package dev.graphshift.benchmarks.mapping;

import dev.graphshift.Checked;
import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.mapping.EngramModel;
import dev.graphshift.mapping.HashingEmbedder;
import dev.graphshift.mapping.SchemaMapper;
import dev.graphshift.mapping.SchemaMapping;
import dev.graphshift.neo4j.Neo4jIdentity;
import dev.graphshift.neo4j.Neo4jRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.internal.InternalNode;
import org.neo4j.driver.internal.InternalRelationship;
import org.neo4j.driver.types.Float32Vector;
import org.neo4j.driver.types.MapAccessor;
import org.neo4j.driver.types.Type;
import org.neo4j.driver.types.TypeSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Batch conversion through the {@link SchemaMapper}, starting from Neo4j driver records, against a
 * baseline that only copies the same payload out of the same records, in the same run.
 *
 * <p>Workloads ({@link Workload}), built once per trial from driver values without a server
 * ({@code InternalNode}, {@code InternalRelationship}, {@code Values}):
 *
 * <ul>
 *   <li>{@code PROPERTY_NODES}: 10 000 nodes, each with 10 properties of mixed kinds (4 strings, 2
 *       integers, a float, a boolean, a date-time, a list of 3 strings); one node in ten has a second label;
 *   <li>{@code EMBEDDING_NODES}: the same, plus a 768-float embedding as a native driver vector (Neo4j
 *       2025.10+ {@code VECTOR}, driver 6), which the conversion turns into a {@code float[]};
 *   <li>{@code EMBEDDING_LIST_NODES}: the same, with the embedding as Neo4j 5's {@code LIST<FLOAT>} of
 *       768 under the adapter's default vector property {@code embedding}, which the conversion turns into
 *       a {@code float[]} (every element is exactly a 32-bit float);
 *   <li>{@code RELATIONSHIPS}: 50 000 relationships, 40% {@code READ} (duration, at), 30% {@code
 *       SIMILAR_TO} (similarity, method), 30% {@code KNOWS} (since, source).
 * </ul>
 *
 * <p>Variants ({@link Variant}): {@code COPY_BASELINE} copies each record's payload into plain Java (a
 * {@code HashMap} of the property values and a {@code float[]} of the embedding): the physical floor of
 * this work. {@code DRIVER_TO_MODEL} only converts driver records into model records, through the Neo4j
 * adapter's public converter {@link Neo4jRecords} (what its scans and reads use), with the element id as
 * the identity of nodes and relationships (the records carry no id property; a relationship's endpoint ids
 * are read alongside it, as the adapter's scans return them). {@code NEPTUNE} and {@code
 * ENGRAM} convert, then map through {@link SchemaMapping#neo4jToNeptune()} and {@link
 * SchemaMapping#neo4jToEngram()} (nodes without an embedding get one from the {@link HashingEmbedder}).
 *
 * <p>One operation is one batch; {@link #main(String[])} runs the benchmark with {@code -prof gc} and prints
 * records per second, bytes allocated per record, and both as ratios to {@code COPY_BASELINE} of the same
 * workload in the same run ({@link MapperReport}). Run it with:
 *
 * <pre>
 * ./mvnw -B -pl benchmarks -am package -DskipTests -Pbench [-Dbench.args="-f 1 -wi 3 -w 1s -i 5 -r 1s"]
 * </pre>
 *
 * <p>Not thread-safe; confine to one thread (JMH gives each thread its own state).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SchemaMapperBenchmark {
  /** What each operation does with the batch. */
  public enum Variant {
    COPY_BASELINE,
    DRIVER_TO_MODEL,
    NEPTUNE,
    ENGRAM
  }

  /** The batch. */
  public enum Workload {
    PROPERTY_NODES(10_000, false),
    EMBEDDING_NODES(10_000, false),
    EMBEDDING_LIST_NODES(10_000, false),
    RELATIONSHIPS(50_000, true);

    /** The number of records in a batch. */
    public final int size;
    final boolean relationships;

    Workload(int size, boolean relationships) {
      this.size = size;
      this.relationships = relationships;
    }
  }

  static final int DIMENSION = EngramModel.DIMENSION;
  private static final Type LIST = TypeSystem.getDefault().LIST();
  private static final Type VECTOR = TypeSystem.getDefault().VECTOR();
  private static final String EMBEDDING = EngramModel.EMBEDDING;
  /** The adapter's converter, identifying records by their element ids. */
  private static final Neo4jRecords RECORDS = Neo4jRecords.builder()
      .nodeIdentity(Neo4jIdentity.elementId())
      .relationshipIdentity(Neo4jIdentity.elementId())
      .build();
  private static final String[] CITIES = {"Paris", "Lyon", "Berlin", "Porto", "Oslo", "Quito", "Hanoi"};
  private static final OffsetDateTime EPOCH = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  @Param
  public Variant variant;

  @Param
  public Workload workload;

  /**
   * Records per batch; 0 (the default) for the workload's own size: 10 000 nodes or 50 000 relationships.
   * Only the smoke run uses fewer.
   */
  @Param("0")
  public int batch;

  private org.neo4j.driver.types.Node[] nodes = new org.neo4j.driver.types.Node[0];
  private org.neo4j.driver.types.Relationship[] relationships = new org.neo4j.driver.types.Relationship[0];
  /** The endpoint ids of each relationship, as the adapter's scans read them alongside it. */
  private Value[] starts = new Value[0];
  private Value[] ends = new Value[0];
  private @Nullable SchemaMapper mapper;
  private Object[] copies = new Object[0];

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    if (workload.relationships) {
      relationships = new org.neo4j.driver.types.Relationship[size()];
      starts = new Value[size()];
      ends = new Value[size()];
      for (int i = 0; i < relationships.length; i++) {
        relationships[i] = relationship(i, random);
        starts[i] = Values.value(relationships[i].startNodeElementId());
        ends[i] = Values.value(relationships[i].endNodeElementId());
      }
    } else {
      nodes = new org.neo4j.driver.types.Node[size()];
      for (int i = 0; i < nodes.length; i++) {
        nodes[i] = node(i, workload, random);
      }
    }
    copies = new Object[size()];
    mapper = switch (variant) {
      case NEPTUNE -> SchemaMapper.builder(SchemaMapping.neo4jToNeptune()).build();
      case ENGRAM -> SchemaMapper.builder(SchemaMapping.neo4jToEngram()).embedder(HashingEmbedder.ofDefaults()).build();
      default -> null;
    };
    check(convertBatch());
  }

  /** The number of records in a batch. */
  int size() {
    return batch > 0 ? batch : workload.size;
  }

  /** Fails the trial if the operation does not give one output per input with nothing rejected. */
  private void check(Object out) {
    int produced;
    if (out instanceof Checked<?> checked) {
      if (!checked.rejected().isEmpty()) {
        throw new IllegalStateException(variant + "/" + workload + " rejected " + checked.rejected().size()
            + " records, first: " + checked.rejected().get(0));
      }
      produced = checked.accepted().size();
      if (variant == Variant.ENGRAM && workload.relationships
          && !(((Relationship) checked.accepted().get(0)).properties().get(EngramModel.WEIGHT) instanceof Double)) {
        throw new IllegalStateException("ENGRAM relationships carry no weight");
      }
      if (variant == Variant.ENGRAM && !workload.relationships
          && !(((Node) checked.accepted().get(0)).properties().get(EMBEDDING) instanceof float[])) {
        throw new IllegalStateException("ENGRAM nodes carry no float[] embedding");
      }
    } else {
      produced = ((Object[]) out).length;
    }
    if (produced != size()) {
      throw new IllegalStateException(variant + "/" + workload + " produced " + produced + " of " + size());
    }
  }

  @Benchmark
  public Object convertBatch() {
    switch (variant) {
      case COPY_BASELINE:
        return workload.relationships ? copyRelationships() : copyNodes();
      case DRIVER_TO_MODEL:
        return workload.relationships ? modelRelationships().toArray() : modelNodes().toArray();
      default:
        SchemaMapper m = java.util.Objects.requireNonNull(mapper, "mapper");
        return workload.relationships ? m.mapRelationships(modelRelationships()) : m.mapNodes(modelNodes());
    }
  }

  private List<Node> modelNodes() {
    Node[] out = new Node[nodes.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = accepted(RECORDS.node(nodes[i]));
    }
    return Arrays.asList(out);
  }

  private List<Relationship> modelRelationships() {
    Relationship[] out = new Relationship[relationships.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = accepted(RECORDS.relationship(relationships[i], starts[i], ends[i]));
    }
    return Arrays.asList(out);
  }

  /** The record read, or a failed trial naming why the adapter rejected it. */
  private static <T extends GraphRecord> T accepted(Neo4jRecords.Read<T> read) {
    Optional<T> record = read.record();
    if (record.isEmpty()) {
      throw new IllegalStateException("the adapter rejected a record: " + read.rejected().orElseThrow());
    }
    return record.get();
  }

  /** The baseline: each node's properties copied into a HashMap, its embedding into a float[]. */
  private Object[] copyNodes() {
    Object[] out = copies;
    for (int i = 0; i < out.length; i++) {
      out[i] = copyPayload(nodes[i]);
    }
    return out;
  }

  private Object[] copyRelationships() {
    Object[] out = copies;
    for (int i = 0; i < out.length; i++) {
      out[i] = copyPayload(relationships[i]);
    }
    return out;
  }

  private static Map<String, Object> copyPayload(MapAccessor entity) {
    Map<String, Object> copy = new HashMap<>((int) (entity.size() / 0.75f) + 1);
    for (String key : entity.keys()) {
      Value v = entity.get(key);
      Object value;
      if (v.hasType(VECTOR)) {
        value = ((Float32Vector) v.asVector()).toArray();
      } else if (v.hasType(LIST) && key.equals(EMBEDDING)) {
        float[] f = new float[v.size()];
        for (int j = 0; j < f.length; j++) {
          f[j] = v.get(j).asFloat();
        }
        value = f;
      } else {
        value = v.asObject();
      }
      copy.put(key, value);
    }
    return copy;
  }

  static org.neo4j.driver.types.Node node(int i, Workload workload, SplittableRandom random) {
    Map<String, Value> p = new HashMap<>();
    p.put("name", Values.value("person-" + i));
    p.put("email", Values.value("person" + i + "@example.com"));
    p.put("bio", Values.value("Reads history and science fiction, walks a lot, and keeps notes on everything; "
        + "profile number " + i));
    p.put("city", Values.value(CITIES[i % CITIES.length]));
    p.put("age", Values.value(18 + i % 70));
    p.put("visits", Values.value(7L * i));
    p.put("score", Values.value(random.nextDouble()));
    p.put("active", Values.value(i % 3 != 0));
    p.put("created_at", Values.value(EPOCH.plusSeconds(i)));
    p.put("tags", Values.value(List.<Object>of("t" + i % 10, "t" + i % 7, "all")));
    if (workload == Workload.EMBEDDING_NODES) {
      p.put(EMBEDDING, Values.vector(embedding(random)));
    } else if (workload == Workload.EMBEDDING_LIST_NODES) {
      float[] e = embedding(random);
      Value[] elements = new Value[e.length];
      for (int j = 0; j < e.length; j++) {
        elements[j] = Values.value((double) e[j]);
      }
      p.put(EMBEDDING, Values.value(elements));
    }
    List<String> labels = i % 10 == 0 ? List.of("Person", "Author") : List.of("Person");
    return new InternalNode(i, "4:bench:" + i, labels, p);
  }

  static org.neo4j.driver.types.Relationship relationship(int i, SplittableRandom random) {
    Map<String, Value> p = new HashMap<>();
    String type;
    int kind = i % 10;
    if (kind < 4) {
      type = "READ";
      p.put("duration", Values.value(random.nextInt(900)));
      p.put("at", Values.value(EPOCH.plusMinutes(i)));
    } else if (kind < 7) {
      type = "SIMILAR_TO";
      p.put("similarity", Values.value(random.nextDouble()));
      p.put("method", Values.value("cosine"));
    } else {
      type = "KNOWS";
      p.put("since", Values.value(1990L + i % 30));
      p.put("source", Values.value("import-" + i % 5));
    }
    long start = i % 10_000;
    long end = (i * 7L + 1) % 10_000;
    return new InternalRelationship(i, "5:bench:" + i, start, "4:bench:" + start, end, "4:bench:" + end, type, p);
  }

  /** A distinct, normalized 768-float vector. */
  static float[] embedding(SplittableRandom random) {
    float[] v = new float[DIMENSION];
    double sum = 0;
    for (int j = 0; j < v.length; j++) {
      v[j] = (float) (random.nextDouble() * 2 - 1);
      sum += v[j] * v[j];
    }
    float scale = (float) (1 / Math.sqrt(sum));
    for (int j = 0; j < v.length; j++) {
      v[j] *= scale;
    }
    return v;
  }

  /**
   * Runs this benchmark with the GC profiler (unless other profilers are given), writes the JMH JSON
   * ({@code -rff}, default {@code target/jmh/schema-mapper.json}) and a Markdown table of the per-record
   * figures and ratios next to it, and prints the table.
   *
   * @param args JMH command-line options, for example {@code -f 1 -wi 3 -w 1s -i 5 -r 1s}
   */
  public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
    CommandLineOptions cli = new CommandLineOptions(args);
    Path json = Path.of(cli.getResult().orElse("target/jmh/schema-mapper.json")).toAbsolutePath();
    Files.createDirectories(json.getParent());
    ChainedOptionsBuilder options = new OptionsBuilder().parent(cli)
        .include(SchemaMapperBenchmark.class.getName())
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString());
    if (cli.getProfilers().isEmpty()) {
      options.addProfiler(GCProfiler.class);
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    String table = MapperReport.markdown(MapperReport.rows(results));
    Path markdown = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "") + ".md");
    Files.writeString(markdown, table);
    System.out.println();
    System.out.println(table);
    System.out.println("JSON: " + json);
    System.out.println("Table: " + markdown);
  }
}
