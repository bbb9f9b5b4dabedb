package dev.graphshift.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/metrics.md} and the code from drifting: every meter name and tag key of {@link
 * GraphShiftMeters}, and every SLF4J log key any module's main code logs with, must appear in it.
 */
class MetricsDocTest {
  /** The repository root: surefire runs in the module's directory. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path DOC = ROOT.resolve("docs/metrics.md");

  /** A log call whose message starts with a stable key: {@code log.warn("graphshift.x.y name={}"...}. */
  private static final Pattern LOG_CALL =
      Pattern.compile("\\blog\\s*\\.\\s*(?:trace|debug|info|warn|error)\\s*\\(\\s*\"(graphshift\\.[a-z0-9_.]+)");
  /** A key prefix handed to a listener helper, which logs {@code <prefix>.listener_failed}. */
  private static final Pattern LISTENER_PREFIX =
      Pattern.compile("new ListenerSupport<>\\([^;]*?\"(graphshift\\.[a-z0-9_.]+)\"");

  private static String doc() {
    try {
      return Files.readString(DOC, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("docs/metrics.md must exist at " + DOC, e);
    }
  }

  private static Set<String> missingFromDoc(Set<String> names) {
    String doc = doc();
    Set<String> missing = new TreeSet<>();
    for (String n : names) {
      if (!doc.contains("`" + n + "`")) {
        missing.add(n);
      }
    }
    return missing;
  }

  /** Every log key in the main code of every module of the reactor ({@code target} folders left out). */
  static Set<String> logKeys() {
    Set<String> keys = new TreeSet<>();
    try {
      Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          String name = dir.getFileName().toString();
          boolean skip = name.equals("target") || name.startsWith(".");
          return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (file.toString().endsWith(".java") && file.toString().contains("/src/main/java/")) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            Matcher m = LOG_CALL.matcher(source);
            while (m.find()) {
              keys.add(m.group(1));
            }
            Matcher l = LISTENER_PREFIX.matcher(source);
            while (l.find()) {
              keys.add(l.group(1) + ".listener_failed");
            }
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sources under " + ROOT, e);
    }
    return keys;
  }

  @Test
  void shouldDocumentEveryMeterNameAndTagKeyWhenTheyAreConstants() {
    // given
    Set<String> names = Catalog.meterNames();

    // when
    Set<String> missing = missingFromDoc(names);
    missing.addAll(missingFromDoc(Catalog.tagKeys()));

    // then
    assertThat(names).hasSizeGreaterThan(100).allSatisfy(n -> assertThat(n).startsWith(GraphShiftMeters.PREFIX));
    assertThat(missing).as("constants of GraphShiftMeters missing from docs/metrics.md (add a row in backticks)")
        .isEmpty();
  }

  @Test
  void shouldDocumentEveryLogKeyThatTheMainCodeLogsWith() {
    // given
    Set<String> keys = logKeys();

    // when
    Set<String> missing = missingFromDoc(keys);

    // then
    assertThat(keys).as("log keys found").contains("graphshift.dualwrite.secondary_failed",
        "graphshift.backfill.listener_failed", "graphshift.micrometer.component_collected");
    assertThat(missing).as("log keys missing from docs/metrics.md (add them to its log-key tables)").isEmpty();
  }
}
