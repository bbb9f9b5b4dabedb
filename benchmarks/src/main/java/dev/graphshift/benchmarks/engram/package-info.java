/**
 * End-to-end throughput runners for the Engram adapter against the Engram stand-in.
 */
@NullMarked
package dev.graphshift.benchmarks.engram;

import org.jspecify.annotations.NullMarked;
