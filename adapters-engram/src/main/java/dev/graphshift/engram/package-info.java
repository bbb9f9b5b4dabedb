/**
 * Engram as a {@link dev.graphshift.GraphDatabase}: {@link dev.graphshift.engram.EngramGraphDatabase} stores
 * nodes as Engram memories over Engram's HTTP API and says plainly what Engram cannot do (relationships,
 * updates, deletes). {@link dev.graphshift.engram.EngramModel} documents how a node becomes a memory;
 * {@link dev.graphshift.engram.SpacePartition}, {@link dev.graphshift.engram.Verification} and {@link
 * dev.graphshift.engram.EngramRead} configure where memories go, how silent drops are caught and how
 * named reads become recalls.
 */
@NullMarked
package dev.graphshift.engram;

import org.jspecify.annotations.NullMarked;
