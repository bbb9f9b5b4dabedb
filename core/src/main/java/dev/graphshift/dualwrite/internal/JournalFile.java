package dev.graphshift.dualwrite.internal;

import dev.graphshift.ConfigurationException;
import dev.graphshift.dualwrite.DeadLetter;
import dev.graphshift.dualwrite.DeadLetterQueueException;
import dev.graphshift.dualwrite.FileDeadLetterQueueMetrics;
import dev.graphshift.dualwrite.FsyncPolicy;
import dev.graphshift.dualwrite.OrderingKey;
import dev.graphshift.dualwrite.WriteOperation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only journal of a file dead-letter queue, and its {@link QueueCore.Persistence}.
 *
 * <p><b>Format.</b> An 8-byte header (magic {@code GSDQ}, version 1), then records: a 4-byte body
 * length, a 4-byte CRC-32C of the body, and the body, whose first byte is the record type. {@code
 * APPEND} holds a whole entry (sequence, state, attempts, instants, failure history, keys, operation);
 * a later {@code APPEND} of the same sequence replaces it (coalescing, and every record compaction
 * writes). {@code ACK} removes entries; {@code FAIL}, {@code PARK} and {@code UNPARK} change their state.
 * Replaying the records in file order rebuilds the queue.
 *
 * <p><b>Crash safety.</b> Each call writes its records with one positional write at the end of the
 * journal. A crash can leave the last record incomplete: on open, the first record whose length or
 * checksum does not hold ends the replay, and the bytes from there on are moved aside to {@code
 * <journal>.corrupt-<millis>} (never silently dropped) before the journal is truncated. A failed write
 * truncates the journal back to its previous end, so later appends never follow garbage.
 *
 * <p><b>Compaction.</b> When the bytes that no longer describe a live entry pass the configured share of
 * the journal, the live entries are written, one {@code APPEND} each, to {@code <journal>.compact}, which
 * is forced and then atomically moved over the journal (and the directory forced). A crash before the
 * move leaves the old journal intact (the temporary file is deleted on open); after it, the new one is
 * complete.
 *
 * <p>Every method but {@link #flush()} is called under the queue's lock.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public final class JournalFile implements QueueCore.Persistence {
  private static final Logger log = LoggerFactory.getLogger(JournalFile.class);

  private static final int MAGIC = 0x47534451; // "GSDQ"
  private static final int VERSION = 1;
  private static final int HEADER = 8;
  private static final int FRAME = 8;
  /** The largest record body accepted on replay; anything claiming more is a torn or corrupt length. */
  private static final int MAX_BODY = 256 * 1024 * 1024;

  private static final int APPEND = 1;
  private static final int ACK = 2;
  private static final int FAIL = 3;
  private static final int PARK = 4;
  private static final int UNPARK = 5;

  private final String name;
  private final Path path;
  private final FsyncPolicy fsync;
  private final double compactionRatio;
  private final long minCompactionBytes;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private volatile FileChannel channel;
  private long size;
  private long liveBytes;
  private volatile boolean dirty;
  private long compactions;
  private final java.util.concurrent.atomic.AtomicLong fsyncs = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong warnings = new java.util.concurrent.atomic.AtomicLong();
  private long tornBytes;
  private final Codec.Out out = new Codec.Out(4096);
  private final CRC32C crc = new CRC32C();

  private JournalFile(String name, Path path, FsyncPolicy fsync, double compactionRatio, long minCompactionBytes,
      FileChannel lockChannel, FileLock lock, FileChannel channel) {
    this.name = name;
    this.path = path;
    this.fsync = fsync;
    this.compactionRatio = compactionRatio;
    this.minCompactionBytes = minCompactionBytes;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.channel = channel;
  }

  /**
   * Opens (or creates) the journal, takes its lock file, and replays it into the index.
   *
   * @throws ConfigurationException if another process or queue holds the journal
   * @throws DeadLetterQueueException if the journal cannot be read or is not a journal
   */
  public static JournalFile open(String name, Path path, FsyncPolicy fsync, double compactionRatio,
      long minCompactionBytes, LetterIndex index) {
    Path absolute = path.toAbsolutePath();
    FileChannel lockChannel = null;
    FileChannel channel = null;
    try {
      Path dir = absolute.getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      lockChannel = FileChannel.open(sibling(absolute, ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new ConfigurationException(name, "the dead-letter journal " + absolute
            + " is in use by another queue or process; one journal serves one coordinator", null);
      }
      Files.deleteIfExists(sibling(absolute, ".compact"));
      channel = FileChannel.open(absolute, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      JournalFile journal = new JournalFile(name, absolute, fsync, compactionRatio, minCompactionBytes, lockChannel,
          lock, channel);
      journal.replay(index);
      return journal;
    } catch (IOException e) {
      DeadLetterQueueException failure =
          new DeadLetterQueueException(name, "cannot open the dead-letter journal " + absolute + ": " + e, e);
      closeAfterFailure(channel, failure);
      closeAfterFailure(lockChannel, failure);
      throw failure;
    } catch (RuntimeException e) {
      closeAfterFailure(channel, e);
      closeAfterFailure(lockChannel, e);
      throw e;
    }
  }

  private static Path sibling(Path path, String suffix) {
    return path.resolveSibling(path.getFileName() + suffix);
  }

  private static void closeAfterFailure(@Nullable FileChannel c, Throwable failure) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  private void closeCounted(FileChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      warnings.incrementAndGet();
      log.warn("graphshift.dlq.close_failed name={} file={} error={}", name, path, e.toString());
    }
  }

  // ------------------------------------------------------------------------------------- replay

  private void replay(LetterIndex index) throws IOException {
    long fileSize = channel.size();
    if (fileSize > 0 && fileSize < HEADER) {
      // A crash while the header of a new journal was being written: nothing else can be in it.
      moveTailAside(0, fileSize, "an incomplete journal header");
      fileSize = 0;
    }
    if (fileSize == 0) {
      ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(VERSION).flip();
      writeFully(channel, header, 0);
      channel.force(true);
      size = HEADER;
      return;
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    readFully(channel, header, 0);
    header.flip();
    if (header.getInt() != MAGIC) {
      throw new DeadLetterQueueException(name, path + " is not a GraphShift dead-letter journal", null);
    }
    int version = header.getInt();
    if (version != VERSION) {
      throw new DeadLetterQueueException(name, path + " has journal version " + version + "; this build reads "
          + VERSION, null);
    }
    long pos = HEADER;
    ByteBuffer frame = ByteBuffer.allocate(FRAME);
    String problem = null;
    while (pos < fileSize) {
      if (fileSize - pos < FRAME) {
        problem = "an incomplete record header";
        break;
      }
      frame.clear();
      readFully(channel, frame, pos);
      frame.flip();
      int length = frame.getInt();
      int checksum = frame.getInt();
      if (length < 1 || length > MAX_BODY || length > fileSize - pos - FRAME) {
        problem = "a record length of " + length + " with " + (fileSize - pos - FRAME) + " bytes left";
        break;
      }
      ByteBuffer body = ByteBuffer.allocate(length);
      readFully(channel, body, pos + FRAME);
      crc.reset();
      crc.update(body.array(), 0, length);
      if ((int) crc.getValue() != checksum) {
        problem = "a checksum mismatch";
        break;
      }
      try {
        apply(index, body.array(), pos, length);
      } catch (IllegalArgumentException e) {
        problem = "an undecodable record (" + e.getMessage() + ")";
        break;
      }
      pos += FRAME + length;
    }
    if (problem != null) {
      moveTailAside(pos, fileSize, problem);
    }
    size = pos;
    liveBytes = 0;
    for (LetterIndex.Slot s : index.inOrder()) {
      liveBytes += s.length;
    }
  }

  private void moveTailAside(long from, long fileSize, String problem) throws IOException {
    tornBytes = fileSize - from;
    Path aside = sibling(path, ".corrupt-" + System.currentTimeMillis());
    try (FileChannel target = FileChannel.open(aside, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long done = 0;
      while (done < tornBytes) {
        done += channel.transferTo(from + done, tornBytes - done, target);
      }
      target.force(true);
    }
    channel.truncate(from);
    channel.force(true);
    log.warn("graphshift.dlq.torn_tail name={} file={} offset={} bytes={} problem={} movedTo={}", name, path, from,
        tornBytes, problem, aside);
  }

  private void apply(LetterIndex index, byte[] body, long recordStart, int length) {
    Codec.In in = new Codec.In(body, 0, length);
    int type = in.readByte();
    switch (type) {
      case APPEND -> {
        LetterIndex.Slot read = readAppend(in).slot();
        LetterIndex.Slot existing = index.get(read.sequence);
        if (existing != null) {
          existing.attempts = read.attempts;
          existing.nextAttemptAt = read.nextAttemptAt;
          existing.failures = read.failures;
          index.setState(existing, read.state());
          existing.offset = recordStart;
          existing.length = FRAME + length;
        } else {
          read.offset = recordStart;
          read.length = FRAME + length;
          index.add(read);
        }
      }
      case ACK -> {
        int n = in.readCount();
        for (int i = 0; i < n; i++) {
          index.remove(in.readSignedVarLong());
        }
      }
      case FAIL -> {
        String failure = in.readString();
        int n = in.readCount();
        for (int i = 0; i < n; i++) {
          LetterIndex.Slot s = index.get(in.readSignedVarLong());
          Instant next = Codec.readInstant(in);
          if (s != null) {
            s.attempts++;
            s.failures = DeadLetter.withFailure(s.failures, failure);
            s.nextAttemptAt = next;
            index.setState(s, DeadLetter.State.PENDING);
          }
        }
      }
      case PARK -> {
        String reason = in.readString();
        int n = in.readCount();
        for (int i = 0; i < n; i++) {
          LetterIndex.Slot s = index.get(in.readSignedVarLong());
          if (s != null) {
            s.failures = DeadLetter.withFailure(s.failures, reason);
            index.setState(s, DeadLetter.State.PARKED);
          }
        }
      }
      case UNPARK -> {
        LetterIndex.Slot s = index.get(in.readSignedVarLong());
        Instant at = Codec.readInstant(in);
        if (s != null) {
          s.attempts = 0;
          s.nextAttemptAt = at;
          index.setState(s, DeadLetter.State.PENDING);
        }
      }
      default -> throw new IllegalArgumentException("unknown record type " + type);
    }
  }

  private record Appended(LetterIndex.Slot slot, WriteOperation operation) {}

  /** Reads an APPEND body after its type byte into a slot (without offset) and its operation. */
  private static Appended readAppend(Codec.In in) {
    long seq = in.readLong();
    int state = in.readByte();
    int attempts = (int) in.readVarLong();
    Instant enqueuedAt = Codec.readInstant(in);
    Instant next = Codec.readInstant(in);
    List<String> failures = Codec.readStrings(in);
    List<OrderingKey> keys = Codec.readKeys(in);
    WriteOperation op = Codec.readOperation(in);
    return new Appended(new LetterIndex.Slot(seq, keys, op, attempts, enqueuedAt, next, failures,
        state == 1 ? DeadLetter.State.PARKED : DeadLetter.State.PENDING), op);
  }

  // -------------------------------------------------------------------------------- persistence

  @Override
  public void write(List<LetterIndex.Slot> slots, List<WriteOperation> operations) {
    out.reset();
    long[] starts = new long[slots.size()];
    int[] lengths = new int[slots.size()];
    for (int i = 0; i < slots.size(); i++) {
      int start = out.position();
      encodeAppend(out, slots.get(i), operations.get(i));
      starts[i] = size + start;
      lengths[i] = out.position() - start;
    }
    writeAtEnd();
    for (int i = 0; i < slots.size(); i++) {
      LetterIndex.Slot s = slots.get(i);
      if (s.offset >= 0) {
        liveBytes -= s.length;
      }
      s.offset = starts[i];
      s.length = lengths[i];
      liveBytes += lengths[i];
    }
    if (fsync == FsyncPolicy.EVERY_WRITE) {
      force();
    }
  }

  private void encodeAppend(Codec.Out o, LetterIndex.Slot s, WriteOperation op) {
    int frameAt = beginRecord(o, APPEND);
    o.writeLong(s.sequence);
    o.writeByte(s.state() == DeadLetter.State.PARKED ? 1 : 0);
    o.writeVarLong(s.attempts);
    Codec.writeInstant(o, s.enqueuedAt);
    Codec.writeInstant(o, s.nextAttemptAt);
    Codec.writeStrings(o, s.failures);
    Codec.writeKeys(o, s.keys);
    Codec.writeOperation(o, op);
    endRecord(o, frameAt);
  }

  private static int beginRecord(Codec.Out o, int type) {
    int frameAt = o.position();
    o.writeInt(0);
    o.writeInt(0);
    o.writeByte(type);
    return frameAt;
  }

  private void endRecord(Codec.Out o, int frameAt) {
    int bodyLength = o.position() - frameAt - FRAME;
    crc.reset();
    crc.update(o.array(), frameAt + FRAME, bodyLength);
    o.putInt(frameAt, bodyLength);
    o.putInt(frameAt + 4, (int) crc.getValue());
  }

  @Override
  public void removed(List<LetterIndex.Slot> slots) {
    for (LetterIndex.Slot s : slots) {
      liveBytes -= s.length;
    }
    writeStateRecord(ACK, null, slots);
    maybeCompact();
  }

  @Override
  public void failed(List<LetterIndex.Slot> slots, String failure) {
    writeStateRecord(FAIL, failure, slots);
  }

  @Override
  public void parked(List<LetterIndex.Slot> slots, String reason) {
    writeStateRecord(PARK, reason, slots);
  }

  /** ACK: sequences; FAIL: failure, then sequence and next attempt each; PARK: reason, then sequences. */
  private void writeStateRecord(int type, @Nullable String text, List<LetterIndex.Slot> slots) {
    out.reset();
    int frameAt = beginRecord(out, type);
    if (text != null) {
      out.writeString(DeadLetter.trimFailure(text));
    }
    out.writeVarLong(slots.size());
    for (LetterIndex.Slot s : slots) {
      out.writeSignedVarLong(s.sequence);
      if (type == FAIL) {
        Codec.writeInstant(out, s.nextAttemptAt);
      }
    }
    endRecord(out, frameAt);
    writeAtEnd();
  }

  @Override
  public void unparked(LetterIndex.Slot slot) {
    out.reset();
    int frameAt = beginRecord(out, UNPARK);
    out.writeSignedVarLong(slot.sequence);
    Codec.writeInstant(out, slot.nextAttemptAt);
    endRecord(out, frameAt);
    writeAtEnd();
  }

  @Override
  public WriteOperation load(LetterIndex.Slot slot) {
    return read(channel, slot);
  }

  private WriteOperation read(FileChannel from, LetterIndex.Slot slot) {
    ByteBuffer record = ByteBuffer.allocate(slot.length);
    try {
      readFully(from, record, slot.offset);
    } catch (IOException e) {
      throw new DeadLetterQueueException(name, "cannot read dead letter " + slot.sequence + " from " + path + ": "
          + e, e);
    }
    byte[] bytes = record.array();
    int length = ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    int checksum = ((bytes[4] & 0xFF) << 24) | ((bytes[5] & 0xFF) << 16) | ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF);
    crc.reset();
    crc.update(bytes, FRAME, slot.length - FRAME);
    if (length != slot.length - FRAME || (int) crc.getValue() != checksum) {
      throw new DeadLetterQueueException(name, "dead letter " + slot.sequence + " in " + path + " at offset "
          + slot.offset + " is damaged", null);
    }
    Codec.In in = new Codec.In(bytes, FRAME, slot.length);
    in.readByte();
    return readAppend(in).operation();
  }

  // --------------------------------------------------------------------------------- file writes

  private void writeAtEnd() {
    ByteBuffer buffer = ByteBuffer.wrap(out.array(), 0, out.position());
    try {
      writeFully(channel, buffer, size);
    } catch (IOException e) {
      try {
        channel.truncate(size);
      } catch (IOException again) {
        e.addSuppressed(again);
      }
      throw new DeadLetterQueueException(name, "cannot write to the dead-letter journal " + path + ": " + e, e);
    }
    size += out.position();
    dirty = true;
  }

  private void force() {
    try {
      channel.force(false);
      dirty = false;
      fsyncs.incrementAndGet();
    } catch (IOException e) {
      throw new DeadLetterQueueException(name, "cannot force the dead-letter journal " + path + " to disk: " + e, e);
    }
  }

  /**
   * Forces the journal if it changed since the last force; called by the interval task, outside the
   * queue's lock so that appends never wait for the disk.
   */
  public void flush() {
    if (!dirty) {
      return;
    }
    dirty = false;
    FileChannel current = channel;
    try {
      current.force(false);
      fsyncs.incrementAndGet();
    } catch (ClosedChannelException e) {
      // Compaction replaced and forced the journal between the read of the field and the force.
      warnings.incrementAndGet();
      log.debug("graphshift.dlq.fsync_skipped name={} reason=journal replaced by compaction", name);
    } catch (IOException e) {
      dirty = true;
      warnings.incrementAndGet();
      throw new DeadLetterQueueException(name, "cannot force the dead-letter journal " + path + " to disk: " + e, e);
    }
  }

  private static void writeFully(FileChannel c, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      at += c.write(buffer, at);
    }
  }

  private static void readFully(FileChannel c, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = c.read(buffer, at);
      if (n < 0) {
        throw new IOException("unexpected end of file at " + at);
      }
      at += n;
    }
  }

  // ---------------------------------------------------------------------------------- compaction

  private @Nullable LetterIndex index;

  /** Gives the journal the index it compacts (the one it was replayed into). */
  public void attach(LetterIndex owner) {
    this.index = owner;
  }

  private void maybeCompact() {
    long dead = size - HEADER - liveBytes;
    if (index != null && size >= minCompactionBytes && dead > size * compactionRatio) {
      try {
        compact();
      } catch (DeadLetterQueueException e) {
        warnings.incrementAndGet();
        log.warn("graphshift.dlq.compaction_failed name={} file={} error={}", name, path, e.getMessage());
      }
    }
  }

  /** Rewrites the live entries into a new journal and moves it over the old one atomically. */
  public void compact() {
    LetterIndex owner = index;
    if (owner == null) {
      return;
    }
    long before = size;
    Path tmp = sibling(path, ".compact");
    List<LetterIndex.Slot> slots = new ArrayList<>(owner.inOrder());
    long[] offsets = new long[slots.size()];
    int[] lengths = new int[slots.size()];
    long newSize;
    try (FileChannel target = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      Codec.Out buf = new Codec.Out(1 << 16);
      buf.writeInt(MAGIC);
      buf.writeInt(VERSION);
      long written = 0;
      for (int i = 0; i < slots.size(); i++) {
        LetterIndex.Slot s = slots.get(i);
        WriteOperation op = read(channel, s);
        int start = buf.position();
        encodeAppend(buf, s, op);
        offsets[i] = written + start;
        lengths[i] = buf.position() - start;
        if (buf.position() >= (1 << 20)) {
          writeFully(target, ByteBuffer.wrap(buf.array(), 0, buf.position()), written);
          written += buf.position();
          buf.reset();
        }
      }
      writeFully(target, ByteBuffer.wrap(buf.array(), 0, buf.position()), written);
      newSize = written + buf.position();
      target.force(true);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException again) {
        e.addSuppressed(again);
      }
      throw new DeadLetterQueueException(name, "cannot compact the dead-letter journal " + path + ": " + e, e);
    }
    try {
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory();
      FileChannel old = channel;
      channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      closeCounted(old);
    } catch (IOException e) {
      throw new DeadLetterQueueException(name, "cannot replace the dead-letter journal " + path
          + " by its compacted copy: " + e, e);
    }
    for (int i = 0; i < slots.size(); i++) {
      slots.get(i).offset = offsets[i];
      slots.get(i).length = lengths[i];
    }
    size = newSize;
    liveBytes = newSize - HEADER;
    dirty = false;
    compactions++;
    log.info("graphshift.dlq.compacted name={} file={} entries={} bytesBefore={} bytesAfter={}", name, path,
        slots.size(), before, newSize);
  }

  private void forceDirectory() {
    Path dir = path.getParent();
    if (dir == null) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the rename is still atomic, only its durability after a
      // machine crash is then up to the file system.
      warnings.incrementAndGet();
      log.warn("graphshift.dlq.directory_fsync_unavailable name={} dir={} error={}", name, dir, e.toString());
    }
  }

  public FileDeadLetterQueueMetrics metrics() {
    return new FileDeadLetterQueueMetrics(size, liveBytes, compactions, fsyncs.get(), warnings.get(), tornBytes);
  }

  /** Forces and closes the journal and releases its lock. */
  public void close() {
    try {
      if (fsync != FsyncPolicy.OS || dirty) {
        channel.force(true);
      }
    } catch (IOException e) {
      warnings.incrementAndGet();
      log.warn("graphshift.dlq.close_fsync_failed name={} file={} error={}", name, path, e.toString());
    }
    closeCounted(channel);
    try {
      lock.release();
    } catch (IOException e) {
      warnings.incrementAndGet();
      log.warn("graphshift.dlq.unlock_failed name={} file={} error={}", name, path, e.toString());
    }
    closeCounted(lockChannel);
  }
}
