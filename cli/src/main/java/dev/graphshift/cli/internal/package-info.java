/**
 * The implementation of the command line: the commands (picocli), the targets file and its environment
 * substitution, the factories of the adapters, and the translation of failures into exit codes and
 * messages that say what to fix. Not API.
 */
@NullMarked
package dev.graphshift.cli.internal;

import org.jspecify.annotations.NullMarked;
