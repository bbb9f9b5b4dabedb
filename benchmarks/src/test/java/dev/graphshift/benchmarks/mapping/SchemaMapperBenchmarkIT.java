package dev.graphshift.benchmarks.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.benchmarks.mapping.MapperReport.Row;
import dev.graphshift.benchmarks.mapping.SchemaMapperBenchmark.Variant;
import dev.graphshift.benchmarks.mapping.SchemaMapperBenchmark.Workload;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The smoke mode of {@link SchemaMapperBenchmark}, run on every {@code verify} so the benchmark cannot
 * rot: every variant and workload, batches of 500 records, one fork, one short warmup and one short
 * measurement. Its setup
 * fails the trial if a mapping rejects a record or loses one, so this also checks that the benchmark
 * measures correct work. The figures are not checked: they mean nothing at this length.
 */
class SchemaMapperBenchmarkIT {

  @Test
  void shouldRunEveryVariantOfEveryWorkloadAndReportRatiosToTheBaseline() throws RunnerException {
    // given
    Options smoke = new OptionsBuilder()
        .include(SchemaMapperBenchmark.class.getName())
        .param("batch", "500")
        .forks(1)
        .warmupIterations(1)
        .warmupTime(TimeValue.milliseconds(100))
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true)
        .build();

    // when
    Collection<RunResult> results = new Runner(smoke).run();
    List<Row> rows = MapperReport.rows(results);

    // then
    assertThat(rows).hasSize(Variant.values().length * Workload.values().length);
    assertThat(rows).allSatisfy(row -> {
      assertThat(row.recordsPerSecond()).isPositive();
      assertThat(row.bytesPerRecord()).isPositive();
      assertThat(row.throughputRatio()).isPositive().isFinite();
      assertThat(row.allocationRatio()).isPositive().isFinite();
    });
    assertThat(rows).filteredOn(row -> row.variant() == Variant.COPY_BASELINE)
        .allSatisfy(row -> assertThat(row.throughputRatio()).isEqualTo(1.0));
    assertThat(MapperReport.markdown(rows)).contains("| RELATIONSHIPS | ENGRAM |", "| PROPERTY_NODES | NEPTUNE |");
  }
}
