/**
 * JMH benchmarks of the schema mapper ({@code dev.graphshift.mapping}): batch conversion of driver
 * records through the ready-made mappings, against a baseline that only copies the same payload.
 */
@NullMarked
package dev.graphshift.benchmarks.mapping;

import org.jspecify.annotations.NullMarked;
