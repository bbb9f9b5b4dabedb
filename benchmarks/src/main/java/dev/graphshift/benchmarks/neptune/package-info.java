/**
 * Throughput of the Neptune adapter against the in-process Gremlin Server, next to the best
 * hand-written {@code gremlin-driver} upsert of the same data measured in the same run.
 */
@NullMarked
package dev.graphshift.benchmarks.neptune;

import org.jspecify.annotations.NullMarked;
