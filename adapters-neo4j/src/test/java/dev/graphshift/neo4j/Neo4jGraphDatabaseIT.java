package dev.graphshift.neo4j;

import dev.graphshift.GraphDatabase;
import dev.graphshift.conformance.GraphDatabaseContract;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.testing.EmbeddedNeo4jExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance kit against the adapter on the shared embedded Neo4j, with the recommended identity
 * setting: property {@code id} under the key label {@code Entity}.
 */
@ExtendWith(EmbeddedNeo4jExtension.class)
class Neo4jGraphDatabaseIT extends GraphDatabaseContract {

  @BeforeAll
  static void connect(EmbeddedNeo4j server) {
    Neo4jTestSupport.connect(server);
  }

  @AfterAll
  static void disconnect() {
    Neo4jTestSupport.disconnect();
  }

  @Override
  protected GraphDatabase openEmptyDatabase() {
    Neo4jTestSupport.neo4j.clear();
    return Neo4jGraphDatabase.builder("neo4j-it", Neo4jTestSupport.driver).keyLabel("Entity").build();
  }

  @Override
  protected Optional<Object> expectedRoundTrip(String kind, Object value) {
    return widenedVectors(value);
  }

  /**
   * The documented conversion: Bolt has only 64-bit floats, so a vector under a property that is not a
   * vector property (the kit writes to {@code value}) reads back as a list of the same numbers.
   */
  static Optional<Object> widenedVectors(Object value) {
    if (value instanceof float[] floats) {
      List<Double> widened = new ArrayList<>();
      for (float f : floats) {
        widened.add((double) f);
      }
      return Optional.of(List.copyOf(widened));
    }
    if (value instanceof double[] doubles) {
      return Optional.of(java.util.Arrays.stream(doubles).boxed().toList());
    }
    return Optional.of(value);
  }
}
