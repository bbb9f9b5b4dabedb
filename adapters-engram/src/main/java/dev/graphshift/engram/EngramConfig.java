package dev.graphshift.engram;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * The settings of an {@link EngramGraphDatabase}, as built. The API key itself is not part of it (only
 * whether one is set), so the record can be logged.
 *
 * <p>Immutable.
 *
 * @param name the adapter's name
 * @param baseUri Engram's HTTP base URI
 * @param partition where memories go
 * @param authenticated whether a bearer API key is sent
 * @param tls whether a custom {@code SSLContext} is used
 * @param connectTimeout the connect timeout
 * @param requestTimeout the timeout of each request
 * @param inFlight the largest number of requests outstanding at once
 * @param confidence the confidence of memories whose node has none
 * @param verification the read-after-write verification
 * @param nearDuplicateWindow the number of consecutive nodes of a batch compared pairwise for near-duplicates
 * @param spaceCapacity the number of memories per space beyond which writes are rejected
 * @param embedder whether an embedder supplies missing embeddings
 * @param maxAttempts the attempts per request, the first included
 * @param initialBackoff the delay before the first retry
 * @param maxBackoff the longest delay between attempts (also the longest {@code Retry-After} honoured)
 * @param queryNames the names of the registered reads
 */
public record EngramConfig(
    String name,
    URI baseUri,
    SpacePartition partition,
    boolean authenticated,
    boolean tls,
    Duration connectTimeout,
    Duration requestTimeout,
    int inFlight,
    double confidence,
    Verification verification,
    int nearDuplicateWindow,
    int spaceCapacity,
    boolean embedder,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Set<String> queryNames) {

  public EngramConfig {
    queryNames = Set.copyOf(queryNames);
  }
}
