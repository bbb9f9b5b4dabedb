package dev.graphshift.backfill;

import dev.graphshift.Rejected;
import java.time.Instant;
import java.util.List;

/**
 * Records of one committed batch were rejected (by the source scan, the mapper or the target), each with
 * its rule and message. Every rejected record is reported here, so a listener can keep all of them (in a
 * dead-letter queue, a file); the report keeps only counts per rule and a few examples.
 *
 * <p>Immutable.
 *
 * @param name the backfill's name
 * @param at when, by the backfill's clock
 * @param phase nodes or relationships
 * @param partitionId the partition the batch belongs to
 * @param rejected the rejected records with their reasons
 */
public record BackfillRecordsRejectedEvent(
    String name, Instant at, BackfillPhase phase, String partitionId, List<Rejected> rejected) {

  public BackfillRecordsRejectedEvent {
    rejected = List.copyOf(rejected);
  }
}
