package dev.graphshift.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Shares one {@link EmbeddedGremlinServer} among every test class of a run: the first test that asks
 * for one starts it, the root {@link ExtensionContext.Store} keeps it, and JUnit closes it once at the
 * end of the run. Inject it as a parameter of a constructor, a lifecycle method or a test:
 *
 * <pre>{@code
 * @ExtendWith(SharedGremlinServerExtension.class)
 * class SomeIT {
 *   @BeforeEach void setUp(EmbeddedGremlinServer server) { server.clear(); ... }
 * }
 * }</pre>
 *
 * <p>Tests that stop the server must start it again ({@link EmbeddedGremlinServer#restart()}) before
 * they end, so the next class finds it running.
 *
 * <p>Thread-safe.
 */
public final class SharedGremlinServerExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedGremlinServerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedGremlinServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  /** The shared server of this run, started on first use. */
  public static EmbeddedGremlinServer server(ExtensionContext context) {
    EmbeddedGremlinServer server = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent("gremlin-server", k -> EmbeddedGremlinServer.start(), EmbeddedGremlinServer.class);
    server.restart();
    return server;
  }
}
