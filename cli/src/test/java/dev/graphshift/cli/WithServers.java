package dev.graphshift.cli;

import dev.graphshift.testing.EmbeddedGremlinServer;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.testing.EmbeddedNeo4jExtension;
import dev.graphshift.testing.SharedGremlinServerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The in-process servers the command-line tests run against, shared by the whole run (the embedded Neo4j
 * and the Gremlin Server standing in for Neptune), and targets-file snippets that point at them.
 */
@ExtendWith({EmbeddedNeo4jExtension.class, SharedGremlinServerExtension.class})
abstract class WithServers {
  static EmbeddedNeo4j neo4j;
  static EmbeddedGremlinServer gremlin;

  @BeforeAll
  static void servers(EmbeddedNeo4j sharedNeo4j, EmbeddedGremlinServer sharedGremlin) {
    neo4j = sharedNeo4j;
    gremlin = sharedGremlin;
  }

  /** A port nothing listens on (it was free a moment ago). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A {@code targets:} entry for the Gremlin Server as a Neptune target, indented for the targets block. */
  static String neptuneTarget(String name) {
    return """
          %s:
            database: neptune
            mode: database
            host: %s
            port: %d
            tls: false
            retry_attempts: 3
            retry_initial_backoff: 1ms
            retry_max_backoff: 20ms
        """.formatted(name, gremlin.host(), gremlin.port());
  }

  /** A {@code targets:} entry for a Neo4j that nothing serves, failing fast, indented for the targets block. */
  static String unreachableNeo4jTarget(String name, int port) {
    return """
          %s:
            database: neo4j
            uri: bolt://127.0.0.1:%d
            username: neo4j
            password: ${NEO4J_PASSWORD:-unused}
            max_retry_time: 0s
            connection_timeout: 2s
        """.formatted(name, port);
  }
}
