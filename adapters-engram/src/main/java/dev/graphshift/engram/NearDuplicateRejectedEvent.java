package dev.graphshift.engram;

import java.time.Instant;

/**
 * A node was rejected because its embedding is within cosine 0.95 of an earlier node's of the same batch;
 * Engram would have kept only one of the two while answering 201 for both.
 *
 * <p>Immutable.
 *
 * @param database the adapter's name
 * @param at when, from the adapter's clock
 * @param nodeId the rejected node
 * @param duplicateOf the earlier node of the batch it duplicates, which is written
 * @param similarity their cosine similarity
 */
public record NearDuplicateRejectedEvent(String database, Instant at, String nodeId, String duplicateOf,
    double similarity) {}
