package dev.graphshift.benchmarks.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.Relationship;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {

  private static int index(String nodeId) {
    return Integer.parseInt(nodeId.substring(1));
  }

  @Test
  void shouldKeepASmallerSizesRecordsWhenALargerSizeFollows() {
    // given
    Workload small = new Workload(List.of(new Workload.Size(100, 300)), 42L);
    Workload grown = new Workload(List.of(new Workload.Size(100, 300), new Workload.Size(1000, 3000)), 42L);

    // then: the first size's records are the same, and each stage's relationships end at its own nodes
    for (int i = 0; i < 300; i++) {
      assertThat(grown.relationship(i)).isEqualTo(small.relationship(i));
      assertThat(index(small.relationship(i).startId())).isBetween(0, 99);
      assertThat(index(small.relationship(i).endId())).isBetween(0, 99);
    }
    for (int i = 300; i < 3000; i++) {
      Relationship r = grown.relationship(i);
      assertThat(index(r.startId())).isBetween(0, 999);
      assertThat(index(r.endId())).isBetween(0, 999);
    }
    assertThat(grown.node(7)).isEqualTo(small.node(7));
    assertThat(grown.node(7).properties()).containsEntry("rank", 7L).containsEntry("score", 3.5);
  }

  @Test
  void shouldRefuseSizesThatShrinkAndRelationshipsBeyondTheLargestSize() {
    assertThatThrownBy(() -> new Workload(List.of(new Workload.Size(100, 300), new Workload.Size(50, 400)), 1L))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100:300 then 50:400");
    Workload w = new Workload(List.of(new Workload.Size(10, 20)), 1L);
    assertThatThrownBy(() -> w.relationship(20)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldCompareTheLastFullBatchWithTheFirstAndLeaveShortBatchesOut() {
    // given: full batches of 10, 20, 30 ... 100 ms and a short last one
    BatchTimes times = new BatchTimes(1000);
    for (int i = 1; i <= 10; i++) {
      times.add(1000, i * 10_000_000L);
    }
    times.add(3, 1L);

    // when
    BatchTimes.Summary s = times.summary();

    // then
    assertThat(s.batches()).isEqualTo(11);
    assertThat(s.fullBatches()).isEqualTo(10);
    assertThat(s.firstMillis()).isEqualTo(10.0);
    assertThat(s.secondMillis()).isEqualTo(20.0);
    assertThat(s.lastMillis()).isEqualTo(100.0);
    assertThat(s.lastToFirst()).isEqualTo(10.0);
    assertThat(s.medianMillis()).isEqualTo(55.0);
    assertThat(s.lastTenthToFirstTenth()).isEqualTo(10.0);
  }

  @Test
  void shouldParseTheOptionsAndRefuseUnknownOnes() {
    BackfillThroughputRunner.Options o = BackfillThroughputRunner.Options.parse("--sizes", "10:20,30:40", "--targets",
        "gremlin", "--batch", "7");
    assertThat(o.sizes()).containsExactly(new Workload.Size(10, 20), new Workload.Size(30, 40));
    assertThat(o.targets()).containsExactly(Targets.Kind.GREMLIN);
    assertThat(o.batch()).isEqualTo(7);
    assertThat(o.parallelism()).isEqualTo(dev.graphshift.backfill.Backfiller.DEFAULT_PARALLELISM);
    assertThatThrownBy(() -> BackfillThroughputRunner.Options.parse("--speed", "fast"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("speed");
    assertThatThrownBy(() -> BackfillThroughputRunner.Options.parse("--targets", "neptune"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neptune");
  }
}
