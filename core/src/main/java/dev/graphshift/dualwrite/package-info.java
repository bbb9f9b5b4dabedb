/**
 * Dual writes: {@link dev.graphshift.dualwrite.DualWriteCoordinator} writes to the primary and, in
 * order and off the caller's path, to the secondary, with a durable {@link
 * dev.graphshift.dualwrite.DeadLetterQueue} ({@link dev.graphshift.dualwrite.FileDeadLetterQueue}) for
 * what the secondary could not take yet, and a {@link dev.graphshift.dualwrite.TombstoneStore} that lets
 * a backfill write through {@link dev.graphshift.dualwrite.DualWriteCoordinator#backfillTarget()}
 * without overwriting newer dual-written data or bringing deleted records back.
 */
@NullMarked
package dev.graphshift.dualwrite;

import org.jspecify.annotations.NullMarked;
