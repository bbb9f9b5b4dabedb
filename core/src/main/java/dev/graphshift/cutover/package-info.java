/**
 * Gradual cutover: {@link dev.graphshift.cutover.GradualCutoverRouter} sends a share of reads, in basis
 * points, to the new database, sticky by a routing key ({@link dev.graphshift.cutover.RoutingHash}, a
 * documented hash with pinned test vectors), with fallback to the other side on failure; a {@link
 * dev.graphshift.cutover.CutoverSchedule} raises the share on its own and {@link
 * dev.graphshift.cutover.HealthGate}s roll it back on their own; {@link
 * dev.graphshift.cutover.GradualCutoverRouter#rollback()}, the JMX {@link
 * dev.graphshift.cutover.CutoverControlMBean} and a shared {@link
 * dev.graphshift.cutover.CutoverControlStore} are the lever an operator pulls in production.
 */
@NullMarked
package dev.graphshift.cutover;

import org.jspecify.annotations.NullMarked;
