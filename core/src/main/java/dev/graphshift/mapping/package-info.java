/**
 * Schema mapping: how records of the source become records of the target.
 *
 * <p>{@link dev.graphshift.mapping.RecordMapper} is the contract the backfill, the dual-write coordinator
 * and the validator use, so that a record reaches the target identically by backfill or by dual write.
 * {@link dev.graphshift.mapping.SchemaMapping} is the declaration (built with a builder, read from YAML,
 * or ready-made for Neo4j to Engram and Neo4j to Neptune); {@link dev.graphshift.mapping.SchemaMapper}
 * compiles it into the batch converter that implements {@code RecordMapper}. {@link
 * dev.graphshift.mapping.Embedder} is the service provider interface for generating embeddings, with
 * {@link dev.graphshift.mapping.HashingEmbedder} as a deterministic, non-semantic stand-in; {@link
 * dev.graphshift.mapping.EngramModel} names the properties through which a mapped record represents an
 * Engram memory. The YAML format is documented in {@code docs/mapping.md}.
 */
@NullMarked
package dev.graphshift.mapping;

import org.jspecify.annotations.NullMarked;
