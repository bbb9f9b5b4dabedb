/**
 * Runnable programs on embedded databases: {@link dev.graphshift.examples.Walkthrough}, the zero-downtime
 * walk-through that is the README's main job (a generated graph in an embedded Neo4j, a live workload, and
 * every phase of a migration into an in-process Gremlin Server standing in for Neptune, or the Engram
 * stand-in).
 */
@NullMarked
package dev.graphshift.examples;

import org.jspecify.annotations.NullMarked;
