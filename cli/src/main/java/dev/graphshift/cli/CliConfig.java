package dev.graphshift.cli;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * The settings of a {@link Cli}, as built.
 *
 * <p>Immutable.
 *
 * @param workingDirectory where relative paths resolve and {@code graphshift.yaml} is looked for
 * @param memoryTargets the names of the {@code database: memory} targets the program gave a database for
 */
public record CliConfig(Path workingDirectory, List<String> memoryTargets) {
  public CliConfig {
    requireNonNull(workingDirectory, "workingDirectory");
    memoryTargets = List.copyOf(memoryTargets);
  }
}
