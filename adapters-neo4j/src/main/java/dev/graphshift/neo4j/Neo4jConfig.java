package dev.graphshift.neo4j;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of a {@link Neo4jGraphDatabase}, as built. The password is not among them: it goes into the
 * driver's authentication token at build time and is held nowhere else, so this record can be logged.
 *
 * <p>Immutable.
 *
 * @param name the database's name
 * @param uri the Bolt URI, or empty when built from an existing driver
 * @param database the Neo4j database, or empty for the server's default
 * @param username the user, or empty for no authentication (or an existing driver)
 * @param tls the TLS setting, or empty for the URI scheme's default
 * @param ownsDriver whether the adapter created the driver and closes it
 * @param fetchSize records fetched per round trip when streaming results
 * @param batchSize the most records one write transaction carries
 * @param transactionTimeout the server-side limit of every transaction
 * @param maxRetryTime how long the driver retries a transaction that failed transiently
 * @param connectionTimeout how long opening a connection may take
 * @param nodeIdentity which value is a node's id
 * @param keyLabel the label every node carries, whose identity property is unique, if any
 * @param relationshipIdentity which value is a relationship's id
 * @param manageSchema whether the adapter creates the key constraint and relationship identity indexes
 * @param vectorProperties the properties whose lists of floats are vectors
 * @param queries the named reads, name to Cypher statement
 */
public record Neo4jConfig(
    String name,
    Optional<URI> uri,
    Optional<String> database,
    Optional<String> username,
    Optional<Neo4jTls> tls,
    boolean ownsDriver,
    int fetchSize,
    int batchSize,
    Duration transactionTimeout,
    Duration maxRetryTime,
    Duration connectionTimeout,
    Neo4jIdentity nodeIdentity,
    Optional<String> keyLabel,
    Neo4jIdentity relationshipIdentity,
    boolean manageSchema,
    Set<String> vectorProperties,
    Map<String, String> queries) {

  public Neo4jConfig {
    vectorProperties = Set.copyOf(vectorProperties);
    queries = Map.copyOf(queries);
  }
}
