package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import dev.graphshift.internal.LockedFiles;
import dev.graphshift.runbook.internal.StateCodec;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A {@link RunbookStateStore} in a directory: each runbook's state is one JSON file, {@code
 * <directory>/<url-encoded name>.runbook.json}, readable by an operator (do not edit it while a runbook
 * runs).
 *
 * <p><b>Design.</b> A state is written to a temporary file, forced to disk, and moved over the old one
 * atomically, so that a crash at any moment leaves the previous state or the new one, and a reader sees
 * one whole version. A compare-and-set takes an exclusive OS file lock on {@code <name>.runbook.lock}
 * (waiting at most the lock timeout, then failing with {@link RunbookStateStoreException}), reads the
 * stored version and replaces the file only if it is still the expected one; so processes on one host
 * (or a shared file system with working {@code fcntl} locks) can share a runbook. Threads of one JVM
 * queue on an in-process lock first, since OS file locks are held per process.
 *
 * <p>Thread-safe.
 */
public final class FileRunbookStateStore implements RunbookStateStore {
  /** Default longest wait for the file lock: 5 seconds. */
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);

  private final Path directory;
  private final LockedFiles files;

  private FileRunbookStateStore(Path directory, Duration lockTimeout) {
    this.directory = directory;
    this.files = new LockedFiles(lockTimeout);
  }

  /**
   * A store in a directory, created if absent, with the default lock timeout.
   *
   * @throws NullPointerException if directory is null
   * @throws RunbookStateStoreException if the directory cannot be created
   */
  public static FileRunbookStateStore in(Path directory) {
    return in(directory, DEFAULT_LOCK_TIMEOUT);
  }

  /**
   * A store in a directory, created if absent.
   *
   * @param lockTimeout the longest wait for the file lock of a compare-and-set
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if lockTimeout is not positive
   * @throws RunbookStateStoreException if the directory cannot be created
   */
  public static FileRunbookStateStore in(Path directory, Duration lockTimeout) {
    requireNonNull(directory, "directory");
    requireNonNull(lockTimeout, "lockTimeout");
    if (lockTimeout.isNegative() || lockTimeout.isZero()) {
      throw new IllegalArgumentException("lockTimeout must be positive: " + lockTimeout);
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new RunbookStateStoreException(describe(directory), "cannot create the directory", e);
    }
    return new FileRunbookStateStore(directory, lockTimeout);
  }

  /** The directory. */
  public Path directory() {
    return directory;
  }

  /** The file that holds a runbook's state. */
  public Path stateFile(String runbook) {
    return directory.resolve(encode(runbook) + ".runbook.json");
  }

  @Override
  public Optional<RunbookState> read(String runbook) {
    requireNonNull(runbook, "runbook");
    Path file = stateFile(runbook);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new RunbookStateStoreException(describe(directory), "cannot read " + file, e);
    }
    try {
      return Optional.of(StateCodec.read(text));
    } catch (RuntimeException e) {
      throw new RunbookStateStoreException(describe(directory), "cannot parse " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean compareAndSet(String runbook, long expectedVersion, RunbookState next) {
    requireNonNull(runbook, "runbook");
    requireNonNull(next, "next");
    RunbookStateStore.checkNext(runbook, expectedVersion, next);
    Path lockFile = directory.resolve(encode(runbook) + ".runbook.lock");
    try {
      return files.locked(lockFile, () -> {
        long stored = read(runbook).map(RunbookState::version).orElse(0L);
        if (stored != expectedVersion) {
          return false;
        }
        LockedFiles.replace(stateFile(runbook), StateCodec.write(next).getBytes(StandardCharsets.UTF_8));
        return true;
      });
    } catch (IOException e) {
      throw new RunbookStateStoreException(describe(directory), "cannot store the state of runbook '" + runbook + "'", e);
    }
  }

  private static String encode(String runbook) {
    return URLEncoder.encode(runbook, StandardCharsets.UTF_8);
  }

  private static String describe(Path directory) {
    return "file runbook store " + directory;
  }

  @Override
  public String toString() {
    return "FileRunbookStateStore[" + directory + "]";
  }
}
