package dev.graphshift.dualwrite;

/**
 * When a {@link FileDeadLetterQueue} forces its journal to the disk. Every change is written to the
 * operating system at once (one {@code write} per call, no buffering in the process), so <b>a crash of
 * the process loses nothing under any policy</b>: the kernel holds the bytes. The policies differ in what
 * a crash of the machine (power loss, kernel panic) can lose, and in what the writer pays.
 *
 * <table>
 *   <caption>Fsync policies</caption>
 *   <tr><th>Policy</th><th>Machine crash can lose</th><th>Cost on the appending thread</th></tr>
 *   <tr><td>{@link #EVERY_WRITE}</td><td>nothing that was appended</td><td>one {@code fsync} per append
 *       (0.1 to 10 ms, depending on the disk)</td></tr>
 *   <tr><td>{@link #INTERVAL}</td><td>appends of the last interval</td><td>none: a background task forces
 *       the journal once per interval (group commit)</td></tr>
 *   <tr><td>{@link #OS}</td><td>what the kernel had not written back (on Linux, by default up to about 30
 *       s)</td><td>none</td></tr>
 * </table>
 *
 * <p>Only appends are forced under {@code EVERY_WRITE}: a lost acknowledgement, failure or park replays
 * an entry once more after a machine crash, which idempotent writes make harmless.
 *
 * <p>Immutable.
 */
public enum FsyncPolicy {
  /** Force the journal before an append returns. */
  EVERY_WRITE,
  /** Force the journal every {@link FileDeadLetterQueue.Builder#fsyncInterval(java.time.Duration)}. */
  INTERVAL,
  /** Never force; leave write-back to the operating system (the journal is still forced on compaction and close). */
  OS
}
