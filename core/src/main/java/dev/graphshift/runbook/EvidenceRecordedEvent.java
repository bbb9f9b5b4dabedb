package dev.graphshift.runbook;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A runbook stored evidence for its gates: a backfill or a validation finished, or an application
 * recorded its own.
 *
 * <p>Immutable.
 *
 * @param runbook the runbook's name
 * @param at when, on the runbook's clock
 * @param evidence what was stored
 */
public record EvidenceRecordedEvent(String runbook, Instant at, Evidence evidence) {

  public EvidenceRecordedEvent {
    requireNonNull(runbook, "runbook");
    requireNonNull(at, "at");
    requireNonNull(evidence, "evidence");
  }
}
