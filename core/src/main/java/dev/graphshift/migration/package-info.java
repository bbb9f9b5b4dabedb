/**
 * Schema migrations, in the manner of nodestream's {@code migrations run}: read the source's uniqueness
 * constraints and indexes, translate them through the mapping, and create the equivalent on a target that
 * has a schema (Neo4j), recording each applied migration on the target and holding a lock so two runs
 * cannot overlap. A target without schema (Neptune, Engram) gets a reported no-op. {@link
 * dev.graphshift.migration.SchemaStore} is the SPI an adapter implements; {@link
 * dev.graphshift.migration.SchemaMigrator} runs it.
 */
@NullMarked
package dev.graphshift.migration;

import org.jspecify.annotations.NullMarked;
