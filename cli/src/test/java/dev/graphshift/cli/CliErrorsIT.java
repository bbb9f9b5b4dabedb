package dev.graphshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.testing.engram.EngramStandIn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes and messages that say what to fix: usage errors, a wrong targets file, an unknown target, an
 * unreachable database, refused credentials; and the {@code targets} command that checks them.
 */
class CliErrorsIT extends WithServers {
  private static final String SECRET = "pa55-From-The-Environment-7788";

  @TempDir
  Path dir;

  private Cli cli() {
    return Cli.builder().workingDirectory(dir).build();
  }

  private Cli cli(Map<String, String> env) {
    return Cli.builder().workingDirectory(dir).environment(name -> Optional.ofNullable(env.get(name))).build();
  }

  @Test
  void shouldPrintHelpWithTheCommandsAndTheExitCodes() {
    // when
    CliRun.Result help = CliRun.run(cli(), "--help");
    CliRun.Result copyHelp = CliRun.run(cli(), "copy", "--help");

    // then
    assertThat(help.code()).isEqualTo(0);
    assertThat(help.out()).contains("copy", "migrations", "validate", "targets", "--config", "Exit codes:")
        .contains("${VAR} and ${VAR:-default}")
        .contains("configuration error").contains("a database is unreachable");
    assertThat(copyHelp.code()).isEqualTo(0);
    assertThat(copyHelp.out()).contains("--from", "--to", "--node", "--relationship", "--json", "--batch-size", "--rate",
        "--parallelism", "--checkpoint", "--resume", "Exit codes:");
  }

  @Test
  void shouldExitTwoOnUsageErrorsAndPointToHelp() {
    // when
    CliRun.Result unknownFlag = CliRun.run(cli(), "copy", "--from", "a", "--to", "b", "--nodes", "X");
    CliRun.Result missing = CliRun.run(cli(), "copy", "--from", "a");
    CliRun.Result noCommand = CliRun.run(cli());
    CliRun.Result unknownCommand = CliRun.run(cli(), "cpy");

    // then
    assertThat(unknownFlag.code()).isEqualTo(2);
    assertThat(unknownFlag.err()).contains("--nodes").contains("graphshift copy --help");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("--to");
    assertThat(noCommand.code()).isEqualTo(2);
    assertThat(noCommand.err()).contains("name a command");
    assertThat(unknownCommand.code()).isEqualTo(2);
    assertThat(unknownCommand.err()).contains("cpy");
  }

  @Test
  void shouldExitThreeWhenTheTargetsFileIsMissing() {
    // when
    CliRun.Result r = CliRun.run(cli(), "targets");

    // then
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("no targets file at " + dir.resolve("graphshift.yaml")).contains("--config FILE");
  }

  @Test
  void shouldNameTheUnknownTargetAndListTheDefinedOnes() {
    // given
    CliRun.targetsFile(dir, """
        targets:
          source:
            database: memory
          neptune:
            database: memory
        """);

    // when
    CliRun.Result r = CliRun.run(cli(), "copy", "--from", "source", "--to", "neptun", "--json");

    // then
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("unknown target 'neptun' (--to)").contains("defines the targets neptune, source");
    JsonNode error = r.events("error").get(0);
    assertThat(error.get("exitCode").asInt()).isEqualTo(3);
    assertThat(error.get("message").asText()).contains("neptun");
  }

  @Test
  void shouldNameTheUnknownKeyWithItsPathAndTheAllowedKeys() {
    // given: a misspelt key in a target no command uses
    CliRun.targetsFile(dir, """
        targets:
          source:
            database: memory
          other:
            database: neo4j
            uri: neo4j://localhost:7687
            passwrod: x
        """);

    // when
    CliRun.Result r = CliRun.run(cli(), "targets", "--no-check");

    // then
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("targets.other.passwrod: unknown key").contains("password").contains("uri");
  }

  @Test
  void shouldNameTheUnsetVariableAndItsPath() {
    // given
    CliRun.targetsFile(dir, """
        targets:
          secured:
            database: neo4j
            uri: %s
            username: neo4j
            password: ${NEO4J_PASSWORD}
        """.formatted(neo4j.boltUri()));

    // when
    CliRun.Result r = CliRun.run(cli(Map.of()), "targets");

    // then
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("targets.secured.password: the environment variable NEO4J_PASSWORD is not set");
  }

  @Test
  void shouldNameTheTargetAndAddressOfAnUnreachableNeo4j() throws Exception {
    // given
    int port = freePort();
    CliRun.targetsFile(dir, "targets:\n" + unreachableNeo4jTarget("down", port) + "  up:\n    database: memory\n");

    // when
    CliRun.Result r = CliRun.run(cli(Map.of("NEO4J_PASSWORD", SECRET)), "copy", "--from", "down", "--to", "up");

    // then
    assertThat(r.code()).as(r.toString()).isEqualTo(4);
    assertThat(r.err()).contains("cannot reach target 'down' (neo4j at bolt://127.0.0.1:" + port + ")")
        .contains("fix: check that the database runs");
    assertThat(r.all()).doesNotContain(SECRET);
  }

  @Test
  void shouldNameTheTargetWhoseCredentialsAreRefusedAndNeverShowThePassword() {
    // given: a server that asks for credentials, and a password from the environment it refuses
    try (EmbeddedNeo4j secured = EmbeddedNeo4j.builder().authEnabled(true).start()) {
      CliRun.targetsFile(dir, """
          targets:
            secured:
              database: neo4j
              uri: %s
              username: neo4j
              password: ${NEO4J_PASSWORD}
              max_retry_time: 0s
            scratch:
              database: memory
          """.formatted(secured.boltUri()));

      // when: with --verbose, so that stack traces are printed too
      CliRun.Result r = CliRun.run(cli(Map.of("NEO4J_PASSWORD", SECRET)), "copy", "--from", "secured", "--to", "scratch",
          "--verbose");

      // then
      assertThat(r.code()).as(r.toString()).isEqualTo(4);
      assertThat(r.err()).contains("target 'secured' (neo4j at " + secured.boltUri() + ") refused the credentials")
          .contains("check the username and password of targets.secured");
      assertThat(r.all()).doesNotContain(SECRET);
    }
  }

  @Test
  void shouldNameTheTargetAndAddressOfAnUnreachableNeptune() throws Exception {
    // given
    int port = freePort();
    CliRun.targetsFile(dir, """
        targets:
          neptune:
            database: neptune
            mode: database
            host: 127.0.0.1
            port: %d
            tls: false
            retry_attempts: 1
        """.formatted(port));

    // when
    CliRun.Result r = CliRun.run(cli(), "targets");

    // then
    assertThat(r.code()).as(r.toString()).isEqualTo(4);
    assertThat(r.err()).contains("cannot reach target 'neptune' (neptune at ws://127.0.0.1:" + port + ")");
  }

  @Test
  void shouldReportAHostNameThatDoesNotResolveAsUnreachable() {
    // given: .invalid never resolves (RFC 2606)
    CliRun.targetsFile(dir, "targets:\n  t:\n    database: neptune\n    mode: database\n    host: cluster.invalid\n");

    // when
    CliRun.Result r = CliRun.run(cli(), "targets", "--json");

    // then
    assertThat(r.code()).as(r.toString()).isEqualTo(4);
    assertThat(r.err()).contains("cannot reach target 't' (neptune at wss://cluster.invalid:8182)")
        .contains("cannot resolve the host name 'cluster.invalid'");
    assertThat(r.events("target").get(0).get("address").asText()).isEqualTo("wss://cluster.invalid:8182");
  }

  @Test
  void shouldNameTheApiKeyWhenEngramRefusesIt() {
    // given: a stand-in that wants another key
    try (EngramStandIn engram = EngramStandIn.builder().apiKey("engram_key_ops_rightSecret").build().start()) {
      CliRun.targetsFile(dir, """
          targets:
            engram:
              database: engram
              url: %s
              api_key: ${ENGRAM_API_KEY}
              retry_attempts: 1
          """.formatted(engram.baseUri()));

      // when
      CliRun.Result r = CliRun.run(cli(Map.of("ENGRAM_API_KEY", "engram_key_ops_wrongSecret")), "targets", "--json");

      // then
      assertThat(r.code()).as(r.toString()).isEqualTo(4);
      assertThat(r.err()).contains("target 'engram'").contains("refused the credentials").contains("api_key");
      JsonNode line = r.events("target").get(0);
      assertThat(line.get("ok").asBoolean()).isFalse();
      assertThat(line.get("exitCode").asInt()).isEqualTo(4);
      assertThat(r.all()).doesNotContain("wrongSecret");
    }
  }

  @Test
  void shouldCheckEveryTargetAndReportTheWorstFailure() throws Exception {
    // given: three reachable targets and one that is not
    int port = freePort();
    CliRun.targetsFile(dir, """
        targets:
          neo4j:
            database: neo4j
            uri: %s
          scratch:
            database: memory
        """.formatted(neo4j.boltUri()) + neptuneTarget("neptune") + unreachableNeo4jTarget("down", port));

    // when
    CliRun.Result r = CliRun.run(cli(), "targets");
    CliRun.Result listed = CliRun.run(cli(), "targets", "--no-check", "--json");

    // then
    assertThat(r.code()).as(r.toString()).isEqualTo(4);
    List<String> lines = r.out().lines().toList();
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("neo4j").contains(neo4j.boltUri().toString()).endsWith("ok"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("neptune").contains("ws://" + gremlin.host()).endsWith("ok"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("scratch").contains("in memory").endsWith("ok"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("down").contains("bolt://127.0.0.1:" + port)
        .contains("FAILED (exit code 4)"));
    assertThat(r.err()).contains("cannot reach target 'down'");
    assertThat(listed.code()).as(listed.toString()).isEqualTo(0);
    assertThat(listed.events("target")).hasSize(4).allSatisfy(t -> assertThat(t.get("checked").asBoolean()).isFalse());
  }

  @Test
  void shouldAcceptTheGlobalOptionsBeforeAndAfterTheCommand() {
    // given: a targets file elsewhere than the working directory
    Path file = CliRun.targetsFile(dir, """
        targets:
          scratch:
            database: memory
        """);
    Cli elsewhere = Cli.builder().workingDirectory(dir.resolve("..")).build();

    // when
    CliRun.Result before = CliRun.run(elsewhere, "--config", file.toString(), "targets");
    CliRun.Result after = CliRun.run(elsewhere, "targets", "--config", file.toString());

    // then
    assertThat(before.code()).as(before.toString()).isEqualTo(0);
    assertThat(after.code()).as(after.toString()).isEqualTo(0);
    assertThat(after.out()).contains("scratch");
  }
}
