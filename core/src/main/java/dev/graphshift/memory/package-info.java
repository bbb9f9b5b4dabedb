/**
 * The in-memory database: the full {@link dev.graphshift.GraphDatabase} SPI in one JVM, for JShell, for
 * tests and as the embedded default.
 */
@NullMarked
package dev.graphshift.memory;

import org.jspecify.annotations.NullMarked;
