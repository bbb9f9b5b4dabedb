package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.DLQ_COMPACTIONS;
import static dev.graphshift.micrometer.GraphShiftMeters.DLQ_FSYNCS;
import static dev.graphshift.micrometer.GraphShiftMeters.DLQ_JOURNAL_LIVE;
import static dev.graphshift.micrometer.GraphShiftMeters.DLQ_JOURNAL_SIZE;
import static dev.graphshift.micrometer.GraphShiftMeters.DLQ_TORN;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_BACKFILL_RECORDS;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_DEADLETTERED;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_DEADLETTER_DEPTH;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_INFLIGHT;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_PARKED;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_REJECTED;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_RETRIES;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_SECONDARY_DOWN;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_SECONDARY_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_SECONDARY_WRITES;
import static dev.graphshift.micrometer.GraphShiftMeters.DUALWRITE_WRITES;
import static dev.graphshift.micrometer.Meters.count;
import static dev.graphshift.micrometer.Meters.gauge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.DatabaseException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.WriteMode;
import dev.graphshift.backfill.ManualClock;
import dev.graphshift.dualwrite.DeadLetterQueue;
import dev.graphshift.dualwrite.DualWriteCoordinator;
import dev.graphshift.dualwrite.DualWriteMetrics;
import dev.graphshift.dualwrite.FileDeadLetterQueue;
import dev.graphshift.dualwrite.FsyncPolicy;
import dev.graphshift.dualwrite.InMemoryDeadLetterQueue;
import dev.graphshift.faults.FaultyGraphDatabase;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.retry.Backoff;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DualWriteMetricsBinderTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InMemoryGraphDatabase primary = InMemoryGraphDatabase.named("neo4j");
  private final InMemoryGraphDatabase secondaryStore = InMemoryGraphDatabase.named("engram");
  private final ManualClock clock = new ManualClock();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @TempDir
  Path dir;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private DualWriteCoordinator coordinator(GraphDatabase secondary, DeadLetterQueue dlq) {
    DualWriteCoordinator dual = DualWriteCoordinator.builder(primary, secondary)
        .name("orders")
        .deadLetters(dlq)
        .executor(Runnable::run)
        .clock(clock)
        .seed(7)
        .backoff(Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1)).withJitter(0))
        .retryInterval(Duration.ofDays(1))
        .build();
    closing.add(dual);
    return dual;
  }

  private DualWriteMetricsBinder bind(DualWriteCoordinator dual) {
    DualWriteMetricsBinder binder = new DualWriteMetricsBinder(dual);
    binder.bindTo(registry);
    return binder;
  }

  /** Moves the clock past every backoff and retries until the queue is empty or nothing is due. */
  private void drain(DualWriteCoordinator dual) {
    for (int i = 0; i < 20 && dual.deadLetters().depth() > 0; i++) {
      clock.advance(Duration.ofHours(1));
      dual.retryDue();
    }
  }

  private static Node node(String id) {
    return Node.of(id, "Person", Map.of("v", 1L));
  }

  @Test
  void shouldCountWritesOnBothSidesWhenTheSecondaryIsUp() {
    // given
    DualWriteCoordinator dual = coordinator(secondaryStore, InMemoryDeadLetterQueue.create());
    bind(dual);

    // when
    dual.upsertNodes(List.of(node("a"), node("b")));
    dual.deleteNode("b");

    // then
    assertThat(count(registry, DUALWRITE_WRITES, "name", "orders")).isEqualTo(3);
    assertThat(count(registry, DUALWRITE_SECONDARY_WRITES, "name", "orders")).isEqualTo(3);
    assertThat(count(registry, DUALWRITE_SECONDARY_FAILURES, "name", "orders")).isZero();
    assertThat(gauge(registry, DUALWRITE_DEADLETTER_DEPTH, "name", "orders")).isZero();
    assertThat(gauge(registry, DUALWRITE_INFLIGHT, "name", "orders")).isZero();
    assertThat(gauge(registry, DUALWRITE_SECONDARY_DOWN, "name", "orders")).isZero();
  }

  @Test
  void shouldCountTheFailureAndRaiseTheQueueDepthWhenTheSecondaryFailsThenDrainItOnRetry() {
    // given
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(secondaryStore).down();
    DualWriteCoordinator dual = coordinator(secondary, InMemoryDeadLetterQueue.create());
    bind(dual);

    // when
    dual.upsertNode(node("a"));

    // then: the failure is counted and the write waits in the queue
    assertThat(count(registry, DUALWRITE_WRITES, "name", "orders")).isEqualTo(1);
    assertThat(count(registry, DUALWRITE_SECONDARY_FAILURES, "name", "orders")).isEqualTo(1);
    assertThat(count(registry, DUALWRITE_DEADLETTERED, "name", "orders")).isEqualTo(1);
    assertThat(gauge(registry, DUALWRITE_DEADLETTER_DEPTH, "name", "orders")).isEqualTo(1);
    assertThat(gauge(registry, DUALWRITE_SECONDARY_DOWN, "name", "orders")).isEqualTo(1);
    assertThat(count(registry, DUALWRITE_RETRIES, "name", "orders")).isZero();

    // when: the secondary recovers and the retry worker runs
    secondary.up();
    drain(dual);

    // then
    assertThat(secondaryStore.getNode("a")).isPresent();
    assertThat(count(registry, DUALWRITE_RETRIES, "name", "orders")).isEqualTo(1);
    assertThat(count(registry, DUALWRITE_SECONDARY_WRITES, "name", "orders")).isEqualTo(1);
    assertThat(gauge(registry, DUALWRITE_DEADLETTER_DEPTH, "name", "orders")).isZero();
    assertThat(gauge(registry, DUALWRITE_SECONDARY_DOWN, "name", "orders")).isZero();
  }

  @Test
  void shouldShowAParkedEntryWhenTheSecondaryFailsPermanently() {
    // given
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(secondaryStore)
        .failWith(() -> new DatabaseException("engram", "authentication rejected", null)).down();
    DualWriteCoordinator dual = coordinator(secondary, InMemoryDeadLetterQueue.create());
    bind(dual);

    // when
    dual.upsertNode(node("a"));

    // then
    assertThat(gauge(registry, DUALWRITE_PARKED, "name", "orders")).isEqualTo(1);
    assertThat(count(registry, DUALWRITE_SECONDARY_FAILURES, "name", "orders")).isEqualTo(1);
  }

  @Test
  void shouldReadTheSameFiguresAsTheSnapshotWhenTheBackfillViewWritesAndTheSecondaryFails() {
    // given
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(secondaryStore);
    DualWriteCoordinator dual = coordinator(secondary, InMemoryDeadLetterQueue.create());
    bind(dual);

    // when
    dual.upsertNodes(List.of(node("a"), node("b")));
    dual.backfillTarget().upsertNodes(List.of(node("a"), node("c")), WriteMode.INSERT_IF_ABSENT);
    secondary.down();
    dual.upsertNode(node("d"));

    // then: every meter reads what the snapshot says
    DualWriteMetrics m = dual.metrics();
    assertThat(count(registry, DUALWRITE_WRITES, "name", "orders")).isEqualTo(m.writes()).isEqualTo(3);
    assertThat(count(registry, DUALWRITE_SECONDARY_WRITES, "name", "orders")).isEqualTo(m.secondaryWrites());
    assertThat(count(registry, DUALWRITE_SECONDARY_FAILURES, "name", "orders")).isEqualTo(m.secondaryFailures());
    assertThat(count(registry, DUALWRITE_REJECTED, "name", "orders")).isEqualTo(m.rejected());
    assertThat(count(registry, DUALWRITE_BACKFILL_RECORDS, "name", "orders", "outcome", "written"))
        .isEqualTo(m.backfillWritten()).isPositive();
    assertThat(count(registry, DUALWRITE_BACKFILL_RECORDS, "name", "orders", "outcome", "skipped"))
        .isEqualTo(m.backfillSkipped());
    assertThat(gauge(registry, DUALWRITE_DEADLETTER_DEPTH, "name", "orders")).isEqualTo(m.queueDepth()).isEqualTo(1);
  }

  @Test
  void shouldTagEveryMeterWithTheNameAndTheGivenTags() {
    // given
    DualWriteCoordinator dual = coordinator(secondaryStore, InMemoryDeadLetterQueue.create());

    // when
    DualWriteMetricsBinder binder = new DualWriteMetricsBinder(dual, Tags.of("region", "eu-west-1"));
    binder.bindTo(registry);

    // then
    assertThat(binder.meters()).hasSize(17).allSatisfy(meter -> {
      assertThat(meter.getId().getName()).startsWith("graphshift.dualwrite.");
      assertThat(meter.getId().getTags()).contains(Tag.of("name", "orders"), Tag.of("region", "eu-west-1"));
    });
    assertThat(registry.getMeters()).extracting(Meter::getId).containsExactlyInAnyOrderElementsOf(
        binder.meters().stream().map(Meter::getId).toList());
  }

  @Test
  void shouldCountTheJournalsFsyncsAndCompactionsWhenTheDurableQueueTakesDeadLetters() {
    // given: a durable queue forced on every append, and a secondary that is down
    FileDeadLetterQueue journal = FileDeadLetterQueue.builder(dir.resolve("orders.journal"))
        .name("orders-dlq").fsync(FsyncPolicy.EVERY_WRITE).build();
    closing.add(journal);
    DualWriteCoordinator dual = coordinator(new FaultyGraphDatabase(secondaryStore).down(), journal);
    new FileDeadLetterQueueMetricsBinder(journal).bindTo(registry);
    bind(dual);

    // when
    dual.upsertNodes(List.of(node("a"), node("b")));
    journal.compact();

    // then
    assertThat(count(registry, DLQ_FSYNCS, "name", "orders-dlq")).isEqualTo(journal.metrics().fsyncs()).isPositive();
    assertThat(count(registry, DLQ_COMPACTIONS, "name", "orders-dlq")).isEqualTo(1);
    assertThat(gauge(registry, DLQ_JOURNAL_SIZE, "name", "orders-dlq")).isEqualTo(journal.metrics().fileBytes())
        .isPositive();
    assertThat(gauge(registry, DLQ_JOURNAL_LIVE, "name", "orders-dlq")).isEqualTo(journal.metrics().liveBytes())
        .isPositive();
    assertThat(gauge(registry, DLQ_TORN, "name", "orders-dlq")).isZero();
    assertThat(gauge(registry, DUALWRITE_DEADLETTER_DEPTH, "name", "orders")).isEqualTo(journal.depth());
  }
}
