/**
 * A wire-faithful stand-in for Engram's HTTP API ({@link dev.graphshift.testing.engram.EngramStandIn}):
 * a real HTTP server that reproduces the routes, bodies, deduplication, eviction, space routing,
 * authentication and error shapes of the real server, for the Engram adapter's tests, benchmarks and
 * the examples' demo.
 */
@NullMarked
package dev.graphshift.testing.engram;

import org.jspecify.annotations.NullMarked;
