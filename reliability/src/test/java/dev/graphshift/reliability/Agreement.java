package dev.graphshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.GraphDatabase;
import dev.graphshift.validation.ValidationDiff;
import dev.graphshift.validation.ValidationReport;
import dev.graphshift.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The end of every scenario that moves data: the {@code Validator}'s full diff must find no difference,
 * and a direct comparison of both databases' scans must agree (two independent checks of one claim).
 *
 * <p>Immutable.
 */
final class Agreement {
  private Agreement() {}

  /**
   * Asserts that the target holds exactly what the source holds; returns the figures (records compared,
   * differences found: zero).
   */
  static Map<String, Object> assertAgree(GraphDatabase source, GraphDatabase target, String what) {
    ValidationReport report = Validator.builder(source, target).name(what).build().full();
    ValidationDiff diff = report.diff().orElseThrow();
    assertThat(diff.differences()).as("%s: the full validation's differences\n%s", what, report.toText()).isEmpty();
    assertThat(diff.isEmpty()).as("%s: missing %s, extra %s, different %s", what, diff.missing(), diff.extra(),
        diff.different()).isTrue();
    assertThat(report.passed()).as("%s: the full validation passed\n%s", what, report.toText()).isTrue();
    Snapshot expected = Snapshot.of(source);
    Snapshot actual = Snapshot.of(target);
    Snapshot.assertSame(expected, actual, what);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("nodes", expected.nodes().size());
    figures.put("relationships", expected.relationships().size());
    figures.put("missing", diff.missing());
    figures.put("extra", diff.extra());
    figures.put("different", diff.different());
    return figures;
  }
}
