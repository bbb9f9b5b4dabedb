package dev.graphshift.engram;

/**
 * A snapshot of the Engram adapter's counters, for a metrics binding.
 *
 * <p>Immutable.
 *
 * @param requests HTTP requests sent (each attempt counts)
 * @param failedRequests requests that failed (each attempt counts)
 * @param retries requests retried
 * @param remembered memories Engram answered 201 for
 * @param rejected records rejected with a reason (every rule, relationships and deletes included)
 * @param nearDuplicates nodes held back as near-duplicates of another node of their batch
 * @param spaceFull nodes held back because their space would pass the capacity
 * @param verified memories read back by verification
 * @param notStored memories verification found missing or different
 * @param embedderFailures calls of the embedder that failed
 * @param unstableScanPages scan pages during which the space's counter changed (the offset listing may
 *     have shifted)
 * @param listenerFailures listener calls that threw
 */
public record EngramMetrics(
    long requests,
    long failedRequests,
    long retries,
    long remembered,
    long rejected,
    long nearDuplicates,
    long spaceFull,
    long verified,
    long notStored,
    long embedderFailures,
    long unstableScanPages,
    long listenerFailures) {}
