package dev.graphshift.neptune;

import dev.graphshift.conformance.JavadocLint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** This module's javadoc builds without a warning ({@link JavadocLint}). */
class NeptuneJavadocTest {
  @Test
  void shouldBuildTheJavadocWithoutAWarning() {
    JavadocLint.assertClean(Path.of("src/main/java"));
  }
}
