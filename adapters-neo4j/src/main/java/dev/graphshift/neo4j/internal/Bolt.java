package dev.graphshift.neo4j.internal;

import dev.graphshift.AuthenticationException;
import dev.graphshift.DatabaseException;
import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.GraphShiftException;
import dev.graphshift.TransientDatabaseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.neo4j.driver.Driver;
import org.neo4j.driver.NotificationClassification;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.RetryableException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs units of work in the driver's managed transactions ({@code executeRead}/{@code executeWrite}), so
 * that the driver retries transient failures with backoff for its configured retry time, and translates
 * what still fails into GraphShift exceptions at this one boundary, keeping the driver's exception as the
 * cause.
 *
 * <p>Design: one short-lived session per call (sessions are cheap and not thread-safe; the driver pools the
 * connections), so concurrent callers never share a session. A unit of work may run more than once when
 * the driver retries it: callers build their results inside it.
 *
 * <p>Thread-safe.
 */
public final class Bolt {

  private static final Logger log = LoggerFactory.getLogger(Bolt.class);
  /** The code of a schema creation that lost a race with an equivalent one. */
  static final String EQUIVALENT_SCHEMA_RULE = "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists";

  private final String name;
  private final Driver driver;
  private final SessionConfig sessionConfig;
  private final TransactionConfig transactionConfig;
  private final LongAdder failures = new LongAdder();
  private final Events events;

  /**
   * Creates a runner.
   *
   * @param name the database's name, for exceptions and logs
   * @param driver the driver, owned by the caller
   * @param database the database to use, or null for the server's default
   * @param fetchSize records fetched per round trip when streaming results
   * @param transactionConfig the timeout of every transaction
   * @param events where failures are reported
   */
  public Bolt(String name, Driver driver, java.util.Optional<String> database, int fetchSize,
      TransactionConfig transactionConfig, Events events) {
    this.name = name;
    this.events = events;
    this.driver = driver;
    SessionConfig.Builder session = SessionConfig.builder()
        .withFetchSize(fetchSize)
        // id() is deprecated in Cypher 5 but is the only way to seek by internal id; do not log it per query
        .withDisabledNotificationClassifications(Set.of(NotificationClassification.DEPRECATION));
    database.ifPresent(session::withDatabase);
    this.sessionConfig = session.build();
    this.transactionConfig = transactionConfig;
  }

  /** Runs a read in a managed read transaction. */
  public <T> T read(String operation, List<String> ids, TransactionCallback<T> work) {
    try (Session session = driver.session(sessionConfig)) {
      return session.executeRead(work, transactionConfig);
    } catch (Neo4jException e) {
      throw translate(operation, ids, e);
    }
  }

  /** Runs a write in a managed write transaction. */
  public <T> T write(String operation, List<String> ids, TransactionCallback<T> work) {
    try (Session session = driver.session(sessionConfig)) {
      return session.executeWrite(work, transactionConfig);
    } catch (Neo4jException e) {
      throw translate(operation, ids, e);
    }
  }

  /**
   * Runs one idempotent schema statement ({@code CREATE ... IF NOT EXISTS}) in its own write transaction.
   *
   * <p>{@code IF NOT EXISTS} does not make concurrent creations of the same element safe: when two
   * transactions create it at once, Neo4j 5 fails the later one with {@code
   * Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists}, a client error the driver does not retry.
   * That outcome means what {@code IF NOT EXISTS} promises (the element exists), so it is answered as "not
   * created" and logged ({@code graphshift.neo4j.schema_created_concurrently}), not thrown.
   *
   * @return whether this statement created the element (the summary counters say so)
   */
  public boolean createSchema(String operation, String statement, Map<String, Object> parameters) {
    try (Session session = driver.session(sessionConfig)) {
      return session.executeWrite(tx -> {
        var counters = tx.run(statement, parameters).consume().counters();
        return counters.constraintsAdded() + counters.indexesAdded() > 0;
      }, transactionConfig);
    } catch (ClientException e) {
      if (EQUIVALENT_SCHEMA_RULE.equals(e.code())) {
        log.info("graphshift.neo4j.schema_created_concurrently name={} operation={}", name, operation);
        return false;
      }
      throw translate(operation, List.of(), e);
    } catch (Neo4jException e) {
      throw translate(operation, List.of(), e);
    }
  }

  /** How many calls failed with an exception after the driver's retries. */
  public long failures() {
    return failures.sum();
  }

  /**
   * Translates a driver exception: unreachable server to {@link DatabaseUnavailableException}, any other
   * retryable failure (transient errors, expired sessions or authorizations) to {@link
   * TransientDatabaseException}, refused credentials to {@link AuthenticationException}, the rest (client
   * errors, constraint violations, server faults) to {@link DatabaseException} with the ids of the records
   * the request carried.
   */
  public GraphShiftException translate(String operation, List<String> ids, Neo4jException e) {
    failures.increment();
    String message = operation + " failed: " + e.getClass().getSimpleName() + " " + e.code() + ": " + e.getMessage();
    GraphShiftException translated;
    if (e instanceof ServiceUnavailableException) {
      translated = new DatabaseUnavailableException(name, message, ids, e);
    } else if (e instanceof RetryableException) {
      translated = new TransientDatabaseException(name, message, ids, e);
    } else if (e instanceof org.neo4j.driver.exceptions.AuthenticationException) {
      translated = new AuthenticationException(name, message, e);
    } else {
      translated = new DatabaseException(name, message, ids, e);
    }
    log.warn("graphshift.neo4j.operation_failed name={} operation={} records={} error={}", name, operation,
        ids.size(), translated.getClass().getSimpleName());
    events.failed(operation, ids, translated);
    return translated;
  }
}
