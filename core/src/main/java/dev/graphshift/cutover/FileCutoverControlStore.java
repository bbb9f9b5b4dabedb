package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import dev.graphshift.internal.LockedFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * A {@link CutoverControlStore} in a directory that several JVMs on one host share (or a shared file
 * system with working {@code fcntl} locks): each router's state is a small properties file, {@code
 * <directory>/<url-encoded router name>.state}.
 *
 * <p><b>Design.</b> Readers read the state file without a lock: writers never change it in place but
 * write a temporary file and move it over the old one atomically, so a reader sees one whole version or
 * the other. A compare-and-set takes an exclusive OS file lock on {@code <name>.lock} (waiting at most
 * the lock timeout, then failing with {@link CutoverControlStoreException}), reads the stored version,
 * and replaces the file only if it is still the expected one. Threads of one JVM queue on an in-process
 * lock first, since OS file locks are held per process. Use one instance per directory in a JVM.
 *
 * <p>Thread-safe.
 */
public final class FileCutoverControlStore implements CutoverControlStore {
  /** Default longest wait for the file lock: 5 seconds. */
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);

  private final Path directory;
  private final Duration lockTimeout;
  private final LockedFiles files;

  private FileCutoverControlStore(Path directory, Duration lockTimeout) {
    this.directory = directory;
    this.lockTimeout = lockTimeout;
    this.files = new LockedFiles(lockTimeout);
  }

  /**
   * A store in a directory, created if absent, with the default lock timeout.
   *
   * @throws NullPointerException if directory is null
   * @throws CutoverControlStoreException if the directory cannot be created
   */
  public static FileCutoverControlStore in(Path directory) {
    return in(directory, DEFAULT_LOCK_TIMEOUT);
  }

  /**
   * A store in a directory, created if absent.
   *
   * @param lockTimeout the longest wait for the file lock of a compare-and-set
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if lockTimeout is not positive
   * @throws CutoverControlStoreException if the directory cannot be created
   */
  public static FileCutoverControlStore in(Path directory, Duration lockTimeout) {
    requireNonNull(directory, "directory");
    requireNonNull(lockTimeout, "lockTimeout");
    if (lockTimeout.isNegative() || lockTimeout.isZero()) {
      throw new IllegalArgumentException("lockTimeout must be positive: " + lockTimeout);
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new CutoverControlStoreException(describe(directory), "cannot create the directory", e);
    }
    return new FileCutoverControlStore(directory, lockTimeout);
  }

  /** The directory. */
  public Path directory() {
    return directory;
  }

  /** The longest wait for the file lock. */
  public Duration lockTimeout() {
    return lockTimeout;
  }

  /** The file that holds a router's state. */
  public Path stateFile(String router) {
    return directory.resolve(encode(router) + ".state");
  }

  @Override
  public Optional<CutoverState> read(String router) {
    requireNonNull(router, "router");
    Path file = stateFile(router);
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new CutoverControlStoreException(describe(directory), "cannot read " + file, e);
    }
    return Optional.of(parse(file, p));
  }

  @Override
  public boolean compareAndSet(String router, long expectedVersion, CutoverState next) {
    requireNonNull(router, "router");
    requireNonNull(next, "next");
    CutoverControlStore.checkNextVersion(expectedVersion, next);
    Path lockFile = directory.resolve(encode(router) + ".lock");
    try {
      return files.locked(lockFile, () -> {
        long stored = read(router).map(CutoverState::version).orElse(0L);
        if (stored != expectedVersion) {
          return false;
        }
        write(router, next);
        return true;
      });
    } catch (IOException e) {
      throw new CutoverControlStoreException(describe(directory), "cannot update the state of router '" + router + "'", e);
    }
  }

  private void write(String router, CutoverState s) throws IOException {
    Properties p = new Properties();
    p.setProperty("router", router);
    p.setProperty("version", Long.toString(s.version()));
    p.setProperty("shareBasisPoints", Integer.toString(s.shareBasisPoints()));
    p.setProperty("phase", s.phase().name());
    p.setProperty("step", Integer.toString(s.step()));
    p.setProperty("stepStartedAt", s.stepStartedAt().toString());
    p.setProperty("changedAt", s.changedAt().toString());
    p.setProperty("changedBy", s.changedBy());
    p.setProperty("reason", s.reason());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.store(out, "GraphShift cutover state; written by FileCutoverControlStore, do not edit by hand");
    LockedFiles.replace(stateFile(router), out.toByteArray());
  }

  private CutoverState parse(Path file, Properties p) {
    try {
      return new CutoverState(
          Long.parseLong(required(p, "version")),
          Integer.parseInt(required(p, "shareBasisPoints")),
          CutoverPhase.valueOf(required(p, "phase")),
          Integer.parseInt(required(p, "step")),
          Instant.parse(required(p, "stepStartedAt")),
          Instant.parse(required(p, "changedAt")),
          required(p, "changedBy"),
          required(p, "reason"));
    } catch (RuntimeException e) {
      throw new CutoverControlStoreException(describe(directory), "cannot parse " + file + ": " + e.getMessage(), e);
    }
  }

  private static String required(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException("missing '" + key + "'");
    }
    return v;
  }

  private static String encode(String router) {
    return URLEncoder.encode(router, StandardCharsets.UTF_8);
  }

  private static String describe(Path directory) {
    return "file control store " + directory;
  }

  @Override
  public String toString() {
    return "FileCutoverControlStore[" + directory + "]";
  }
}
