package dev.graphshift.benchmarks.engram;

import dev.graphshift.Node;
import dev.graphshift.WriteResult;
import dev.graphshift.engram.EngramGraphDatabase;
import dev.graphshift.engram.SpacePartition;
import dev.graphshift.engram.Verification;
import dev.graphshift.testing.engram.EngramStandIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Remember throughput of the Engram adapter: the concurrent in-flight window against sequential requests
 * (the baseline, {@code inFlight(1)}), to the same Engram stand-in in the same run.
 *
 * <p><b>Workload.</b> Each round writes {@code engram.nodes} nodes (default 2 000) with one {@code
 * upsertNodes} call of the adapter as configured by default except that read-after-write verification is
 * off: every node a {@code Doc} with a title, a number and its own random 768-d embedding, so no write is
 * a duplicate; each round writes to a fresh memory space (or, in the per-label scenario, to 8 fresh
 * spaces), so every round does the same server work (Engram compares each write with every memory of its
 * space). Rounds of all variants alternate; one warm-up round per variant is discarded; the median of
 * {@code engram.rounds} measured rounds (default 5) is reported, as nodes per second and as a ratio to
 * the sequential baseline of the same scenario. Scenarios: one space; one space with 1 ms of added
 * latency per request (a network round trip); 8 spaces (one per label), which Engram serves in parallel.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am package -DskipTests -DskipITs -Pbench
 * -Dbench.class=dev.graphshift.benchmarks.engram.EngramRememberRunner} (options through {@code
 * -Dbench.jvmArgs="-Dengram.nodes=2000 -Dengram.rounds=5"}).
 *
 * <p>Not thread-safe; confine to one thread.
 */
public final class EngramRememberRunner {
  private EngramRememberRunner() {}

  /** The variants, the baseline first. */
  enum Variant {
    SEQUENTIAL(1),
    WINDOW_8(8),
    WINDOW_32(32),
    WINDOW_64(64);

    final int inFlight;

    Variant(int inFlight) {
      this.inFlight = inFlight;
    }
  }

  /** The scenarios. */
  enum Scenario {
    ONE_SPACE(Duration.ZERO, false),
    ONE_SPACE_1MS_LATENCY(Duration.ofMillis(1), false),
    EIGHT_SPACES(Duration.ZERO, true);

    final Duration latency;
    final boolean perLabel;

    Scenario(Duration latency, boolean perLabel) {
      this.latency = latency;
      this.perLabel = perLabel;
    }
  }

  public static void main(String[] args) {
    int nodes = Integer.getInteger("engram.nodes", 2_000);
    int rounds = Integer.getInteger("engram.rounds", 5);
    System.out.printf(Locale.ROOT, "Engram remember throughput: %d nodes per round, %d measured rounds, JDK %s, %d "
        + "cores%n", nodes, rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
    System.out.println("| scenario | variant | in flight | nodes/s (median) | min..max | ratio to sequential |");
    System.out.println("|---|---|---|---|---|---|");
    try (EngramStandIn engram = EngramStandIn.builder().threads(16).build().start()) {
      int space = 0;
      for (Scenario scenario : Scenario.values()) {
        engram.latency(scenario.latency);
        Map<Variant, List<Double>> rates = new EnumMap<>(Variant.class);
        for (int round = -1; round < rounds; round++) {
          for (Variant variant : Variant.values()) {
            double rate = round(engram, scenario, variant, nodes, "bench" + (space++));
            if (round >= 0) {
              rates.computeIfAbsent(variant, v -> new ArrayList<>()).add(rate);
            }
          }
        }
        double baseline = median(rates.get(Variant.SEQUENTIAL));
        for (Variant variant : Variant.values()) {
          List<Double> r = rates.get(variant);
          System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f..%.0f | %.2f |%n", scenario, variant,
              variant.inFlight, median(r), r.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
              r.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), median(r) / baseline);
        }
      }
    }
  }

  private static double round(EngramStandIn engram, Scenario scenario, Variant variant, int count, String space) {
    EngramGraphDatabase.Builder builder = EngramGraphDatabase.builder("bench", engram.baseUri())
        .inFlight(variant.inFlight)
        .verification(Verification.none());
    builder = scenario.perLabel ? builder.partition(SpacePartition.perLabel(space)) : builder.space(space);
    List<Node> batch = nodes(count, space.hashCode(), scenario.perLabel);
    try (EngramGraphDatabase db = builder.build()) {
      long start = System.nanoTime();
      WriteResult result = db.upsertNodes(batch);
      long elapsed = System.nanoTime() - start;
      if (result.written() != count) {
        throw new IllegalStateException("a round wrote " + result.written() + " of " + count + ": "
            + result.rejected().stream().limit(3).toList());
      }
      return count / (elapsed / 1e9);
    }
  }

  private static List<Node> nodes(int count, long seed, boolean eightLabels) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Node> nodes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      float[] embedding = new float[768];
      for (int k = 0; k < embedding.length; k++) {
        embedding[k] = (float) (random.nextDouble() * 2 - 1);
      }
      String label = eightLabels ? "doc" + (i % 8) : "Doc";
      nodes.add(new Node("doc-" + i, Set.of(label), Map.of("title", "Document number " + i, "n", (long) i,
          "embedding", embedding)));
    }
    return nodes;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
