package dev.graphshift.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Shares ONE {@link EmbeddedNeo4j} among every test class of a run: the server is started the first
 * time a test asks for it and closed by JUnit when the run ends, because it lives in the root {@link
 * ExtensionContext.Store} (an {@link AutoCloseable} value there is closed with the root context).
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedNeo4jExtension.class)
 * class MyIT {
 *   @BeforeAll
 *   static void connect(EmbeddedNeo4j neo4j) { ... neo4j.boltUri() ... }
 * }
 * }</pre>
 *
 * <p>Tests that share the server clean the data they need clean ({@link EmbeddedNeo4j#clear()}) before
 * each test; run them one class at a time (the default of JUnit).
 *
 * <p>Thread-safe.
 */
public final class EmbeddedNeo4jExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmbeddedNeo4jExtension.class);
  private static final String KEY = "embedded-neo4j";

  /** Creates the extension; JUnit calls it. */
  public EmbeddedNeo4jExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedNeo4j.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }

  /** The server shared by the whole run, started on first use. */
  public static EmbeddedNeo4j shared(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .computeIfAbsent(KEY, key -> EmbeddedNeo4j.start(), EmbeddedNeo4j.class);
  }
}
