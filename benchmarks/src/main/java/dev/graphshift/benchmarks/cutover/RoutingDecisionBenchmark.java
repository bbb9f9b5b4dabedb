package dev.graphshift.benchmarks.cutover;

import dev.graphshift.cutover.GradualCutoverRouter;
import dev.graphshift.cutover.RoutingHash;
import dev.graphshift.cutover.Side;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * The cost of one routing decision of the {@link GradualCutoverRouter}: which side a read with a given
 * key goes to.
 *
 * <p><b>Workload.</b> 4 096 distinct keys {@code user-<n>} (6 to 9 characters), built in setup and
 * visited round-robin by a per-thread index; share 10% (1 000 basis points), so both sides are chosen.
 *
 * <ul>
 *   <li>{@code BASELINE}: {@code floorMod(key.hashCode(), 10 000) < share}, with the string's hash
 *       cached: the cheapest sticky decision Java offers (not stable across releases of our own
 *       choosing, so not usable, but the floor).
 *   <li>{@code HASH}: {@link RoutingHash#bucket(CharSequence)} alone (salted murmur3 over the UTF-8 bytes).
 *   <li>{@code ROUTE}: {@link GradualCutoverRouter#route(CharSequence)}: one volatile read of the routing
 *       state, the hash, the comparison. This is the figure the issue bounds (at most 200 ns).
 * </ul>
 *
 * Run with the allocation profiler to check the decision allocates nothing:
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests -DskipITs -Pbench -Dbench.class=org.openjdk.jmh.Main \
 *     -Dbench.args="RoutingDecisionBenchmark -prof gc"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoutingDecisionBenchmark {
  private static final int MASK = 4_095;
  private static final int SHARE = 1_000;

  /** What decides. */
  public enum Variant {
    BASELINE,
    HASH,
    ROUTE
  }

  @Param
  Variant variant;

  private final String[] keys = new String[MASK + 1];
  private int index;
  private RoutingHash hash;
  private GradualCutoverRouter router;

  @Setup
  public void setUp() {
    for (int i = 0; i < keys.length; i++) {
      keys[i] = "user-" + i;
      keys[i].hashCode();
    }
    hash = RoutingHash.salted(GradualCutoverRouter.DEFAULT_SALT);
    router = GradualCutoverRouter.builder(InMemoryGraphDatabase.named("primary"), InMemoryGraphDatabase.named("secondary"))
        .initialShare(SHARE)
        .tickInterval(Duration.ZERO)
        .build();
  }

  @TearDown
  public void tearDown() {
    router.close();
  }

  @Benchmark
  public boolean decide() {
    String key = keys[index++ & MASK];
    switch (variant) {
      case BASELINE:
        return Math.floorMod(key.hashCode(), RoutingHash.BUCKETS) < SHARE;
      case HASH:
        return hash.bucket(key) < SHARE;
      default:
        return router.route(key) == Side.SECONDARY;
    }
  }
}
