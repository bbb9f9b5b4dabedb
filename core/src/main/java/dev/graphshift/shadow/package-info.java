/**
 * Shadow reads: {@link dev.graphshift.shadow.ShadowReadCoordinator} answers every read from the primary
 * at once and, off the caller's thread, for a sample of reads (deterministic per key), reads the
 * secondary too and compares the answers with a {@link dev.graphshift.shadow.ShadowComparator} (exact,
 * Jaccard, rank-biased overlap, activation similarity, or your own). What it finds, counts, match rate,
 * latency percentiles of both sides and a reservoir of examples, is in {@link
 * dev.graphshift.shadow.ShadowReport}: the evidence that the new database is ready for cutover.
 */
@NullMarked
package dev.graphshift.shadow;

import org.jspecify.annotations.NullMarked;
