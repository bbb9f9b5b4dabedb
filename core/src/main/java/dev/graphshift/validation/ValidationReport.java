package dev.graphshift.validation;

import static java.util.Objects.requireNonNull;

import dev.graphshift.validation.internal.ReportFormat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of a validation: the verdict of each check against its threshold, with examples of each
 * failure; the count comparisons (for a count validation); and the list of differences (for a full one).
 * It reads as text ({@link #toText()}) and as JSON ({@link #toJson()}).
 *
 * <p>Immutable.
 *
 * @param name the validator's name
 * @param mode counts, sample or full
 * @param source the source database's name
 * @param target the target database's name
 * @param startedAt when the validation started, by the validator's clock
 * @param finishedAt when it finished
 * @param seed the sampling seed (sample mode)
 * @param counts the count comparisons (counts mode)
 * @param checks the verdicts, in {@link Check} order
 * @param notes remarks: records the mapping does not carry, records the source could not read, labels
 *     found only on the target
 * @param diff every difference found (full mode)
 */
public record ValidationReport(
    String name,
    Mode mode,
    String source,
    String target,
    Instant startedAt,
    Instant finishedAt,
    OptionalLong seed,
    List<CountComparison> counts,
    List<CheckResult> checks,
    List<String> notes,
    Optional<ValidationDiff> diff) {

  /** What a validation looked at. */
  public enum Mode {
    /** Counts per label and relationship type. */
    COUNTS,
    /** A deterministic sample of nodes, checked deeply. */
    SAMPLE,
    /** Every record of both sides. */
    FULL
  }

  public ValidationReport {
    requireNonNull(name, "name");
    requireNonNull(mode, "mode");
    requireNonNull(source, "source");
    requireNonNull(target, "target");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(finishedAt, "finishedAt");
    requireNonNull(seed, "seed");
    counts = List.copyOf(counts);
    checks = List.copyOf(checks);
    notes = List.copyOf(notes);
    requireNonNull(diff, "diff");
  }

  /** Whether no check failed. */
  public boolean passed() {
    return checks.stream().allMatch(CheckResult::passed);
  }

  /** The result of one check, if this validation made it. */
  public Optional<CheckResult> check(Check check) {
    return checks.stream().filter(c -> c.check() == check).findFirst();
  }

  /** The checks that failed. */
  public List<CheckResult> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /**
   * The report as one JSON document: {@code name}, {@code mode}, {@code source}, {@code target}, {@code
   * startedAt}, {@code finishedAt}, {@code seed} (or null), {@code passed}; {@code checks}, each with {@code
   * check} ({@link Check#key()}), {@code status}, {@code checked}, {@code failures}, {@code rate}, {@code
   * threshold}, {@code examples} and {@code note}; {@code counts}, each with {@code kind} ({@code label} or
   * {@code type}), {@code target}, {@code sources}, {@code expected} and {@code actual}; {@code notes}; and,
   * for a full validation, {@code diff} with {@code missing}, {@code extra}, {@code different}, {@code
   * truncated} and {@code differences} ({@code kind}, {@code type}, {@code sourceId}, {@code targetId},
   * {@code detail}).
   */
  public String toJson() {
    return ReportFormat.json(this);
  }

  /** The report as readable text: the verdict, one line per check, examples under each failure. */
  public String toText() {
    return ReportFormat.text(this);
  }
}
