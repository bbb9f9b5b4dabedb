package dev.graphshift.neptune;

import dev.graphshift.testing.EmbeddedGremlinServer;
import java.time.Duration;

/** Builders of adapters pointed at the in-process Gremlin Server. */
final class NeptuneTesting {
  private NeptuneTesting() {}

  /** An adapter for the server: plain ws, short retry delays, four lanes. */
  static NeptuneGraphDatabase.Builder database(EmbeddedGremlinServer server) {
    return NeptuneGraphDatabase.builder(server.host())
        .name("neptune-under-test")
        .port(server.port())
        .tls(false)
        .lanes(4)
        .retryInitialBackoff(Duration.ofMillis(1))
        .retryMaxBackoff(Duration.ofMillis(20));
  }
}
