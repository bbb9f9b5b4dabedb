package dev.graphshift.cli.internal;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The flags several commands share, as picocli mixins, so that each is declared and described once.
 *
 * <p>Not thread-safe; confine to one thread.
 */
final class SharedOptions {
  private SharedOptions() {}

  /** {@code -j}/{@code --json}. Not thread-safe; confine to one thread. */
  static final class Json {
    @Option(names = {"-j", "--json"},
        description = "Write JSON lines on standard output instead of text (their fields: docs/cli.md).")
    boolean enabled;
  }

  /** {@code --mapping FILE}. Not thread-safe; confine to one thread. */
  static final class Mapping {
    @Option(names = "--mapping", paramLabel = "FILE",
        description = "The schema mapping to apply (default: mapping: in the targets file; without either, none).")
    @Nullable Path file;
  }
}
