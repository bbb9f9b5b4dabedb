package dev.graphshift.benchmarks.backfill;

import dev.graphshift.Node;
import dev.graphshift.Relationship;
import java.util.List;
import java.util.Map;

/**
 * The benchmark graph, generated record by record from its index, so that any record can be made again
 * at any time, on any thread, and equal to the one loaded into the source.
 *
 * <p>Node {@code i}: id {@code n<i>}, label {@code Person}, properties {@code name} (a string), {@code
 * born} and {@code rank} (longs) and {@code score} (a double). Relationship {@code i}: id {@code r<i>},
 * type {@code KNOWS}, between two nodes picked from {@code i} by a SplitMix64 hash, properties {@code
 * since} (a long) and {@code weight} (a double in [0, 1)). The graph grows in stages (the sizes the run
 * measures): a relationship's endpoints lie among the nodes of the first stage that holds it, so a
 * larger stage adds nodes and relationships without changing the smaller stage's records. The values
 * are those Neo4j gives back (integers as {@code Long}), so a record read from the source equals the
 * record generated here.
 */
final class Workload {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final List<Size> stages;
  private final long seed;

  /**
   * A stage's size: its nodes and relationships.
   */
  record Size(int nodes, int relationships) {
    Size {
      if (nodes < 2 || relationships < 0) {
        throw new IllegalArgumentException("a size needs at least 2 nodes and no negative count: "
            + nodes + ":" + relationships);
      }
    }

    long records() {
      return (long) nodes + relationships;
    }

    @Override
    public String toString() {
      return nodes + ":" + relationships;
    }
  }

  /**
   * A workload of these stages.
   *
   * @throws IllegalArgumentException if the stages do not grow in both counts
   */
  Workload(List<Size> stages, long seed) {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("at least one size is needed");
    }
    for (int k = 1; k < stages.size(); k++) {
      Size before = stages.get(k - 1);
      Size after = stages.get(k);
      if (after.nodes() < before.nodes() || after.relationships() < before.relationships()) {
        throw new IllegalArgumentException("sizes must grow: " + before + " then " + after);
      }
    }
    this.stages = List.copyOf(stages);
    this.seed = seed;
  }

  List<Size> stages() {
    return stages;
  }

  Node node(int i) {
    return Node.of("n" + i, "Person", Map.of("name", "person " + i, "born", 1900L + i % 120, "rank", (long) i,
        "score", i * 0.5));
  }

  Relationship relationship(int i) {
    int bound = nodesFor(i);
    long h1 = mix(seed + GOLDEN * (2L * i + 1));
    long h2 = mix(h1 ^ GOLDEN);
    int start = (int) Long.remainderUnsigned(h1, bound);
    int end = (int) Long.remainderUnsigned(h2, bound);
    return Relationship.of("r" + i, "KNOWS", "n" + start, "n" + end,
        Map.of("since", 2000L + Long.remainderUnsigned(h1 >>> 7, 25), "weight", (h2 >>> 11) * 0x1.0p-53));
  }

  /** The nodes among which relationship {@code i} picks its endpoints: those of its first stage. */
  private int nodesFor(int i) {
    for (Size s : stages) {
      if (i < s.relationships()) {
        return s.nodes();
      }
    }
    throw new IllegalArgumentException("relationship " + i + " is beyond the largest size");
  }

  /** SplitMix64's finalizer. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
