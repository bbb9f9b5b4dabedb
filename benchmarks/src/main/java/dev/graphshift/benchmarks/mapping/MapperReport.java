package dev.graphshift.benchmarks.mapping;

import dev.graphshift.benchmarks.mapping.SchemaMapperBenchmark.Variant;
import dev.graphshift.benchmarks.mapping.SchemaMapperBenchmark.Workload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The figures of a {@link SchemaMapperBenchmark} run per record, and as ratios to the copy baseline of the
 * same workload in the same run.
 *
 * <p>Immutable.
 */
final class MapperReport {
  /** JMH's GC profiler's bytes allocated per operation, normalized. */
  static final String ALLOCATION = "gc.alloc.rate.norm";

  private MapperReport() {}

  /**
   * One benchmark of the run, per record.
   *
   * @param workload the batch
   * @param variant what was done with it
   * @param recordsPerSecond throughput, records per second (batches per second times the batch size)
   * @param recordsPerSecondError the 99.9% confidence half-interval of the throughput
   * @param bytesPerRecord allocation per record, or NaN without {@code -prof gc}
   * @param throughputRatio throughput over the baseline's, or NaN if the run has no baseline
   * @param allocationRatio allocation over the baseline's, or NaN
   */
  record Row(Workload workload, Variant variant, double recordsPerSecond, double recordsPerSecondError,
      double bytesPerRecord, double throughputRatio, double allocationRatio) {}

  static List<Row> rows(Collection<RunResult> results) {
    List<Row> raw = new ArrayList<>();
    for (RunResult r : results) {
      Workload w = Workload.valueOf(r.getParams().getParam("workload"));
      Variant v = Variant.valueOf(r.getParams().getParam("variant"));
      String batch = r.getParams().getParam("batch");
      int size = batch == null || batch.equals("0") ? w.size : Integer.parseInt(batch);
      Result<?> primary = r.getPrimaryResult();
      Result<?> alloc = r.getSecondaryResults().get(ALLOCATION);
      raw.add(new Row(w, v, primary.getScore() * size, primary.getScoreError() * size,
          alloc == null ? Double.NaN : alloc.getScore() / size, Double.NaN, Double.NaN));
    }
    List<Row> rows = new ArrayList<>();
    for (Row row : raw) {
      Optional<Row> base = raw.stream()
          .filter(b -> b.workload() == row.workload() && b.variant() == Variant.COPY_BASELINE).findFirst();
      rows.add(new Row(row.workload(), row.variant(), row.recordsPerSecond(), row.recordsPerSecondError(),
          row.bytesPerRecord(),
          base.map(b -> row.recordsPerSecond() / b.recordsPerSecond()).orElse(Double.NaN),
          base.map(b -> row.bytesPerRecord() / b.bytesPerRecord()).orElse(Double.NaN)));
    }
    rows.sort(Comparator.comparing(Row::workload).thenComparing(Row::variant));
    return rows;
  }

  static String markdown(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| workload | variant | records/s | ± (99.9%) | × baseline | B/record | alloc × baseline |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %.2f | %,.0f | %.2f |%n", r.workload(),
          r.variant(), r.recordsPerSecond(), r.recordsPerSecondError(), r.throughputRatio(), r.bytesPerRecord(),
          r.allocationRatio()));
    }
    return sb.toString();
  }
}
