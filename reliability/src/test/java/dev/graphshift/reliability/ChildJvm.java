package dev.graphshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM running one of the suite's {@code main} classes on the test classpath, for the scenarios
 * that kill a process for real: its standard output is read line by line (the child reports progress
 * there), its standard error goes to a file, and {@link #kill()} sends SIGKILL through the process
 * handle. The child reaches the servers of the test JVM over TCP.
 *
 * <p>Not thread-safe; confine to one thread.
 */
final class ChildJvm implements AutoCloseable {
  private static final long EXIT_TIMEOUT_SECONDS = 120;

  private final Process process;
  private final BufferedReader out;
  private final Path err;
  private final List<String> lines = new ArrayList<>();

  private ChildJvm(Process process, Path err) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.err = err;
  }

  /**
   * Starts {@code main} with these JVM options and arguments; standard error goes to {@code err}.
   * SLF4J logs through slf4j-simple at WARN unless the options say otherwise.
   */
  static ChildJvm start(Class<?> main, List<String> jvmOptions, List<String> args, Path err) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Dio.netty.transport.noNative=true");
    command.add("-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider");
    if (jvmOptions.stream().noneMatch(o -> o.startsWith("-Dorg.slf4j.simpleLogger.defaultLogLevel="))) {
      command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    }
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    try {
      return new ChildJvm(new ProcessBuilder(command).redirectError(err.toFile()).start(), err);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a child JVM for " + main.getName(), e);
    }
  }

  /**
   * Reads output lines until one matches, and returns it.
   *
   * @throws AssertionError if the output ends first (the child exited or died)
   */
  String awaitLine(Predicate<String> wanted) {
    try {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (wanted.test(line)) {
          return line;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the child's output", e);
    }
    throw new AssertionError("the child's output ended before the expected line; exit "
        + exitValueIfExited() + "; last lines " + tail() + "; stderr: " + stderr());
  }

  /** Kills the child with SIGKILL and waits until it is gone; its output stays readable to the end. */
  void kill() {
    process.toHandle().destroyForcibly();
    waitFor();
  }

  /** Reads the rest of the output and waits for the child to exit; returns its exit value. */
  int awaitExit() {
    drain();
    return waitFor();
  }

  /** Reads the rest of the output (after a kill: what the child printed before it died). */
  List<String> drain() {
    try {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the child's output", e);
    }
    return lines;
  }

  /** Every output line read so far. */
  List<String> lines() {
    return lines;
  }

  /** The child's standard error, for failure messages. */
  String stderr() {
    try {
      return Files.exists(err) ? Files.readString(err) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private int waitFor() {
    try {
      assertThat(process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the child exited").isTrue();
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the child", e);
    }
  }

  private String exitValueIfExited() {
    return process.isAlive() ? "(running)" : String.valueOf(process.exitValue());
  }

  private List<String> tail() {
    return lines.subList(Math.max(0, lines.size() - 5), lines.size());
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.toHandle().destroyForcibly();
      waitFor();
    }
  }
}
