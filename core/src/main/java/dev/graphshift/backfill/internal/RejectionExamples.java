package dev.graphshift.backfill.internal;

import dev.graphshift.Rejected;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A few rejected records per rule, for a report: bounded by rules × {@code maxPerRule}, whatever the
 * number of rejections.
 *
 * <p>Thread-safe.
 */
public final class RejectionExamples {
  private final int maxPerRule;
  private final Map<String, List<Rejected>> byRule = new TreeMap<>();

  public RejectionExamples(int maxPerRule) {
    this.maxPerRule = maxPerRule;
  }

  /** Keeps the first records of each rule until the rule has {@code maxPerRule}. */
  public synchronized void add(List<Rejected> rejected) {
    for (Rejected r : rejected) {
      List<Rejected> kept = byRule.computeIfAbsent(r.rule(), k -> new ArrayList<>());
      if (kept.size() < maxPerRule) {
        kept.add(r);
      }
    }
  }

  /** The examples, grouped by rule in rule order. */
  public synchronized List<Rejected> all() {
    List<Rejected> all = new ArrayList<>();
    for (List<Rejected> kept : byRule.values()) {
      all.addAll(kept);
    }
    return all;
  }

  /** Counts records per rule. */
  public static Map<String, Long> countByRule(List<Rejected> rejected) {
    if (rejected.isEmpty()) {
      return Map.of();
    }
    Map<String, Long> counts = new TreeMap<>();
    for (Rejected r : rejected) {
      counts.merge(r.rule(), 1L, Long::sum);
    }
    return counts;
  }
}
