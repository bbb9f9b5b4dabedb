package dev.graphshift.benchmarks.backfill;

import java.util.Locale;

/**
 * The results as Markdown tables, as {@code docs/benchmarks/backfill.md} shows them.
 *
 * <p>Immutable.
 */
final class Report {
  private Report() {}

  static String markdown(Results.Run run) {
    StringBuilder s = new StringBuilder();
    s.append(f("JDK %s (%s), %d cores, -Xmx %d MiB, GC %s; batch %d, parallelism %d%n%n", run.jdk(), run.vm(),
        run.cores(), run.maxHeapMiB(), run.gc(), run.batch(), run.parallelism()));
    s.append("| size | target | read /s | write /s | backfill /s | backfill / slower | nodes: backfill / slower "
        + "| relationships: backfill / slower | backfill nodes /s | vs 16 667 nodes/s | 10 M nodes (min) |\n");
    s.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Results.Size size : run.sizes()) {
      for (Results.Target t : size.targets()) {
        s.append(f("| %,d + %,d | %s | %,.0f | %,.0f | %,.0f | **%.2f** (%s slower) | %.2f | %.2f | %,.0f | %.2f× | %.1f |%n",
            size.nodes(), size.relationships(), t.target(), t.read().recordsPerSecond(),
            t.write().recordsPerSecond(), t.backfill().recordsPerSecond(), t.backfillToSlower(), t.slower(),
            t.nodesBackfillToSlower(), t.relationshipsBackfillToSlower(), t.backfill().nodesPerSecond(),
            t.versusCited(), t.minutesFor10MillionNodes()));
      }
    }
    s.append("\nPer phase (rates per kind; batch times of full batches: last / first, last / second, last tenth / "
        + "first tenth medians; heap in MiB):\n\n");
    s.append("| size | target | phase | nodes /s | rels /s | CPU-µs /record | node batches last/first, /second, tenths "
        + "| rel batches last/first, /second, tenths | heap base | peak | peak after GC | left behind | working | load |\n");
    s.append("|---|---|---|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Results.Size size : run.sizes()) {
      for (Results.Target t : size.targets()) {
        for (Results.Phase p : new Results.Phase[] {t.read(), t.write(), t.backfill()}) {
          HeapProbe.Figures h = p.heap();
          s.append(f("| %,d + %,d | %s | %s | %,.0f | %,.0f | %.1f | %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f |%n",
              size.nodes(), size.relationships(), t.target(), p.phase(), p.nodesPerSecond(),
              p.relationshipsPerSecond(), p.cpuMicrosPerRecord(), batches(p.nodeBatches()), batches(p.relationshipBatches()), h.baseMiB(),
              h.peakUsedMiB(), h.peakAfterGcMiB(), h.retainedMiB(), h.workingMiB(), p.loadAverage()));
        }
      }
    }
    s.append("\nBackfill pipeline (medians of full batches, ms; shares of the partitions' time):\n\n");
    s.append("| size | target | kind | read | wait | write | batch | wait share | write share |\n");
    s.append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Results.Size size : run.sizes()) {
      for (Results.Target t : size.targets()) {
        Results.Pipeline pipeline = t.backfill().pipeline().orElseThrow();
        parts(s, size, t, "nodes", pipeline.nodes());
        parts(s, size, t, "relationships", pipeline.relationships());
      }
    }
    return s.toString();
  }

  private static void parts(StringBuilder s, Results.Size size, Results.Target t, String kind, Results.Parts p) {
    s.append(f("| %,d + %,d | %s | %s | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f |%n", size.nodes(),
        size.relationships(), t.target(), kind, p.readMedianMillis(), p.waitMedianMillis(), p.writeMedianMillis(),
        p.batchMedianMillis(), p.waitShare(), p.writeShare()));
  }

  private static String batches(BatchTimes.Summary b) {
    return f("%.2f, %.2f, %.2f (%d)", b.lastToFirst(), b.lastToSecond(), b.lastTenthToFirstTenth(), b.fullBatches());
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
