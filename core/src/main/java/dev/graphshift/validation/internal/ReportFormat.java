package dev.graphshift.validation.internal;

import dev.graphshift.internal.Json;
import dev.graphshift.validation.CheckResult;
import dev.graphshift.validation.CheckStatus;
import dev.graphshift.validation.CountComparison;
import dev.graphshift.validation.Difference;
import dev.graphshift.validation.ValidationDiff;
import dev.graphshift.validation.ValidationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text and JSON forms of a {@link ValidationReport}.
 *
 * <p>Thread-safe.
 */
public final class ReportFormat {
  private ReportFormat() {}

  /** The JSON document. */
  public static String json(ValidationReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", r.name());
    root.put("mode", r.mode().name());
    root.put("source", r.source());
    root.put("target", r.target());
    root.put("startedAt", r.startedAt());
    root.put("finishedAt", r.finishedAt());
    root.put("seed", r.seed());
    root.put("passed", r.passed());
    List<Object> checks = new ArrayList<>();
    for (CheckResult c : r.checks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("check", c.check().key());
      m.put("status", c.status().name());
      m.put("checked", c.checked());
      m.put("failures", c.failures());
      m.put("rate", c.rate());
      m.put("threshold", c.threshold());
      m.put("examples", c.examples());
      m.put("note", c.note());
      checks.add(m);
    }
    root.put("checks", checks);
    List<Object> counts = new ArrayList<>();
    for (CountComparison c : r.counts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", c.kind() == CountComparison.Kind.LABEL ? "label" : "type");
      m.put("target", c.target());
      m.put("sources", c.sources());
      m.put("expected", c.expected());
      m.put("actual", c.actual());
      counts.add(m);
    }
    root.put("counts", counts);
    root.put("notes", r.notes());
    if (r.diff().isPresent()) {
      ValidationDiff d = r.diff().get();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("missing", d.missing());
      m.put("extra", d.extra());
      m.put("different", d.different());
      m.put("truncated", d.truncated());
      List<Object> differences = new ArrayList<>(d.differences().size());
      for (Difference x : d.differences()) {
        Map<String, Object> dm = new LinkedHashMap<>();
        dm.put("kind", x.kind() == Difference.Kind.NODE ? "node" : "relationship");
        dm.put("type", x.type().name());
        dm.put("sourceId", x.sourceId());
        dm.put("targetId", x.targetId());
        dm.put("detail", x.detail());
        differences.add(dm);
      }
      m.put("differences", differences);
      root.put("diff", m);
    }
    return Json.write(root);
  }

  /** The readable text. */
  public static String text(ValidationReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("validation '").append(r.name()).append("' (").append(r.mode().name().toLowerCase(Locale.ROOT))
        .append(") ").append(r.source()).append(" -> ").append(r.target()).append(": ")
        .append(r.passed() ? "PASS" : "FAIL");
    r.seed().ifPresent(s -> sb.append(" (seed ").append(s).append(')'));
    sb.append('\n');
    for (CheckResult c : r.checks()) {
      sb.append("  ").append(String.format(Locale.ROOT, "%-4s %-12s ",
          c.status() == CheckStatus.NOT_APPLICABLE ? "N/A" : c.status().name(), c.check().key()));
      if (c.status() == CheckStatus.NOT_APPLICABLE) {
        sb.append(c.note()).append('\n');
        continue;
      }
      sb.append(String.format(Locale.ROOT, "%d of %d (%.3f%%), threshold %.3f%%", c.failures(), c.checked(),
          c.rate() * 100, c.threshold() * 100));
      if (!c.note().isEmpty()) {
        sb.append("; ").append(c.note());
      }
      sb.append('\n');
      for (String e : c.examples()) {
        sb.append("         e.g. ").append(e).append('\n');
      }
    }
    for (CountComparison c : r.counts()) {
      sb.append(String.format(Locale.ROOT, "  %-5s %s: expected %d, found %d%s%n",
          c.kind() == CountComparison.Kind.LABEL ? "label" : "type", c.target(), c.expected(), c.actual(),
          c.matches() ? "" : " (" + (c.difference() > 0 ? "+" : "") + c.difference() + ")"));
    }
    r.diff().ifPresent(d -> sb.append("  diff: ").append(d.missing()).append(" missing, ").append(d.extra())
        .append(" extra, ").append(d.different()).append(" different")
        .append(d.truncated() ? " (list truncated)" : "").append('\n'));
    for (String note : r.notes()) {
      sb.append("  note: ").append(note).append('\n');
    }
    return sb.toString();
  }
}
