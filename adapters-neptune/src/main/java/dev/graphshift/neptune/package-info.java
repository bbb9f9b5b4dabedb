/**
 * Amazon Neptune (database mode) as a {@link dev.graphshift.GraphDatabase}, over Gremlin with the
 * TinkerPop {@code gremlin-driver}: GraphBinary, bytecode traversals only (never a script built from
 * data), the migration id as the vertex and edge id, single-cardinality properties, multi-label
 * vertices as {@code A::B}, a documented {@link dev.graphshift.neptune.NeptuneValuePolicy} for what
 * Neptune cannot store, requests shaped to Neptune's limits, writer lanes, bounded retries of
 * conflicts, and optional IAM (SigV4) authentication. Start with {@link
 * dev.graphshift.neptune.NeptuneGraphDatabase#builder(String)}.
 */
@NullMarked
package dev.graphshift.neptune;

import org.jspecify.annotations.NullMarked;
