package dev.graphshift.neptune;

import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.conformance.GraphDatabaseContract;
import dev.graphshift.testing.EmbeddedGremlinServer;
import dev.graphshift.testing.SharedGremlinServerExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance kit on the Neptune adapter against the in-process Gremlin Server. Values are declared
 * through the value policy's own read-back rules ({@link NeptuneValuePolicy#readBack(Object, boolean)}),
 * which {@link NeptuneValuePolicyTest} pins value by value.
 */
@ExtendWith(SharedGremlinServerExtension.class)
class NeptuneGraphDatabaseConformanceIT extends GraphDatabaseContract {
  private final EmbeddedGremlinServer server;
  private final NeptuneValuePolicy policy = NeptuneValuePolicy.defaults();

  NeptuneGraphDatabaseConformanceIT(EmbeddedGremlinServer server) {
    this.server = server;
  }

  @Override
  protected GraphDatabase openEmptyDatabase() {
    server.clear();
    return NeptuneTesting.database(server).build();
  }

  @Override
  protected Node adapt(Node node) {
    Map<String, Object> properties = new HashMap<>();
    // a value the policy rejects stays as it is, so that the write rejects the node
    node.properties().forEach((k, v) -> properties.put(k, policy.readBack(v, false).orElse(v)));
    return node.withProperties(properties);
  }

  @Override
  protected Optional<Object> expectedRoundTrip(String kind, Object value) {
    return policy.readBack(value, false);
  }
}
