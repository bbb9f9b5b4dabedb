package dev.graphshift.backfill;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * What a backfill did, per phase.
 *
 * <p>Immutable.
 *
 * @param name the backfill's name
 * @param startedAt when this run started, by the backfill's clock
 * @param finishedAt when it finished
 * @param resumed whether this run resumed from a checkpoint
 * @param nodes the node phase
 * @param relationships the relationship phase
 */
public record BackfillReport(
    String name,
    Instant startedAt,
    Instant finishedAt,
    boolean resumed,
    BackfillPhaseReport nodes,
    BackfillPhaseReport relationships) {

  public BackfillReport {
    requireNonNull(name, "name");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(finishedAt, "finishedAt");
    requireNonNull(nodes, "nodes");
    requireNonNull(relationships, "relationships");
  }

  /** How long this run took. */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  /** Records read over both phases. */
  public long read() {
    return nodes.read() + relationships.read();
  }

  /** Records written over both phases. */
  public long written() {
    return nodes.written() + relationships.written();
  }

  /** Records skipped over both phases. */
  public long skipped() {
    return nodes.skipped() + relationships.skipped();
  }

  /** Records rejected over both phases. */
  public long rejected() {
    return nodes.rejected() + relationships.rejected();
  }

  /** Whether both phases reconcile (see {@link BackfillPhaseReport#reconciles()}). */
  public boolean reconciles() {
    return nodes.reconciles() && relationships.reconciles();
  }

  /** A readable summary, one line per phase. */
  public String summary() {
    return "backfill '" + name + "'" + (resumed ? " (resumed)" : "") + " in " + duration() + "\n  "
        + nodes.summary() + "\n  " + relationships.summary();
  }
}
