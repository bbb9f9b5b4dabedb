package dev.graphshift.benchmarks.shadow;

import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.QueryResult;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.memory.InMemoryQuery;
import dev.graphshift.shadow.ShadowMetrics;
import dev.graphshift.shadow.ShadowReadCoordinator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * What a shadow read costs the caller: the latency of {@code query(name, parameters)} on the caller's
 * thread, read directly from the primary (the baseline) or through a {@link ShadowReadCoordinator} that
 * compares every read with a secondary that is as fast, ten times slower, or down.
 *
 * <p><b>Workload.</b> One caller thread issues the named read {@code recommend} back to back, with 1 024
 * parameter maps built in setup and visited round-robin; each answer is 10 ranked hits. The primary
 * spends {@code primaryMicros} on the caller's thread (a busy wait: a database call whose time is spent
 * while the caller waits); the secondary's latency is a park on the comparison thread (it waits on I/O, it
 * does not burn a core). The coordinator runs with its defaults: every read sampled, 2 comparison
 * threads, at most 1 000 pending (so a ten-times-slower secondary is shed), exact comparison.
 *
 * <ul>
 *   <li>{@code DIRECT}: the primary alone, the baseline.
 *   <li>{@code SHADOW_FAST}: the secondary takes as long as the primary.
 *   <li>{@code SHADOW_FAST_HANDOFF}: the same, with a dispatch interval of zero: the caller hands each
 *       comparison to the executor itself (waking a comparison thread), as a simpler design would.
 *   <li>{@code SHADOW_SLOW}: the secondary takes ten times as long.
 *   <li>{@code SHADOW_DOWN}: the secondary fails every read at once.
 * </ul>
 *
 * The issue bounds: P50 of a shadowed read at most 5 µs above {@code DIRECT} (measure with {@code
 * -p primaryMicros=0}, where the difference is the caller-path cost alone); P99 with a slow or down
 * secondary within 1.1 × {@code DIRECT} (at the default 200 µs).
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests -DskipITs -Pbench -Dbench.class=org.openjdk.jmh.Main \
 *     -Dbench.args="ShadowReadBenchmark"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ShadowReadBenchmark {
  private static final int MASK = 1_023;

  /** Who answers, and how the secondary behaves. */
  public enum Variant {
    DIRECT,
    SHADOW_FAST,
    SHADOW_FAST_HANDOFF,
    SHADOW_SLOW,
    SHADOW_DOWN
  }

  @Param
  Variant variant;

  @Param({"200"})
  int primaryMicros;

  private final List<Map<String, Object>> parameters = new ArrayList<>();
  private int index;
  private GraphDatabase db;
  private ShadowReadCoordinator shadow;

  @Setup
  public void setUp() {
    for (int i = 0; i <= MASK; i++) {
      parameters.add(Map.of("userId", "user-" + i, "limit", 10L));
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add("item-" + i);
    }
    QueryResult answer = QueryResult.ofIds(ids);
    long primaryNanos = TimeUnit.MICROSECONDS.toNanos(primaryMicros);
    InMemoryGraphDatabase primary = InMemoryGraphDatabase.builder("primary")
        .query("recommend", (d, p) -> {
          spin(primaryNanos);
          return answer;
        })
        .build();
    InMemoryQuery secondaryAnswer = switch (variant) {
      case SHADOW_DOWN -> (d, p) -> {
        throw new DatabaseUnavailableException("secondary", "down", null);
      };
      case SHADOW_SLOW -> (d, p) -> {
        LockSupport.parkNanos(10 * primaryNanos);
        return answer;
      };
      default -> (d, p) -> {
        LockSupport.parkNanos(primaryNanos);
        return answer;
      };
    };
    InMemoryGraphDatabase secondary = InMemoryGraphDatabase.builder("secondary").query("recommend", secondaryAnswer).build();
    if (variant == Variant.DIRECT) {
      db = primary;
    } else {
      ShadowReadCoordinator.Builder b = ShadowReadCoordinator.builder(primary, secondary).name("bench");
      if (variant == Variant.SHADOW_FAST_HANDOFF) {
        b.dispatchInterval(Duration.ZERO);
      }
      shadow = b.build();
      db = shadow;
    }
  }

  private static void spin(long nanos) {
    if (nanos <= 0) {
      return;
    }
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  @TearDown
  public void tearDown() {
    if (shadow != null) {
      ShadowMetrics m = shadow.metrics();
      System.out.println("shadow metrics: sampled=" + m.sampled() + " matches=" + m.matches() + " shed=" + m.shed()
          + " secondaryFailures=" + m.secondaryFailures() + " secondary P50=" + m.secondaryLatency().p50()
          + " primary P50=" + m.primaryLatency().p50());
      shadow.close();
    }
  }

  @Benchmark
  public QueryResult read() {
    return db.query("recommend", parameters.get(index++ & MASK));
  }
}
