package dev.graphshift.migration;

import static java.util.Objects.requireNonNull;

/**
 * What a run did with one element of the source's schema.
 *
 * <p>Immutable.
 *
 * @param source the element on the source
 * @param target the translated element; equal to {@code source} when the mapping changes nothing, and to
 *     it also when not carried
 * @param result what happened
 * @param detail a readable explanation
 */
public record MigrationOutcome(SchemaElement source, SchemaElement target, Result result, String detail) {

  /** What happened to an element. */
  public enum Result {
    /** Created on the target and recorded as applied. */
    CREATED,
    /** The target had it already (created outside GraphShift); recorded as applied. */
    ALREADY_PRESENT,
    /** Recorded as applied by an earlier run; left alone. */
    ALREADY_APPLIED,
    /** The mapping does not carry its label or type over; nothing to create. */
    NOT_CARRIED
  }

  public MigrationOutcome {
    requireNonNull(source, "source");
    requireNonNull(target, "target");
    requireNonNull(result, "result");
    requireNonNull(detail, "detail");
  }

  /** The name the migration is recorded under on the target. */
  public String migrationName() {
    return target.migrationName();
  }
}
