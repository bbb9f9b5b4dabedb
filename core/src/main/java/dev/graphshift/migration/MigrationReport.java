package dev.graphshift.migration;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What a run of {@code migrations run} did on one target.
 *
 * <p>Immutable.
 *
 * @param name the migrator's name
 * @param source the source database's name
 * @param target the target database's name
 * @param status whether anything was applied, all was up to date, or the target has no schema
 * @param outcomes one per element of the source's schema (none for a target without schema)
 * @param notes readable remarks (why a run was a no-op, a source without schema)
 * @param startedAt when the run started
 * @param finishedAt when it finished
 */
public record MigrationReport(
    String name, String source, String target, Status status, List<MigrationOutcome> outcomes,
    List<String> notes, Instant startedAt, Instant finishedAt) {

  /** The overall result. */
  public enum Status {
    /** At least one migration was applied. */
    APPLIED,
    /** Every migration had been applied before (or there was none). */
    UP_TO_DATE,
    /** The target has no schema (Neptune, Engram): a reported no-op. */
    NOT_SUPPORTED
  }

  public MigrationReport {
    requireNonNull(name, "name");
    requireNonNull(source, "source");
    requireNonNull(target, "target");
    requireNonNull(status, "status");
    outcomes = List.copyOf(outcomes);
    notes = List.copyOf(notes);
    requireNonNull(startedAt, "startedAt");
    requireNonNull(finishedAt, "finishedAt");
  }

  /** The outcomes with this result. */
  public List<MigrationOutcome> outcomes(MigrationOutcome.Result result) {
    return outcomes.stream().filter(o -> o.result() == result).toList();
  }

  /** A readable report, one line per outcome. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("migrations '").append(name).append("' ").append(source).append(" -> ").append(target)
        .append(": ").append(status).append('\n');
    for (String note : notes) {
      sb.append("  note: ").append(note).append('\n');
    }
    for (MigrationOutcome o : outcomes) {
      sb.append("  ").append(o.result()).append(' ').append(o.migrationName()).append(": ").append(o.detail())
          .append('\n');
    }
    return sb.toString();
  }
}
