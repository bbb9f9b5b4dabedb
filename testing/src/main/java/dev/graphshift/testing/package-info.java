/**
 * In-process servers for tests and demos: an embedded Neo4j, an in-process Gremlin Server standing in
 * for Amazon Neptune, and a wire-faithful stand-in for Engram's HTTP API. Each can be shared by every
 * test class of a run through a JUnit extension.
 */
@NullMarked
package dev.graphshift.testing;

import org.jspecify.annotations.NullMarked;
