/**
 * The model and the database SPI that every part of GraphShift is built on.
 *
 * <p>{@link dev.graphshift.Node} and {@link dev.graphshift.Relationship} are the immutable records a
 * migration moves; {@link dev.graphshift.PropertyValues} is the one place that defines which property
 * values they may hold. {@link dev.graphshift.GraphDatabase} is the batch-first SPI implemented by every
 * adapter (Neo4j, Neptune, Engram, in-memory) and by every coordinator, so coordinators compose like
 * decorators. A record that breaks a rule becomes a {@link dev.graphshift.Rejected} value, never an
 * exception; failures of a database are {@link dev.graphshift.GraphShiftException}s, and those a caller may
 * retry carry the {@link dev.graphshift.Retryable} marker.
 */
@NullMarked
package dev.graphshift;

import org.jspecify.annotations.NullMarked;
