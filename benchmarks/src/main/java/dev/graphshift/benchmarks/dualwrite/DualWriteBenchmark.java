package dev.graphshift.benchmarks.dualwrite;

import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.WriteResult;
import dev.graphshift.dualwrite.DeliveryMode;
import dev.graphshift.dualwrite.DualWriteCoordinator;
import dev.graphshift.dualwrite.FileDeadLetterQueue;
import dev.graphshift.dualwrite.FsyncPolicy;
import dev.graphshift.dualwrite.InMemoryDeadLetterQueue;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The caller's path of a dual write against calling the primary directly, in the same run.
 *
 * <p><b>Workload.</b> One thread upserts single nodes (three properties) over 10 000 ids in a fixed
 * cycle; the primary is an in-memory database behind a busy-wait of {@code primaryMicros} (0 shows the
 * coordinator's own cost; 20 stands in for a fast remote primary). Variants: {@code DIRECT}, the
 * primary alone (the baseline); {@code DUAL_FAST}, an in-memory secondary with no added latency; {@code
 * DUAL_SLOW_10X}, a secondary ten times slower than the primary (a timed park, so that it waits rather
 * than competes for the caller's core); {@code DUAL_DOWN}, a secondary that fails every write; {@code
 * DUAL_OUTBOX}, a fast secondary with outbox delivery into a {@link FileDeadLetterQueue} (interval
 * fsync), which journals every write on the caller's path. Dead letters go to an in-memory queue except
 * for the outbox variant. Sample-time mode reports the distribution of single calls (P50, P99).
 *
 * <p><b>Run.</b>
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests -DskipITs -Pbench -Dbench.class=org.openjdk.jmh.Main \
 *     -Dbench.args="DualWriteBenchmark -rf json -rff target/dualwrite.json"
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider"})
@State(Scope.Benchmark)
public class DualWriteBenchmark {

  /** What the caller writes through. */
  public enum Variant {
    DIRECT,
    DUAL_FAST,
    DUAL_SLOW_10X,
    DUAL_DOWN,
    DUAL_OUTBOX
  }

  private static final int IDS = 10_000;

  @Param
  public Variant variant;

  @Param({"0", "20"})
  public int primaryMicros;

  private GraphDatabase target;
  private Node[] nodes;
  private int next;
  private @Nullable Path journalDir;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    nodes = new Node[IDS];
    for (int i = 0; i < IDS; i++) {
      nodes[i] = Node.of(String.format("p%05d", i), "Person", Map.of("name", "person " + i, "rank", i, "active", true));
    }
    long primaryNanos = TimeUnit.MICROSECONDS.toNanos(primaryMicros);
    GraphDatabase primary = new LatencyDatabase(InMemoryGraphDatabase.named("primary"), primaryNanos,
        LatencyDatabase.Wait.SPIN);
    GraphDatabase secondaryStore = InMemoryGraphDatabase.named("secondary");
    if (variant == Variant.DIRECT) {
      target = primary;
      return;
    }
    GraphDatabase secondary = switch (variant) {
      case DUAL_SLOW_10X -> new LatencyDatabase(secondaryStore, Math.max(10 * primaryNanos,
          TimeUnit.MICROSECONDS.toNanos(10)), LatencyDatabase.Wait.PARK);
      case DUAL_DOWN -> new LatencyDatabase(secondaryStore, 0, LatencyDatabase.Wait.DOWN);
      default -> secondaryStore;
    };
    DualWriteCoordinator.Builder builder = DualWriteCoordinator.builder(primary, secondary).name("bench").seed(1);
    if (variant == Variant.DUAL_OUTBOX) {
      journalDir = Files.createTempDirectory("graphshift-bench");
      builder.deadLetters(FileDeadLetterQueue.builder(journalDir.resolve("bench.journal"))
          .fsync(FsyncPolicy.INTERVAL).build()).delivery(DeliveryMode.OUTBOX);
    } else {
      builder.deadLetters(InMemoryDeadLetterQueue.create());
    }
    target = builder.build();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    target.close();
    if (target instanceof DualWriteCoordinator dual) {
      dual.deadLetters().close();
    }
    if (journalDir != null) {
      try (Stream<Path> files = Files.walk(journalDir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Benchmark
  public WriteResult upsertNode() {
    int i = next;
    next = i + 1 == IDS ? 0 : i + 1;
    return target.upsertNode(nodes[i]);
  }
}
