package dev.graphshift;

import dev.graphshift.conformance.JavadocLint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The core module's javadoc builds without a warning ({@link JavadocLint}). */
class CoreJavadocTest {
  @Test
  void shouldBuildTheJavadocWithoutAWarning() {
    JavadocLint.assertClean(Path.of("src/main/java"));
  }
}
