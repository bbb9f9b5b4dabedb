package dev.graphshift.testing;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Neo4j 5.26 server running inside this JVM (the {@code neo4j-harness}), reachable over Bolt on a
 * free port of the loopback interface. For tests (shared by every test class of a run through {@link
 * EmbeddedNeo4jExtension}) and for the runnable demos, which use it at run time.
 *
 * <pre>{@code
 * try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start()) {
 *   Driver driver = org.neo4j.driver.GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none());
 *   ...
 * }
 * }</pre>
 *
 * <p>The server is set up as the build notes found it works on Java 17 next to netty 4.2 and Gremlin:
 * no HTTP server; the in-JVM "local" Bolt connector off (netty 4.2 rejects its channel); the netty quiet
 * period at zero and a 3 s shutdown timeout, which bring {@link #close()} from about 10 s down to under
 * one; a modest page cache ({@link #DEFAULT_PAGE_CACHE_BYTES}). Authentication is off unless {@link
 * Builder#authEnabled(boolean)} turns it on. The first server of a JVM takes 6 to 9 s to start, later
 * ones about one second.
 *
 * <p>Thread-safe.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

  /** The default page cache: 128 MiB, enough for the 600 000-record benchmark graph. */
  public static final long DEFAULT_PAGE_CACHE_BYTES = 128L * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(EmbeddedNeo4j.class);

  private final Neo4j server;
  private final URI boltUri;
  private final boolean authEnabled;
  private final Duration startupTime;
  private volatile boolean closed;

  private EmbeddedNeo4j(Neo4j server, boolean authEnabled, Duration startupTime) {
    this.server = server;
    this.boltUri = server.boltURI();
    this.authEnabled = authEnabled;
    this.startupTime = startupTime;
  }

  /** Starts a server with the defaults: no authentication, {@link #DEFAULT_PAGE_CACHE_BYTES}. */
  public static EmbeddedNeo4j start() {
    return builder().start();
  }

  /** A builder for a server with other settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** The Bolt address of the server, for example {@code bolt://localhost:41233}. */
  public URI boltUri() {
    return boltUri;
  }

  /**
   * Whether the server asks for credentials. Its only user is {@code neo4j} with the initial password
   * {@code neo4j}, which must be changed before use: tests use such a server to see credentials refused.
   */
  public boolean authEnabled() {
    return authEnabled;
  }

  /** How long the server took to start. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Deletes every node and relationship of the default database, in batches of 10 000, through the
   * in-process API (no Bolt round trip per batch). Constraints and indexes stay.
   *
   * @throws IllegalStateException if the server is closed
   */
  public void clear() {
    requireOpen();
    GraphDatabaseService db = server.defaultDatabaseService();
    db.executeTransactionally("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS");
  }

  /**
   * The in-process database service of the default database, for a test that must look behind the
   * Bolt API (for example at the schema). Empty once the server is closed.
   */
  public Optional<GraphDatabaseService> databaseService() {
    return closed ? Optional.empty() : Optional.of(server.defaultDatabaseService());
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the embedded Neo4j at " + boltUri + " is closed");
    }
  }

  /** Stops the server and deletes its files; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long start = System.nanoTime();
    server.close();
    log.info("graphshift.testing.neo4j_stopped bolt={} millis={}", boltUri,
        Duration.ofNanos(System.nanoTime() - start).toMillis());
  }

  @Override
  public String toString() {
    return "EmbeddedNeo4j[" + boltUri + (closed ? ", closed" : "") + "]";
  }

  /**
   * Builds an {@link EmbeddedNeo4j}. Defaults: authentication off, a page cache of {@link
   * #DEFAULT_PAGE_CACHE_BYTES}.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private long pageCacheBytes = DEFAULT_PAGE_CACHE_BYTES;
    private boolean authEnabled;
    private @Nullable Duration transactionTimeout;

    private Builder() {}

    /**
     * The page cache size in bytes; default {@link #DEFAULT_PAGE_CACHE_BYTES}.
     *
     * @throws IllegalArgumentException if below 8 MiB
     */
    public Builder pageCacheBytes(long bytes) {
      if (bytes < 8L * 1024 * 1024) {
        throw new IllegalArgumentException("pageCacheBytes must be at least 8 MiB: " + bytes);
      }
      this.pageCacheBytes = bytes;
      return this;
    }

    /** Whether the server asks for credentials; default false. */
    public Builder authEnabled(boolean enabled) {
      this.authEnabled = enabled;
      return this;
    }

    /**
     * The server-side limit on any transaction's duration; default none.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder transactionTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("transactionTimeout must be positive: " + timeout);
      }
      this.transactionTimeout = timeout;
      return this;
    }

    /** Starts the server; takes 6 to 9 s for the first server in a JVM, about 1 s afterwards. */
    public EmbeddedNeo4j start() {
      long start = System.nanoTime();
      var builder = Neo4jBuilders.newInProcessBuilder()
          .withDisabledServer()
          .withConfig(BoltConnectorInternalSettings.enable_local_connector, false)
          .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
          .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(3))
          .withConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
          .withConfig(GraphDatabaseSettings.auth_enabled, authEnabled);
      if (transactionTimeout != null) {
        builder = builder.withConfig(GraphDatabaseSettings.transaction_timeout, transactionTimeout);
      }
      Neo4j server = builder.build();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      EmbeddedNeo4j neo4j = new EmbeddedNeo4j(server, authEnabled, took);
      log.info("graphshift.testing.neo4j_started bolt={} millis={}", neo4j.boltUri, took.toMillis());
      return neo4j;
    }
  }
}
