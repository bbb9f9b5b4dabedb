package dev.graphshift.testing;

import static java.util.Objects.requireNonNull;

/**
 * The settings of an {@link EmbeddedGremlinServer}.
 *
 * <p>Immutable.
 *
 * @param host the host the server binds
 * @param port the port the server binds, kept across restarts
 * @param workerThreads the threads that run traversals
 * @param maxContentLength the largest frame in bytes
 */
public record EmbeddedGremlinServerConfig(String host, int port, int workerThreads, int maxContentLength) {
  public EmbeddedGremlinServerConfig {
    requireNonNull(host, "host");
  }
}
