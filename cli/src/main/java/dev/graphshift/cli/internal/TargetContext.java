package dev.graphshift.cli.internal;

import static java.util.Objects.requireNonNull;

import dev.graphshift.mapping.Embedder;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the factories of targets need besides a target's own settings.
 *
 * <p>Immutable.
 *
 * @param directory the directory of the targets file, against which relative paths in it resolve
 * @param embedder the embedder the targets file names ({@code embedder:}), if any
 */
record TargetContext(Path directory, Optional<Embedder> embedder) {
  TargetContext {
    requireNonNull(directory, "directory");
    requireNonNull(embedder, "embedder");
  }
}
