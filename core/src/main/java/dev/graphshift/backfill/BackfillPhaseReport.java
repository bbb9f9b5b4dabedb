package dev.graphshift.backfill;

import static java.util.Objects.requireNonNull;

import dev.graphshift.Rejected;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one phase of a backfill did. The counts cover every run of the backfill (a resumed backfill
 * reports what its earlier runs committed as well); the duration and rate cover this run. They
 * reconcile: every record read was written, skipped because the target held its id (a newer
 * dual-written value, or a batch written again after a resume), or rejected with a reason.
 *
 * <p>Immutable.
 *
 * @param phase nodes or relationships
 * @param partitions the partitions of the phase
 * @param read records read from the source
 * @param written records written to the target
 * @param skipped records skipped because the target held their id already
 * @param rejected records rejected by the source scan, the mapper or the target
 * @param rejectedByRule the rejected records per rule
 * @param rejectedExamples a few rejected records per rule, from this run
 * @param duration how long the phase ran in this run
 * @param recordsPerSecond records read per second in this run
 */
public record BackfillPhaseReport(
    BackfillPhase phase,
    int partitions,
    long read,
    long written,
    long skipped,
    long rejected,
    Map<String, Long> rejectedByRule,
    List<Rejected> rejectedExamples,
    Duration duration,
    double recordsPerSecond) {

  public BackfillPhaseReport {
    requireNonNull(phase, "phase");
    rejectedByRule = Map.copyOf(rejectedByRule);
    rejectedExamples = List.copyOf(rejectedExamples);
    requireNonNull(duration, "duration");
  }

  /** Whether {@code read == written + skipped + rejected} and the rules add up to {@code rejected}. */
  public boolean reconciles() {
    long byRule = 0;
    for (long n : rejectedByRule.values()) {
      byRule += n;
    }
    return read == written + skipped + rejected && byRule == rejected;
  }

  /** One line: {@code nodes: read 10, written 8, skipped 1, rejected 1 {value-kind=1} in PT2S (5.0/s)}. */
  public String summary() {
    return phase.key() + ": read " + read + ", written " + written + ", skipped " + skipped + ", rejected "
        + rejected + (rejectedByRule.isEmpty() ? "" : " " + new java.util.TreeMap<>(rejectedByRule))
        + " in " + duration + " (" + String.format(java.util.Locale.ROOT, "%.1f", recordsPerSecond) + "/s)";
  }
}
