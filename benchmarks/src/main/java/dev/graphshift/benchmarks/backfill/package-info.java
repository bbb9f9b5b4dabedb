/**
 * The end-to-end backfill throughput runner: embedded Neo4j to an in-memory target and to the
 * in-process Gremlin Server through the Neptune adapter, with the source's read-only rate and the
 * target's write-only rate measured in the same run as the baseline of the backfill's rate.
 */
@NullMarked
package dev.graphshift.benchmarks.backfill;

import org.jspecify.annotations.NullMarked;
