package dev.graphshift.neo4j;

import dev.graphshift.GraphDatabase;
import dev.graphshift.conformance.GraphDatabaseContract;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The conformance kit against a real Neo4j server in a container (the image {@code NEO4J_IMAGE}, default
 * {@value #DEFAULT_IMAGE}), with authentication on: what the embedded harness cannot show (a separate
 * server process, Bolt over a real socket, credentials). Disabled, with the reason, where no Docker
 * engine is reachable.
 */
@ExtendWith(Neo4jContainerIT.RequiresDocker.class)
class Neo4jContainerIT extends GraphDatabaseContract {
  static final String DEFAULT_IMAGE = "neo4j:5.26-community";
  private static final String PASSWORD = "graphshift-container-it";

  private static GenericContainer<?> container;
  private static Driver driver;

  @BeforeAll
  static void startNeo4j() {
    String image = System.getenv().getOrDefault("NEO4J_IMAGE", DEFAULT_IMAGE);
    container = new GenericContainer<>(DockerImageName.parse(image))
        .withExposedPorts(7687)
        .withEnv("NEO4J_AUTH", "neo4j/" + PASSWORD)
        .waitingFor(Wait.forLogMessage(".*Started.*", 1).withStartupTimeout(Duration.ofMinutes(3)));
    container.start();
    driver = org.neo4j.driver.GraphDatabase.driver("bolt://" + container.getHost() + ":"
        + container.getMappedPort(7687), AuthTokens.basic("neo4j", PASSWORD));
  }

  @AfterAll
  static void stopNeo4j() {
    if (driver != null) {
      driver.close();
    }
    if (container != null) {
      container.stop();
    }
  }

  @Override
  protected GraphDatabase openEmptyDatabase() {
    driver.executableQuery("MATCH (n) DETACH DELETE n").execute();
    return Neo4jGraphDatabase.builder("neo4j-container", driver).keyLabel("Entity").build();
  }

  @Override
  protected Optional<Object> expectedRoundTrip(String kind, Object value) {
    return Neo4jGraphDatabaseIT.widenedVectors(value);
  }

  /** Enables the class only where a Docker engine is reachable. */
  static final class RequiresDocker implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return DockerClientFactory.instance().isDockerAvailable()
          ? ConditionEvaluationResult.enabled("Docker is reachable")
          : ConditionEvaluationResult.disabled("no Docker engine is reachable to run a Neo4j image");
    }
  }
}
