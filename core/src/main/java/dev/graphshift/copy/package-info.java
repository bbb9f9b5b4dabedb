/**
 * {@code copy}, in the manner of nodestream's: everything, or chosen node labels and relationship types,
 * from one database to another, built on the {@link dev.graphshift.backfill.Backfiller} (so it is
 * batched, rate-limited, parallel, checkpointed and resumable), with structured JSON-lines progress as an
 * option. The command line is a thin layer over {@link dev.graphshift.copy.Copy}.
 */
@NullMarked
package dev.graphshift.copy;

import org.jspecify.annotations.NullMarked;
