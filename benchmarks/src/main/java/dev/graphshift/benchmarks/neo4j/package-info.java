/**
 * The end-to-end throughput runner of the Neo4j adapter on the embedded Neo4j, with a plain-driver
 * baseline measured in the same run.
 */
@NullMarked
package dev.graphshift.benchmarks.neo4j;

import org.jspecify.annotations.NullMarked;
