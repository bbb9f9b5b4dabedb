package dev.graphshift.engram;

import java.time.Instant;

/**
 * Read-after-write verification found that Engram did not keep a memory it answered 201 for.
 *
 * <p>Immutable.
 *
 * @param database the adapter's name
 * @param at when it was found, from the adapter's clock
 * @param nodeId the node whose memory is missing or differs
 * @param space the memory space
 * @param found what GET answered: {@code "404"} or {@code "different content"}
 */
public record MemoryNotStoredEvent(String database, Instant at, String nodeId, String space, String found) {}
