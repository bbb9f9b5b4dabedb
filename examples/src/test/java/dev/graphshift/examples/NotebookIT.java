package dev.graphshift.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code examples/notebook.jsh} top to bottom in the JDK's {@code jshell} tool, as a child process on
 * the module's classpath, exactly as docs/walkthrough.md tells a user to: it must finish, print every step
 * and every check, and report no exception.
 */
class NotebookIT {

  @Test
  void shouldRunTheNotebookTopToBottomWhenStartedInJshellOnTheModuleClasspath() throws IOException,
      InterruptedException {
    // given
    Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
    Path notebook = Path.of(System.getProperty("user.dir"), "notebook.jsh");
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path output = Files.createTempFile("notebook", ".out");
    Process process = new ProcessBuilder(List.of(jshell.toString(),
        "-R-Xmx512m", "-R-Dio.netty.transport.noNative=true",
        "-R-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider",
        "-R-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "--class-path", classpath, notebook.toString()))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();

    // when
    boolean finished = process.waitFor(240, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    System.out.println(printed);

    // then
    assertThat(finished).as("jshell finished within 240 s").isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(printed)
        .contains("== 1. open the databases", "== 4. dual write", "== 5. backfill", "== 6. validate",
            "== 7. shadow reads", "== 8. gradual cutover", "NOTEBOOK COMPLETE")
        .contains("ok: the target caught up with the dual writes", "ok: the backfill's counts reconcile",
            "ok: the deleted p2 was not brought back", "ok: counts and the full diff pass",
            "ok: every shadow read matched", "ok: every read is on the target")
        .contains("share 100.0 %:   0 reads from Neo4j, 200 from the target")
        .doesNotContain("Exception", "|  Error:", "notebook check failed");
  }
}
