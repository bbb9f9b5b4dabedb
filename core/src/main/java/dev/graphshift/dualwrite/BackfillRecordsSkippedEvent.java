package dev.graphshift.dualwrite;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * The backfill view ({@link DualWriteCoordinator#backfillTarget()}) skipped records because a dual
 * write deleted them (or, for relationships, one of their endpoints) since the backfill read them.
 *
 * <p>Immutable.
 *
 * @param coordinator the coordinator's name
 * @param at when, by the coordinator's clock
 * @param ids the skipped records' ids, as the secondary knows them
 * @param relationships whether they are relationships (else nodes)
 */
public record BackfillRecordsSkippedEvent(String coordinator, Instant at, List<String> ids, boolean relationships) {
  public BackfillRecordsSkippedEvent {
    requireNonNull(coordinator, "coordinator");
    requireNonNull(at, "at");
    ids = List.copyOf(ids);
  }
}
