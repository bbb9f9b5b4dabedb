/**
 * The backfill: moving the records that exist already from a source to a target while the application
 * keeps writing through a dual write. {@link dev.graphshift.backfill.Backfiller} copies nodes, then
 * relationships, in keyset batches over parallel {@link dev.graphshift.backfill.BackfillPartition}s,
 * through the mapper, rate-limited, pipelined, with progress and an ETA, and with a {@link
 * dev.graphshift.backfill.CheckpointStore} after every committed batch so that a killed backfill resumes
 * where it stopped. It writes with {@link dev.graphshift.WriteMode#INSERT_IF_ABSENT} only, so it never
 * overwrites a newer dual-written value.
 */
@NullMarked
package dev.graphshift.backfill;

import org.jspecify.annotations.NullMarked;
