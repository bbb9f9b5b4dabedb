package dev.graphshift.engram;

import dev.graphshift.conformance.JavadocLint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** This module's javadoc builds without a warning ({@link JavadocLint}). */
class EngramJavadocTest {
  @Test
  void shouldBuildTheJavadocWithoutAWarning() {
    JavadocLint.assertClean(Path.of("src/main/java"));
  }
}
