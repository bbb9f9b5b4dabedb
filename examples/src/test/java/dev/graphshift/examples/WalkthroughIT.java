package dev.graphshift.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.runbook.MigrationPhase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the walk-through end to end at a small size, on the real embedded servers, for both targets: every
 * phase entered through its gates, zero workload errors, zero lost writes, and the report of every phase.
 */
class WalkthroughIT {

  private static final List<MigrationPhase> ALL_PHASES = List.of(MigrationPhase.DUAL_WRITE, MigrationPhase.BACKFILL,
      MigrationPhase.VALIDATE, MigrationPhase.SHADOW_READ, MigrationPhase.CUTOVER, MigrationPhase.DECOMMISSION,
      MigrationPhase.COMPLETE);

  private static WalkthroughOptions small(WalkthroughOptions.Target target) {
    return WalkthroughOptions.defaults().withTarget(target).withSize(150, 75)
        .withPace(Duration.ofMillis(1_500), Duration.ofMillis(1_500), 200);
  }

  private static String run(WalkthroughOptions options, Walkthrough.Result[] result) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result[0] = Walkthrough.run(options, out);
    }
    String report = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(report);
    return report;
  }

  @Test
  void shouldMigrateToNeptuneWithoutErrorsOrLostWritesWhenTheWorkloadRunsThroughout() {
    // given
    Walkthrough.Result[] result = new Walkthrough.Result[1];

    // when
    String report = run(small(WalkthroughOptions.Target.NEPTUNE), result);

    // then
    assertThat(result[0].checks()).allSatisfy(c -> assertThat(c.passed()).as(c.name() + ": " + c.detail()).isTrue());
    assertThat(result[0].passed()).isTrue();
    assertThat(result[0].phases()).containsExactlyElementsOf(ALL_PHASES);
    assertThat(result[0].workloadErrors()).isZero();
    assertThat(result[0].lostWrites()).isZero();
    assertThat(result[0].workloadWrites()).isPositive();
    assertThat(result[0].workloadReads()).isPositive();
    assertThat(report)
        .contains("== DUAL_WRITE ==", "== BACKFILL ==", "== VALIDATE ==", "== SHADOW_READ ==", "== CUTOVER ==",
            "== DECOMMISSION ==", "== COMPLETE ==", "== VERDICT ==")
        .contains("dead-letter queue depth", "match rate", "latency  Neo4j  P50", "latency  target P50",
            "share   1.0 %", "share  10.0 %", "share  50.0 %", "share 100.0 %", "validate full", "PASSED")
        .doesNotContain("[FAIL]");
  }

  @Test
  void shouldMigrateToEngramAndReportTheRelationshipsItCannotHoldWhenTheWorkloadRunsThroughout() {
    // given
    Walkthrough.Result[] result = new Walkthrough.Result[1];

    // when
    String report = run(small(WalkthroughOptions.Target.ENGRAM), result);

    // then
    assertThat(result[0].checks()).allSatisfy(c -> assertThat(c.passed()).as(c.name() + ": " + c.detail()).isTrue());
    assertThat(result[0].phases()).containsExactlyElementsOf(ALL_PHASES);
    assertThat(result[0].workloadErrors()).isZero();
    assertThat(result[0].lostWrites()).isZero();
    assertThat(report)
        .contains("rejected by the secondary/unsupported-capability", "Engram cannot store relationships")
        .contains("edge_counts", "not applicable")
        .contains("share 100.0 %", "PASSED")
        .doesNotContain("[FAIL]");
  }
}
