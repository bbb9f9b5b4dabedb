package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_BATCHES;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_DONE;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_DURATION;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_PARTITIONS;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_PARTITIONS_ACTIVE;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_RECORDS;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_RUNNING;
import static dev.graphshift.micrometer.GraphShiftMeters.BACKFILL_TOTAL;
import static dev.graphshift.micrometer.Meters.count;
import static dev.graphshift.micrometer.Meters.gauge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.Node;
import dev.graphshift.backfill.BackfillBatchCommittedEvent;
import dev.graphshift.backfill.BackfillListener;
import dev.graphshift.backfill.BackfillMetrics;
import dev.graphshift.backfill.BackfillReport;
import dev.graphshift.backfill.Backfiller;
import dev.graphshift.backfill.Graphs;
import dev.graphshift.backfill.InMemoryCheckpointStore;
import dev.graphshift.backfill.ManualClock;
import dev.graphshift.memory.InMemoryGraphDatabase;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackfillMetricsBinderTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InMemoryGraphDatabase source = Graphs.sourceGraph("neo4j", 120);
  private final InMemoryGraphDatabase target = InMemoryGraphDatabase.named("engram");
  private final ManualClock clock = new ManualClock();

  /** Moves the clock a second per committed batch, so that a run has a known, non-zero duration. */
  private final BackfillListener secondPerBatch = new BackfillListener() {
    @Override
    public void onBatchCommitted(BackfillBatchCommittedEvent event) {
      clock.advance(Duration.ofSeconds(1));
    }
  };

  @Test
  void shouldCountRecordsPerPhaseAndOutcomeAndTimeTheRunWhenTheBackfillCompletes() {
    // given: one node already on the target, so it is skipped
    Node present = source.getNode(Graphs.nodeId(3)).orElseThrow();
    target.upsertNode(present.withProperties(Map.of("name", "written by the application")));
    Backfiller backfill = Backfiller.builder(source, target)
        .name("initial-load")
        .batchSize(25)
        .parallelism(2)
        .checkpoints(new InMemoryCheckpointStore())
        .clock(clock)
        .listener(secondPerBatch)
        .listener(new MeteringListener(registry))
        .build();
    new BackfillMetricsBinder(backfill).bindTo(registry);
    assertThat(gauge(registry, BACKFILL_RUNNING, "name", "initial-load")).isZero();

    // when
    BackfillReport report = backfill.run();

    // then: the meters read what the snapshot holds
    BackfillMetrics m = backfill.metrics();
    assertThat(count(registry, BACKFILL_RECORDS, "name", "initial-load", "phase", "nodes", "outcome", "read"))
        .isEqualTo(m.nodesRead()).isEqualTo(source.countNodes());
    assertThat(count(registry, BACKFILL_RECORDS, "name", "initial-load", "phase", "nodes", "outcome", "written"))
        .isEqualTo(m.nodesWritten()).isEqualTo(source.countNodes() - 1);
    assertThat(count(registry, BACKFILL_RECORDS, "name", "initial-load", "phase", "nodes", "outcome", "skipped"))
        .isEqualTo(1);
    assertThat(count(registry, BACKFILL_RECORDS, "name", "initial-load", "phase", "relationships", "outcome",
        "written")).isEqualTo(m.relationshipsWritten()).isEqualTo(source.countRelationships());
    assertThat(count(registry, BACKFILL_RECORDS, "name", "initial-load", "phase", "relationships", "outcome",
        "rejected")).isZero();
    assertThat(count(registry, BACKFILL_BATCHES, "name", "initial-load")).isEqualTo(m.batchesCommitted()).isPositive();
    assertThat(count(registry, BACKFILL_PARTITIONS, "name", "initial-load", "outcome", "completed"))
        .isEqualTo(m.partitionsCompleted()).isPositive();
    assertThat(count(registry, BACKFILL_PARTITIONS, "name", "initial-load", "outcome", "failed")).isZero();
    assertThat(gauge(registry, BACKFILL_PARTITIONS_ACTIVE, "name", "initial-load")).isZero();
    assertThat(gauge(registry, BACKFILL_DONE, "name", "initial-load")).isEqualTo(m.done())
        .isEqualTo(gauge(registry, BACKFILL_TOTAL, "name", "initial-load"))
        .isEqualTo(source.countNodes() + source.countRelationships());
    // and: the run is timed, by the backfill's clock
    Timer duration = registry.get(BACKFILL_DURATION).tags("name", "initial-load", "resumed", "false").timer();
    assertThat(duration.count()).isEqualTo(1);
    assertThat(duration.totalTime(TimeUnit.SECONDS))
        .isEqualTo(Duration.between(report.startedAt(), report.finishedAt()).toSeconds())
        .isEqualTo(m.batchesCommitted());
  }
}
