package dev.graphshift.dualwrite;

/**
 * When the coordinator journals a write to its {@link DeadLetterQueue}.
 *
 * <table>
 *   <caption>Delivery modes</caption>
 *   <tr><th>Mode</th><th>Journaled</th><th>A crash of the process can lose</th><th>Caller pays</th></tr>
 *   <tr><td>{@link #DIRECT}</td><td>when the write fails, spills or queues behind a dead letter</td>
 *       <td>writes accepted by the primary but still queued for, or being sent to, the secondary (at most
 *       the capacity); the validator's repair restores them</td><td>nothing while the secondary keeps up
 *       </td></tr>
 *   <tr><td>{@link #OUTBOX}</td><td>every write, before it is sent; removed when the secondary applied
 *       it</td><td>only a write whose primary call returned in the microseconds before its journal
 *       append, whose caller was never answered</td><td>one journal append per call (see {@link
 *       FsyncPolicy})</td></tr>
 * </table>
 *
 * <p>Immutable.
 */
public enum DeliveryMode {
  /** Send at once; journal only what could not be sent. The default. */
  DIRECT,
  /** Journal every write before the call returns (transactional outbox); acknowledge after the send. */
  OUTBOX
}
