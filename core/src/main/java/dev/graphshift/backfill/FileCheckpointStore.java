package dev.graphshift.backfill;

import static java.util.Objects.requireNonNull;

import dev.graphshift.ConfigurationException;
import dev.graphshift.backfill.internal.CheckpointCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A {@link CheckpointStore} in one file, the default store of a backfill. Each save writes a sibling
 * temporary file ({@code <file>.tmp}), forces it to disk, and moves it over the checkpoint with {@code
 * ATOMIC_MOVE}, so a crash at any moment leaves either the previous checkpoint or the new one.
 *
 * <p>The file is a JSON document (UTF-8, indented, readable by hand): {@code format} ({@code
 * "graphshift.backfill.checkpoint"}), {@code version} (1), {@code name}, {@code fingerprint} (SHA-256 of
 * {@code config}), {@code config} (the settings that must match to resume), {@code savedAt}, and {@code
 * partitions}, one object per partition in plan order with {@code id}, {@code phase} ({@code NODES} or
 * {@code RELATIONSHIPS}), {@code filter}, {@code from}, {@code until} (the range; null for open),
 * {@code yieldTo} (labels left to other partitions), {@code cursor} (after the last committed batch; null
 * before the first), {@code done}, and the counts {@code read}, {@code written}, {@code skipped}, {@code
 * rejected} and {@code rejectedByRule}.
 *
 * <pre>{@code
 * {
 *   "format": "graphshift.backfill.checkpoint",
 *   "version": 1,
 *   "name": "backfill",
 *   "fingerprint": "5c1f…",
 *   "config": "name=backfill;source=neo4j;target=engram;nodes=*;relationships=*;partitioning=BY_ID_RANGE;mapper=…",
 *   "savedAt": "2026-01-01T00:00:00Z",
 *   "partitions": [
 *     {"id": "nodes/all/0", "phase": "NODES", "filter": null, "from": null, "until": "p500",
 *      "yieldTo": [], "cursor": "p120", "done": false,
 *      "read": 120, "written": 118, "skipped": 1, "rejected": 1, "rejectedByRule": {"value-kind": 1}}
 *   ]
 * }
 * }</pre>
 *
 * <pre>{@code
 * Backfiller.builder(neo4j, engram)
 *     .checkpoints(FileCheckpointStore.at(Path.of("migration/backfill.checkpoint.json")))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class FileCheckpointStore implements CheckpointStore {
  private final Path file;
  private final Path temporary;

  private FileCheckpointStore(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
  }

  /**
   * A store in this file; its directory is created on the first save.
   *
   * @throws NullPointerException if file is null
   */
  public static FileCheckpointStore at(Path file) {
    return new FileCheckpointStore(requireNonNull(file, "file"));
  }

  /** The checkpoint file. */
  public Path file() {
    return file;
  }

  /**
   * Reads the file.
   *
   * @throws ConfigurationException if the file exists but is not a readable checkpoint
   * @throws UncheckedIOException if the file cannot be read
   */
  @Override
  public synchronized Optional<BackfillCheckpoint> load() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint file " + file, e);
    }
    try {
      return Optional.of(CheckpointCodec.read(text));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(null, "the checkpoint file " + file + " is not a readable backfill "
          + "checkpoint (" + e.getMessage() + "); move it away to start the backfill over", e);
    }
  }

  /**
   * Writes the file atomically.
   *
   * @throws UncheckedIOException if it cannot be written
   * @throws ConfigurationException if the file system cannot move files atomically
   */
  @Override
  public synchronized void save(BackfillCheckpoint checkpoint) {
    byte[] bytes = CheckpointCodec.write(requireNonNull(checkpoint, "checkpoint")).getBytes(StandardCharsets.UTF_8);
    try {
      Path dir = file.getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new ConfigurationException(null, "the file system of " + file + " cannot replace files "
          + "atomically; put the checkpoint on a local file system", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint file " + file, e);
    }
  }

  /**
   * Deletes the file (and a temporary file a crash may have left).
   *
   * @throws UncheckedIOException if it cannot be deleted
   */
  @Override
  public synchronized void clear() {
    try {
      Files.deleteIfExists(temporary);
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the checkpoint file " + file, e);
    }
  }

  @Override
  public String toString() {
    return "FileCheckpointStore[" + file + "]";
  }
}
