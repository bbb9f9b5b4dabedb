package dev.graphshift.cli.internal;

import static java.util.Objects.requireNonNull;

import dev.graphshift.cli.ExitCode;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the session, the report of a failure as a message and an exit code (a usage
 * error goes to picocli, which reports it with exit code 2), and the usage checks of flag values.
 *
 * <p>Not thread-safe; confine to one thread.
 */
abstract class BaseCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  final Session session;

  BaseCommand(Session session) {
    this.session = requireNonNull(session, "session");
  }

  /** Runs the command; a failure is reported and turned into its exit code. */
  @Override
  public final Integer call() {
    try {
      return execute().code();
    } catch (ParameterException e) {
      throw e;
    } catch (RuntimeException e) {
      return session.fail(e, json()).code();
    }
  }

  /** The command's work. */
  abstract ExitCode execute();

  /** Whether output is JSON lines ({@code --json}). */
  abstract boolean json();

  /** A usage error (exit code 2) about the command line. */
  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Checks that an integer flag is at least {@code min}. */
  void atLeast(String flag, @Nullable Integer value, int min) {
    if (value != null && value < min) {
      throw usage(flag + " must be at least " + min + ": " + value);
    }
  }

  /**
   * A command with {@code -j}/{@code --json}.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  abstract static class WithJson extends BaseCommand {
    @Mixin
    SharedOptions.Json json = new SharedOptions.Json();

    WithJson(Session session) {
      super(session);
    }

    @Override
    final boolean json() {
      return json.enabled;
    }
  }
}
