package dev.graphshift.backfill;

import java.time.Instant;
import java.util.List;

/**
 * A backfill started (or resumed from a checkpoint) with its totals counted and its partitions planned.
 *
 * <p>Immutable.
 *
 * @param name the backfill's name
 * @param at when, by the backfill's clock
 * @param resumed whether it resumed from a checkpoint
 * @param nodesTotal the nodes selected, counted up front (an estimate while writes go on)
 * @param relationshipsTotal the relationships selected, counted up front
 * @param partitionIds the ids of every planned partition
 */
public record BackfillStartedEvent(
    String name, Instant at, boolean resumed, long nodesTotal, long relationshipsTotal, List<String> partitionIds) {

  public BackfillStartedEvent {
    partitionIds = List.copyOf(partitionIds);
  }
}
