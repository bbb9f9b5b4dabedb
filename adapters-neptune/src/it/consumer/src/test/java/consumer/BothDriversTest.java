package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graphshift.Node;
import dev.graphshift.neptune.NeptuneGraphDatabase;
import dev.graphshift.testing.EmbeddedGremlinServer;
import io.netty.util.Version;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.ServiceUnavailableException;

/** Both drivers load and work on the classpath a plain consumer gets. */
class BothDriversTest {

  @Test
  void shouldResolveOneNettyLineWithoutIoUringOrTheAwsSdk() {
    Map<String, Version> netty = Version.identify();
    assertTrue(netty.size() > 3, "netty modules found: " + netty.keySet());
    for (Version v : netty.values()) {
      assertTrue(v.artifactVersion().startsWith("4.2."), v.artifactId() + " is " + v.artifactVersion());
    }
    assertThrows(ClassNotFoundException.class, () -> Class.forName("io.netty.channel.uring.IoUring"));
    assertThrows(ClassNotFoundException.class, () -> Class.forName("io.netty.incubator.channel.uring.IOUring"));
    assertThrows(ClassNotFoundException.class,
        () -> Class.forName("software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider"));
  }

  @Test
  void shouldWriteAndReadNeptuneOverGremlinWhenTheNeo4jDriverIsOnTheClasspath() {
    try (EmbeddedGremlinServer server = EmbeddedGremlinServer.start();
         NeptuneGraphDatabase neptune = NeptuneGraphDatabase.builder(server.host())
             .port(server.port()).tls(false).build()) {
      Node ada = Node.of("ada", "Person", Map.of("name", "Ada"));
      assertEquals(1, neptune.upsertNode(ada).written());
      assertEquals(ada, neptune.getNode("ada").orElseThrow());
      assertEquals(1L, neptune.countNodes("Person"));
    }
  }

  @Test
  void shouldFailCleanlyWhenTheNeo4jDriverMeetsAClosedPort() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    try (Driver driver = org.neo4j.driver.GraphDatabase.driver("bolt://127.0.0.1:" + closed, AuthTokens.none())) {
      assertThrows(ServiceUnavailableException.class, driver::verifyConnectivity);
    }
  }
}
