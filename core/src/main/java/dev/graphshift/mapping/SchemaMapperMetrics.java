package dev.graphshift.mapping;

/**
 * A snapshot of a {@link SchemaMapper}'s counters since it was built. Counters grow once per batch, so a
 * snapshot taken while batches run may be mid-way through one of them.
 *
 * <p>Immutable.
 *
 * @param name the mapper's name
 * @param nodesMapped nodes mapped (accepted)
 * @param nodesRejected nodes rejected, for any rule
 * @param relationshipsMapped relationships mapped (accepted)
 * @param relationshipsRejected relationships rejected, for any rule
 * @param embeddingsGenerated embeddings generated through the embedder and attached
 * @param embedderFailures calls of the embedder that threw or answered with the wrong number of vectors
 * @param listenerFailures listener calls that threw
 */
public record SchemaMapperMetrics(
    String name,
    long nodesMapped,
    long nodesRejected,
    long relationshipsMapped,
    long relationshipsRejected,
    long embeddingsGenerated,
    long embedderFailures,
    long listenerFailures) {}
