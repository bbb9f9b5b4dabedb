package dev.graphshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphshift.testing.engram.EngramStandIn;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graphshift migrations run} and {@code show}: targets without schema (Neptune, Engram, memory) get
 * the reported no-op; the source defaults to the only Neo4j target.
 */
class MigrationsCommandIT extends WithServers {
  private static EngramStandIn engram;

  @TempDir
  Path dir;

  private Cli cli;

  @BeforeAll
  static void startEngram() {
    engram = EngramStandIn.builder().build().start();
  }

  @AfterAll
  static void stop() {
    engram.close();
  }

  @BeforeEach
  void targets() {
    CliRun.targetsFile(dir, """
        targets:
          source:
            database: neo4j
            uri: %s
            key_label: Entity
        """.formatted(neo4j.boltUri()) + neptuneTarget("neptune") + """
          engram:
            database: engram
            url: %s
          scratch:
            database: memory
        """.formatted(engram.baseUri()));
    cli = Cli.builder().workingDirectory(dir).build();
  }

  @Test
  void shouldReportANoOpForEachTargetWithoutSchema() {
    // when
    CliRun.Result r = CliRun.run(cli, "migrations", "run", "--from", "source", "--target", "neptune", "--target", "engram");

    // then
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains("migrations source -> neptune: NOT_SUPPORTED")
        .contains("the target 'neptune' has no schema (constraints or indexes): nothing to do")
        .contains("migrations source -> engram: NOT_SUPPORTED");
  }

  @Test
  void shouldTakeTheOnlyNeo4jTargetAsTheSourceOfAllTargets() {
    // when
    CliRun.Result r = CliRun.run(cli, "migrations", "run", "--all-targets", "--json");

    // then
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    List<JsonNode> lines = r.events("migrations");
    assertThat(lines).extracting(n -> n.get("target").asText()).containsExactly("neptune", "engram", "scratch");
    assertThat(lines).allSatisfy(n -> {
      assertThat(n.get("source").asText()).isEqualTo("source");
      assertThat(n.get("status").asText()).isEqualTo("NOT_SUPPORTED");
    });
  }

  @Test
  void shouldShowThePlanWithoutChangingAnything() {
    // when
    CliRun.Result r = CliRun.run(cli, "migrations", "show");

    // then
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains("migrations source -> neptune: NOT_SUPPORTED").contains("source -> scratch");
  }

  @Test
  void shouldExitTwoWithoutAChoiceOfTargetsOrWithBoth() {
    // when
    CliRun.Result none = CliRun.run(cli, "migrations", "run");
    CliRun.Result both = CliRun.run(cli, "migrations", "run", "--all-targets", "--target", "neptune");
    CliRun.Result sourceToo = CliRun.run(cli, "migrations", "run", "--from", "source", "--target", "source");
    CliRun.Result noSubcommand = CliRun.run(cli, "migrations");

    // then
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("--target TARGET").contains("--all-targets");
    assertThat(both.code()).isEqualTo(2);
    assertThat(sourceToo.code()).isEqualTo(2);
    assertThat(noSubcommand.code()).isEqualTo(2);
    assertThat(noSubcommand.err()).contains("run or show");
  }

  @Test
  void shouldNameAnUnknownTargetToMigrate() {
    // when
    CliRun.Result r = CliRun.run(cli, "migrations", "run", "--target", "neptun");

    // then
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("unknown target 'neptun' (--target)");
  }
}
