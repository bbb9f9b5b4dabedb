package dev.graphshift.validation;

import static java.util.Objects.requireNonNull;

import dev.graphshift.Rejected;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a repair did with each difference of a full validation: copied from the source over the target
 * (missing and different records, and an "extra" record the source has gained since), deleted from the
 * target (extra records, and different ones the source has lost since), gone (missing from the target
 * and from the source by now: nothing to do), or rejected with a reason (by the mapper or the target).
 * Every difference has exactly one outcome.
 *
 * <p>Immutable.
 *
 * @param name the validator's name
 * @param startedAt when the repair started
 * @param finishedAt when it finished
 * @param differences the differences repaired (those the diff kept)
 * @param nodesUpserted nodes copied from the source
 * @param relationshipsUpserted relationships copied from the source
 * @param nodesDeleted nodes deleted from the target (with their relationships)
 * @param relationshipsDeleted relationships deleted from the target
 * @param gone missing records that the source no longer has either
 * @param rejected records that could not be repaired
 * @param rejectedByRule the rejected records per rule
 * @param rejectedExamples a few rejected records
 * @param diffTruncated whether the diff had more differences than it kept (validate again after this)
 */
public record RepairReport(
    String name,
    Instant startedAt,
    Instant finishedAt,
    long differences,
    long nodesUpserted,
    long relationshipsUpserted,
    long nodesDeleted,
    long relationshipsDeleted,
    long gone,
    long rejected,
    Map<String, Long> rejectedByRule,
    List<Rejected> rejectedExamples,
    boolean diffTruncated) {

  public RepairReport {
    requireNonNull(name, "name");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(finishedAt, "finishedAt");
    rejectedByRule = Map.copyOf(rejectedByRule);
    rejectedExamples = List.copyOf(rejectedExamples);
  }

  /** Whether every difference has exactly one outcome. */
  public boolean reconciles() {
    return differences == nodesUpserted + relationshipsUpserted + nodesDeleted + relationshipsDeleted + gone
        + rejected;
  }

  /** One line. */
  public String summary() {
    return "repair '" + name + "': " + differences + " differences: upserted " + nodesUpserted + " nodes and "
        + relationshipsUpserted + " relationships, deleted " + nodesDeleted + " nodes and " + relationshipsDeleted
        + " relationships, " + gone + " gone from both sides, " + rejected + " rejected"
        + (rejectedByRule.isEmpty() ? "" : " " + new java.util.TreeMap<>(rejectedByRule))
        + (diffTruncated ? "; the diff was truncated: validate again" : "");
  }
}
