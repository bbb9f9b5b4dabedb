/** Benchmarks of the dual-write coordinator's caller path. */
@NullMarked
package dev.graphshift.benchmarks.dualwrite;

import org.jspecify.annotations.NullMarked;
