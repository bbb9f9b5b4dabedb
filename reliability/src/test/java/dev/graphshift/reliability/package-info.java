/**
 * The reliability and security suite: each scenario runs the real components against the real
 * in-process servers (the embedded Neo4j, the in-process Gremlin Server standing in for Neptune, the
 * Engram stand-in), injects what production does to a migration (a stopped server, a killed process, a
 * racing backfill, a failing secondary, bad and hostile input, known secrets) and checks that nothing is
 * lost. Loads come from system properties ({@link dev.graphshift.reliability.Loads}); figures are written
 * to {@code target/reliability/*.json} and recorded in {@code docs/reliability.md}.
 */
@NullMarked
package dev.graphshift.reliability;

import org.jspecify.annotations.NullMarked;
