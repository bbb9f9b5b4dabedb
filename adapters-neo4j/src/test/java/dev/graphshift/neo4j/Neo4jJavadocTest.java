package dev.graphshift.neo4j;

import dev.graphshift.conformance.JavadocLint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** This module's javadoc builds without a warning ({@link JavadocLint}). */
class Neo4jJavadocTest {
  @Test
  void shouldBuildTheJavadocWithoutAWarning() {
    JavadocLint.assertClean(Path.of("src/main/java"));
  }
}
