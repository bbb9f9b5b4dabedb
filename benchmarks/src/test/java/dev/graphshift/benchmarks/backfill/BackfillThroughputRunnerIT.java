package dev.graphshift.benchmarks.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke run of {@link BackfillThroughputRunner}, on every {@code verify}, so that the runner cannot
 * rot: two tiny graphs, both targets, every phase. It checks that the runner did the work it reports
 * (every phase left the target with the source's counts, the ratios and figures were computed, the JSON
 * file was written), never how fast: timings mean nothing at this size.
 */
class BackfillThroughputRunnerIT {

  @Test
  void shouldRunEveryPhaseAgainstBothTargetsAtTwoSizesAndReportTheRatios(@TempDir Path dir) throws Exception {
    // given
    Path out = dir.resolve("backfill.json");
    List<String> args = List.of("--sizes", "1500:4000,3000:8000", "--batch", "500", "--parallelism", "2",
        "--targets", "memory,gremlin", "--page-cache-mib", "64", "--out", out.toString());

    // when
    Results.Run run = BackfillThroughputRunner.run(BackfillThroughputRunner.Options.parse(args.toArray(String[]::new)),
        args);

    // then
    assertThat(run.sizes()).extracting(Results.Size::nodes).containsExactly(1500, 3000);
    assertThat(run.batch()).isEqualTo(500);
    assertThat(run.cores()).isPositive();
    for (Results.Size size : run.sizes()) {
      assertThat(size.targets()).extracting(Results.Target::target).containsExactly("memory", "gremlin");
      for (Results.Target target : size.targets()) {
        for (Results.Phase phase : List.of(target.read(), target.write(), target.backfill())) {
          assertThat(phase.targetNodes()).as("%s %s nodes", target.target(), phase.phase()).isEqualTo(size.nodes());
          assertThat(phase.targetRelationships()).as("%s %s relationships", target.target(), phase.phase())
              .isEqualTo(size.relationships());
          assertThat(phase.recordsPerSecond()).isPositive().isFinite();
          assertThat(phase.nodesPerSecond()).isPositive().isFinite();
          assertThat(phase.relationshipsPerSecond()).isPositive().isFinite();
          assertThat(phase.cpuMicrosPerRecord()).isPositive();
          assertThat(phase.nodeBatches().fullBatches()).isPositive();
          assertThat(phase.relationshipBatches().fullBatches()).isPositive();
          assertThat(phase.nodeBatches().lastToFirst()).isPositive().isFinite();
          assertThat(phase.relationshipBatches().lastTenthToFirstTenth()).isPositive().isFinite();
          assertThat(phase.heap().peakUsedMiB()).isPositive();
          assertThat(phase.heap().baseMiB()).isPositive();
        }
        assertThat(target.backfill().pipeline()).hasValueSatisfying(p -> {
          assertThat(p.nodes().writeMedianMillis()).isPositive();
          assertThat(p.relationships().batchMedianMillis()).isPositive();
        });
        assertThat(target.write().input()).isPresent();
        assertThat(target.backfillToSlower()).isPositive().isFinite();
        assertThat(target.nodesBackfillToSlower()).isPositive().isFinite();
        assertThat(target.relationshipsBackfillToSlower()).isPositive().isFinite();
        assertThat(target.slower()).isIn("read", "write");
        assertThat(target.versusCited()).isPositive().isFinite();
        assertThat(target.minutesFor10MillionNodes()).isPositive().isFinite();
      }
    }
    String json = Files.readString(out);
    assertThat(json).contains("\"backfillToSlower\"", "\"lastToFirst\"", "\"workingMiB\"", "\"gremlin\"");
    assertThat(Report.markdown(run)).contains("| 3,000 + 8,000 | gremlin |");
  }
}
