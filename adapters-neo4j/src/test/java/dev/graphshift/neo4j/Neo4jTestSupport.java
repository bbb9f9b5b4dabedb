package dev.graphshift.neo4j;

import dev.graphshift.GraphRecord;
import dev.graphshift.Rejected;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.neo4j.internal.Cypher;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.testing.EmbeddedNeo4jExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/**
 * The base of the adapter's integration tests: the run's shared embedded Neo4j, a driver to it, an empty
 * database before each test, and raw Cypher for setting up what the adapter would not write.
 */
@ExtendWith(EmbeddedNeo4jExtension.class)
abstract class Neo4jTestSupport {

  static EmbeddedNeo4j neo4j;
  static Driver driver;

  @BeforeAll
  static void connect(EmbeddedNeo4j server) {
    neo4j = server;
    driver = org.neo4j.driver.GraphDatabase.driver(server.boltUri(), AuthTokens.none());
  }

  @AfterAll
  static void disconnect() {
    driver.close();
  }

  @BeforeEach
  void clear() {
    neo4j.clear();
  }

  /** Runs a statement in its own transaction and returns its rows. */
  static List<Record> cypher(String statement, Map<String, Object> parameters) {
    return driver.executableQuery(statement).withParameters(parameters).execute().records();
  }

  static List<Record> cypher(String statement) {
    return cypher(statement, Map.of());
  }

  /** Every page of a scan, following the cursors to the end. */
  static <T extends GraphRecord> List<ScanPage<T>> pages(Function<ScanRequest, ScanPage<T>> scan, ScanRequest first) {
    List<ScanPage<T>> pages = new ArrayList<>();
    ScanRequest request = first;
    while (true) {
      ScanPage<T> page = scan.apply(request);
      pages.add(page);
      if (page.next().isEmpty()) {
        return pages;
      }
      request = request.after(page.next().get());
    }
  }

  /** The records of every page of a scan. */
  static <T extends GraphRecord> List<T> items(List<ScanPage<T>> pages) {
    List<T> items = new ArrayList<>();
    pages.forEach(p -> items.addAll(p.items()));
    return items;
  }

  /** The rejections of every page of a scan. */
  static List<Rejected> rejected(List<? extends ScanPage<?>> pages) {
    List<Rejected> rejected = new ArrayList<>();
    pages.forEach(p -> rejected.addAll(p.rejected()));
    return rejected;
  }

  /** Drops every constraint and every index but the token-lookup ones, which the server keeps. */
  static void dropSchema(Driver d) {
    for (Record row : d.executableQuery("SHOW CONSTRAINTS YIELD name").execute().records()) {
      d.executableQuery("DROP CONSTRAINT " + Cypher.escape(row.get("name").asString()) + " IF EXISTS").execute();
    }
    for (Record row : d.executableQuery("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'").execute().records()) {
      d.executableQuery("DROP INDEX " + Cypher.escape(row.get("name").asString()) + " IF EXISTS").execute();
    }
  }

  /** An adapter around the shared driver with the key label {@code Entity}. */
  static Neo4jGraphDatabase.Builder adapter() {
    return Neo4jGraphDatabase.builder("neo4j-it", driver).keyLabel("Entity");
  }
}
