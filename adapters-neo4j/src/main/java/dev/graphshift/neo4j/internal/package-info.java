/**
 * Implementation of the Neo4j adapter: the Cypher statements in one place ({@code Cypher}), scan
 * cursors, the write and scan paths and the translation of driver exceptions. Not API.
 */
@NullMarked
package dev.graphshift.neo4j.internal;

import org.jspecify.annotations.NullMarked;
