package dev.graphshift.engram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.Node;
import dev.graphshift.Rules;
import dev.graphshift.WriteResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The adapter against a real Engram server in a container: the image named by {@code ENGRAM_IMAGE}
 * (built from orchard9/engram's {@code deployments/docker/Dockerfile}, for example). Disabled without
 * the variable or without Docker. The container is started with {@code start --port 7432 --grpc-port
 * 50051} (the Dockerfile's own command uses a flag that does not exist) and {@code
 * ENGRAM_HTTP_BIND=0.0.0.0}; {@code ENGRAM_COMMAND} (space-separated) overrides the command. Each test
 * writes to a fresh memory space.
 */
@ExtendWith(RequiresEngramImage.class)
class EngramContainerIT {
  private static final int HTTP_PORT = 7432;
  private static GenericContainer<?> container;
  private EngramGraphDatabase db;

  @BeforeAll
  static void startEngram() {
    String command = System.getenv().getOrDefault("ENGRAM_COMMAND", "start --port 7432 --grpc-port 50051");
    container = new GenericContainer<>(DockerImageName.parse(System.getenv(RequiresEngramImage.IMAGE_VARIABLE)))
        .withExposedPorts(HTTP_PORT)
        .withEnv("ENGRAM_HTTP_BIND", "0.0.0.0")
        .withCommand(command.split(" "))
        .waitingFor(Wait.forHttp("/health").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));
    container.start();
  }

  @AfterAll
  static void stopEngram() {
    if (container != null) {
      container.stop();
    }
  }

  @BeforeEach
  void openAdapter() {
    URI uri = URI.create("http://" + container.getHost() + ":" + container.getMappedPort(
        HTTP_PORT));
    db = EngramGraphDatabase.builder("engram-container", uri)
        .space("it-" + UUID.randomUUID().toString().substring(0, 8))
        .embedder(new HashEmbedder())
        .verification(Verification.full())
        .read("mentions", EngramRead.text("q"))
        .build();
  }

  @AfterEach
  void closeAdapter() {
    db.close();
  }

  @Test
  void shouldRoundTripNodesAsMemoriesWhenTalkingToARealServer() {
    // given
    List<Node> nodes = List.of(Node.of("neo4j:1", "Person", Map.of("name", "Ada", "born", 1815L)),
        new Node("neo4j:2", Set.of("Person", "Admin"), Map.of("name", "Grace")));

    // when
    WriteResult result = db.upsertNodes(nodes);

    // then
    assertThat(result.written()).isEqualTo(2);
    assertThat(db.getNode("neo4j:1")).contains(nodes.get(0));
    assertThat(db.countNodes()).isEqualTo(2);
    assertThat(db.countNodesByLabel()).containsEntry("Person", 2L).containsEntry("Admin", 1L);
    assertThat(db.sampleNodes(10, 1)).containsExactlyInAnyOrderElementsOf(nodes);
    assertThat(db.query("mentions", Map.of("q", "Grace")).ids()).containsExactly("neo4j:2");
  }

  @Test
  void shouldCatchTheSilentDeduplicationOfARealServerWithVerification() {
    // given
    float[] v = HashEmbedder.vector(1);
    db.upsertNode(new Node("a", Set.of("Doc"), Map.of("embedding", v)));

    // when
    WriteResult result = db.upsertNode(new Node("b", Set.of("Doc"), Map.of("embedding", HashEmbedder.near(v, 2))));

    // then
    assertThat(result.rejected()).singleElement().satisfies(r -> assertThat(r.rule()).isEqualTo(Rules.ENGRAM_NOT_STORED));
    assertThat(db.getNode("b")).isEmpty();
  }

  @Test
  void shouldLeaveTheMemoryInPlaceAndRejectTheDeleteWhenAskedToDelete() {
    // given
    db.upsertNode(Node.of("a", "Doc", Map.of()));

    // when
    WriteResult deleted = db.deleteNode("a");

    // then
    assertThat(deleted.rejected()).singleElement().satisfies(r -> assertThat(r.rule()).isEqualTo(Rules.UNSUPPORTED_CAPABILITY));
    assertThat(db.getNode("a")).isPresent();
  }
}
