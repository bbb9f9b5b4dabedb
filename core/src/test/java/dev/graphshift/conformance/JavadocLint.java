package dev.graphshift.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Runs the JDK's doclint (the checker javadoc runs) over a module's main sources, in-process through
 * the compiler, and fails on any warning or error: the check that the API's documentation builds
 * cleanly, kept in the test suite so that it cannot rot. The compiler is used rather than javadoc itself
 * because it checks the same comments without writing HTML, in a fraction of the time. The lint is
 * {@code -Xdoclint:all,-missing}: every reference resolves, every tag and every piece
 * of HTML is well formed and accessible; {@code @param} and {@code @return} are written where they say
 * more than the sentence above them (the house style), so their absence is not a warning.
 * {@code internal} packages are linted too: they are read as often as the API.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public final class JavadocLint {
  private JavadocLint() {}

  /**
   * Lints every {@code .java} file below {@code sourceRoot} against the test's own class path.
   *
   * @throws AssertionError listing every diagnostic, when there is one
   */
  public static void assertClean(Path sourceRoot) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter out = new StringWriter();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      Path destination = Files.createTempDirectory("graphshift-doclint");
      List<String> options = List.of("-Xdoclint:all,-missing", "-proc:none", "-d", destination.toString(),
          "-classpath", classPath(), "-Xmaxwarns", "1000", "-Xmaxerrs", "1000");
      Boolean ok = compiler.getTask(out, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(
          sources(sourceRoot))).call();
      List<String> problems = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() != Diagnostic.Kind.NOTE && d.getKind() != Diagnostic.Kind.OTHER) {
          problems.add(d.getKind() + " " + (d.getSource() == null ? "" : d.getSource().getName()) + ":"
              + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
        }
      }
      assertThat(problems).as("doclint of %s (tool output: %s)", sourceRoot, out).isEmpty();
      assertThat(ok).as("doclint of %s succeeded (tool output: %s)", sourceRoot, out).isTrue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> sources(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** Surefire and failsafe put the real class path in this property; a plain JVM in java.class.path. */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }
}
