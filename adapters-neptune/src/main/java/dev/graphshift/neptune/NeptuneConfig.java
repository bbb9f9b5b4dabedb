package dev.graphshift.neptune;

import java.time.Duration;
import java.util.Optional;

/**
 * The settings of a {@link NeptuneGraphDatabase}, as its builder fixed them. Holds no credential.
 *
 * <p>Immutable.
 *
 * @param name the name of the database in events, logs, metrics and exceptions
 * @param host the Neptune cluster (writer) endpoint
 * @param port the port, 8182 by default
 * @param tls whether to connect with TLS ({@code wss}); on by default, as Neptune requires
 * @param iamRegion the AWS region to sign for when IAM authentication is on; empty when it is off
 * @param maxConnections the most connections in the driver's pool
 * @param maxInFlightPerConnection the most requests in flight on one connection
 * @param requestTimeout how long one request may take before it counts as failed (and is retried)
 * @param lanes the number of writer lanes, each with one request in flight
 * @param maxRecordsPerRequest the property-record budget of one write request
 * @param maxStepsPerRequest the Gremlin-step budget of one request, at most 1 500
 * @param retryAttempts the most attempts of one request (1 means no retry)
 * @param retryInitialBackoff the delay before the first retry (before jitter)
 * @param retryMaxBackoff the longest delay between two attempts
 * @param valuePolicy what values Neptune has no type for become
 * @param seed the seed of the retry jitter
 */
public record NeptuneConfig(
    String name,
    String host,
    int port,
    boolean tls,
    Optional<String> iamRegion,
    int maxConnections,
    int maxInFlightPerConnection,
    Duration requestTimeout,
    int lanes,
    int maxRecordsPerRequest,
    int maxStepsPerRequest,
    int retryAttempts,
    Duration retryInitialBackoff,
    Duration retryMaxBackoff,
    NeptuneValuePolicy valuePolicy,
    long seed) {

  /** The mode this adapter speaks: Neptune database over Gremlin (not Neptune Analytics). */
  public String mode() {
    return "database";
  }

  /** The Gremlin endpoint, for example {@code wss://my-cluster:8182/gremlin}. */
  public String endpoint() {
    return (tls ? "wss://" : "ws://") + host + ":" + port + "/gremlin";
  }
}
