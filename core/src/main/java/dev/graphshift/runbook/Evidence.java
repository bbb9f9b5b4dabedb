package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import dev.graphshift.validation.ValidationReport;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an action found, kept in the runbook's state for the gates: a backfill that reconciled, a
 * validation that passed, the shadow match rate when reads were cut over. Only a summary is kept (the
 * state is small and survives restarts); the full reports are the actions' return values.
 *
 * <p>Evidence belongs to the phase it was recorded in: rolling back to an earlier phase discards it,
 * so that the work is done again.
 *
 * <p>Immutable.
 *
 * @param kind what it is: {@link #BACKFILL}, {@link #validation(ValidationReport.Mode)}, {@link
 *     #SHADOW}, {@link #CUTOVER}, or an application's own kind
 * @param at when it was recorded, on the runbook's clock
 * @param phase the phase it was recorded in
 * @param passed whether it supports going on
 * @param summary one line for operators
 * @param figures the numbers behind it, by name
 */
public record Evidence(
    String kind, Instant at, MigrationPhase phase, boolean passed, String summary, Map<String, Long> figures) {

  /** The kind of a backfill's evidence. */
  public static final String BACKFILL = "backfill";
  /** The kind of the shadow comparisons' evidence, recorded when reads are cut over. */
  public static final String SHADOW = "shadow";
  /** The kind of the cutover's evidence, recorded when the new database becomes the primary. */
  public static final String CUTOVER = "cutover";

  public Evidence {
    requireNonNull(kind, "kind");
    requireNonNull(at, "at");
    requireNonNull(phase, "phase");
    requireNonNull(summary, "summary");
    figures = Map.copyOf(figures);
  }

  /** The kind of a validation's evidence, one per mode: {@code validation.counts}, {@code validation.sample}, {@code validation.full}. */
  public static String validation(ValidationReport.Mode mode) {
    return "validation." + mode.name().toLowerCase(Locale.ROOT);
  }

  /** One line: {@code kind [passed] at phase: summary}. */
  public String describe() {
    return kind + (passed ? " [passed] " : " [FAILED] ") + at + " in " + phase + ": " + summary
        + (figures.isEmpty() ? "" : " " + new TreeMap<>(figures));
  }
}
