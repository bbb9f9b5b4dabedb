package dev.graphshift.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The mechanics of the file-backed stores that several processes share (the cutover control store, the
 * runbook state store): a compare-and-set under an exclusive lock, and a replacement that a crash cannot
 * tear.
 *
 * <p><b>Design.</b> {@link #locked} takes an in-process lock first (OS file locks are held per process,
 * so threads of one JVM would otherwise pass each other), then an exclusive OS lock on a lock file,
 * retried until the lock timeout; another store instance of this JVM holding the lock counts as another
 * process. {@link #replace} writes a temporary file in the same directory, forces it to disk and moves
 * it over the target atomically, so a reader sees the previous content or the new one, whole.
 *
 * <p>Thread-safe.
 */
public final class LockedFiles {
  private static final long LOCK_PAUSE_NANOS = 1_000_000;

  private final Duration lockTimeout;
  private final ReentrantLock local = new ReentrantLock();

  /** Files locked with this longest wait for an OS lock. */
  public LockedFiles(Duration lockTimeout) {
    this.lockTimeout = requireNonNull(lockTimeout, "lockTimeout");
  }

  /** Work done while holding a lock. */
  @FunctionalInterface
  public interface LockedAction<T> {
    /** Runs under the lock. */
    T run() throws IOException;
  }

  /**
   * Runs {@code action} holding the in-process lock and the OS lock on {@code lockFile} (created if
   * absent).
   *
   * @throws IOException if the lock file cannot be opened, the action fails, or the OS lock is not
   *     granted within the lock timeout (the message says which file and how long)
   */
  public <T> T locked(Path lockFile, LockedAction<T> action) throws IOException {
    local.lock();
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = acquire(channel, lockFile);
      try {
        return action.run();
      } finally {
        lock.release();
      }
    } finally {
      local.unlock();
    }
  }

  private FileLock acquire(FileChannel channel, Path lockFile) throws IOException {
    long deadline = System.nanoTime() + lockTimeout.toNanos();
    while (true) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException heldByAnotherStoreInThisJvm) {
        lock = null;
      }
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IOException("timed out after " + lockTimeout + " waiting for the lock " + lockFile);
      }
      LockSupport.parkNanos(LOCK_PAUSE_NANOS);
    }
  }

  /**
   * Replaces {@code target} with {@code content}: written to a temporary file beside it, forced, and
   * moved over it atomically.
   *
   * @throws IOException if a step fails, or the file system cannot replace files atomically
   */
  public static void replace(Path target, byte[] content) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(directory, target.getFileName().toString() + ".", ".tmp");
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap(content);
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + directory + " cannot replace files atomically", e);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
