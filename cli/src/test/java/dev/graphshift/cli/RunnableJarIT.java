package dev.graphshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar ({@code cli/target/graphshift.jar}) starts, runs commands, and carries no embedded server. */
class RunnableJarIT extends WithServers {
  private static final Path JAR = Path.of(System.getProperty("graphshift.cli.jar", "target/graphshift.jar"));

  @TempDir
  Path dir;

  private record Exit(int code, String out) {}

  private Exit java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    boolean ended = p.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
      throw new AssertionError("the jar did not end within 120 s: " + command);
    }
    return new Exit(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void shouldStartAndPrintTheHelp() throws Exception {
    // when
    Exit help = java("--help");
    Exit version = java("--version");

    // then
    assertThat(help.code()).as(help.out()).isEqualTo(0);
    assertThat(help.out()).contains("Usage: graphshift").contains("copy").contains("Exit codes:");
    assertThat(version.code()).as(version.out()).isEqualTo(0);
    assertThat(version.out()).startsWith("graphshift ");
  }

  @Test
  void shouldReachNeo4jAndNeptuneFromTheJar() throws Exception {
    // given
    Files.writeString(dir.resolve("graphshift.yaml"), """
        targets:
          neo4j:
            database: neo4j
            uri: %s
        """.formatted(neo4j.boltUri()) + neptuneTarget("neptune"));

    // when
    Exit targets = java("targets");
    Exit usage = java("copy", "--from", "neo4j");

    // then
    assertThat(targets.code()).as(targets.out()).isEqualTo(0);
    assertThat(targets.out()).contains("neo4j").contains("neptune").doesNotContain("FAILED");
    assertThat(usage.code()).as(usage.out()).isEqualTo(2);
  }

  @Test
  void shouldCarryTheAdaptersButNoEmbeddedServer() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> names = jar.stream().map(e -> e.getName()).toList();
      assertThat(names).contains("dev/graphshift/cli/Cli.class", "dev/graphshift/neo4j/Neo4jGraphDatabase.class",
          "dev/graphshift/neptune/NeptuneGraphDatabase.class", "dev/graphshift/engram/EngramGraphDatabase.class");
      assertThat(names).noneMatch(n -> n.startsWith("org/neo4j/harness/") || n.startsWith("org/neo4j/kernel/")
          || n.startsWith("org/apache/tinkerpop/gremlin/server/") || n.startsWith("dev/graphshift/testing/"));
    }
  }
}
