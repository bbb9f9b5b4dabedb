package dev.graphshift.dualwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.Checked;
import dev.graphshift.DatabaseException;
import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import dev.graphshift.TransientDatabaseException;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.conformance.Eventually;
import dev.graphshift.faults.FaultyGraphDatabase;
import dev.graphshift.mapping.RecordMapper;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DualWriteCoordinatorTest {

  private static final Executor SAME_THREAD = Runnable::run;
  private static final Duration LONG = Duration.ofDays(1);

  private final InMemoryGraphDatabase primaryStore = InMemoryGraphDatabase.named("primary");
  private final InMemoryGraphDatabase secondaryStore = InMemoryGraphDatabase.named("secondary");
  private final MutableClock clock = MutableClock.atEpochDay();
  private final InMemoryDeadLetterQueue dlq = InMemoryDeadLetterQueue.create();
  private final RecordingListener events = new RecordingListener();
  private final List<DualWriteCoordinator> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(DualWriteCoordinator::close);
  }

  private DualWriteCoordinator.Builder builder(GraphDatabase primary, GraphDatabase secondary) {
    return DualWriteCoordinator.builder(primary, secondary)
        .name("test")
        .deadLetters(dlq)
        .clock(clock)
        .seed(7)
        .backoff(Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1)).withJitter(0))
        .retryInterval(LONG)
        .listener(events);
  }

  private DualWriteCoordinator open(DualWriteCoordinator.Builder builder) {
    DualWriteCoordinator c = builder.build();
    opened.add(c);
    return c;
  }

  private static Node node(String id, int v) {
    return Node.of(id, "Person", Map.of("v", v));
  }

  /** Moves the clock past every backoff and retries until the queue is empty or nothing is due. */
  private void drain(DualWriteCoordinator dual) {
    for (int i = 0; i < 100 && dual.deadLetters().size() > 0; i++) {
      clock.advance(Duration.ofHours(1));
      if (dual.retryDue() == 0 && dual.deadLetters().depth() == 0) {
        return;
      }
    }
  }

  @Test
  void shouldAnswerWithThePrimaryAndApplyTheSecondaryWhenBothAreUp() {
    // given
    DualWriteCoordinator dual = open(builder(primaryStore, secondaryStore).executor(SAME_THREAD));

    // when
    WriteResult result = dual.upsertNodes(List.of(node("a", 1), node("b", 1)));
    dual.upsertRelationship(Relationship.of("r", "KNOWS", "a", "b", Map.of("v", 1)));
    dual.deleteNode("b");

    // then
    assertThat(result.written()).isEqualTo(2);
    assertThat(secondaryStore.getNode("a")).contains(node("a", 1));
    assertThat(secondaryStore.getNode("b")).isEmpty();
    assertThat(secondaryStore.getRelationship("r")).isEmpty();
    assertThat(dual.metrics().writes()).isEqualTo(4);
    assertThat(dual.metrics().secondaryWrites()).isEqualTo(4);
    assertThat(dual.caughtUp()).isTrue();
    assertThat(dual.capabilities()).isEqualTo(primaryStore.capabilities());
    assertThat(dual.getNode("a")).contains(node("a", 1));
  }

  @Test
  void shouldFailTheCallAndSendNothingWhenThePrimaryFails() {
    // given
    FaultyGraphDatabase primary = new FaultyGraphDatabase(primaryStore).down();
    DualWriteCoordinator dual = open(builder(primary, secondaryStore).executor(SAME_THREAD));

    // when / then
    assertThatThrownBy(() -> dual.upsertNode(node("a", 1))).isInstanceOf(DatabaseUnavailableException.class);
    assertThatThrownBy(() -> dual.deleteNode("a")).isInstanceOf(DatabaseUnavailableException.class);
    assertThat(secondaryStore.countNodes()).isZero();
    assertThat(dual.metrics().writes()).isZero();
    assertThat(dlq.size()).isZero();
  }

  @Test
  void shouldDeadLetterAFailedWriteAndApplyItWhenRetriedAfterTheSecondaryRecovers() {
    // given
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(secondaryStore).down();
    DualWriteCoordinator dual = open(builder(primaryStore, secondary).executor(SAME_THREAD));

    // when
    WriteResult result = dual.upsertNode(node("a", 1));

    // then: the caller got the primary's answer, the write waits in the queue
    assertThat(result.written()).isEqualTo(1);
    assertThat(dlq.size()).isEqualTo(1);
    assertThat(events.failed).singleElement().satisfies(e -> assertThat(e.ids()).containsExactly("a"));
    assertThat(events.deadLettered).extracting(DeadLetteredEvent::cause).containsExactly(DeadLetteredEvent.Cause.FAILED);
    assertThat(dual.metrics().secondaryDown()).isTrue();

    // when: the secondary recovers
    secondary.up();
    drain(dual);

    // then
    assertThat(secondaryStore.getNode("a")).contains(node("a", 1));
    assertThat(dlq.size()).isZero();
    assertThat(dual.metrics().retries()).isEqualTo(1);
    assertThat(events.retried).anySatisfy(e -> assertThat(e.succeeded()).isTrue());
    assertThat(dual.caughtUp()).isTrue();
  }

  @Test
  void shouldApplyLaterWritesOfAnIdBehindAFailedOneWhenRetrying() {
    // given: v1 fails, then v2 and a delete of the same id follow while it waits
    FaultyGraphDatabase faulty = new FaultyGraphDatabase(secondaryStore)
        .failWith(() -> new TransientDatabaseException("secondary", "write conflict", null)).down();
    GatedGraphDatabase recorded = new GatedGraphDatabase(faulty, true);
    DualWriteCoordinator dual = open(builder(primaryStore, recorded).executor(SAME_THREAD));
    secondaryStore.upsertNode(node("x", 0));

    // when
    dual.upsertNode(node("x", 1));
    clock.advance(Duration.ofHours(1));
    dual.upsertNode(node("x", 2));
    dual.deleteNode("x");
    dual.upsertNode(node("other", 1));
    faulty.up();
    drain(dual);

    // then: the delete was applied last; nothing overtook anything
    assertThat(secondaryStore.getNode("x")).isEmpty();
    assertThat(primaryStore.getNode("x")).isEmpty();
    assertThat(secondaryStore.getNode("other")).contains(node("other", 1));
    List<String> xWrites = recorded.log().stream().filter(s -> s.contains(":x")).toList();
    assertThat(xWrites).last().isEqualTo("deleteNode:x");
    assertThat(xWrites.indexOf("deleteNode:x")).isGreaterThan(xWrites.lastIndexOf("upsertNode:x:2"));
    assertThat(events.deadLettered).extracting(DeadLetteredEvent::cause).contains(DeadLetteredEvent.Cause.FAILED);
    assertThat(dlq.size()).isZero();
  }

  @Test
  void shouldKeepTheLastWriteLastWhenAnEarlierOneReachesTheQueueAfterIt() {
    // given: the secondary is down; v1 is being sent, v2 waits behind it in the scheduler
    java.util.ArrayDeque<Runnable> executor = new java.util.ArrayDeque<>();
    FaultyGraphDatabase faulty = new FaultyGraphDatabase(secondaryStore).down();
    DualWriteCoordinator[] self = new DualWriteCoordinator[1];
    AtomicBoolean wroteV3 = new AtomicBoolean();
    DualWriteCoordinator dual = open(builder(primaryStore, faulty).executor(executor::add).parallelism(1)
        .listener(new DualWriteListener() {
          @Override
          public void onDeadLettered(DeadLetteredEvent event) {
            // when: v1 has just failed into the queue, and v2 has not reached it yet, v3 is written
            if (event.cause() == DeadLetteredEvent.Cause.FAILED && wroteV3.compareAndSet(false, true)) {
              self[0].upsertNode(node("x", 3));
            }
          }
        }));
    self[0] = dual;
    dual.upsertNode(node("x", 1));
    dual.upsertNode(node("x", 2));
    executor.poll().run();
    faulty.up();
    drain(dual);

    // then: v3, the primary's last write, is the secondary's last write too
    assertThat(wroteV3).isTrue();
    assertThat(primaryStore.getNode("x")).contains(node("x", 3));
    assertThat(secondaryStore.getNode("x")).contains(node("x", 3));
    assertThat(executor).isEmpty();
  }

  @Test
  void shouldNotHandOutADeadLetterWhileAnEarlierWriteOfItsIdIsStillQueued() {
    // given: v1 of x hangs on its way to the secondary; the delete of x spills into the queue behind it
    GatedGraphDatabase hanging = new GatedGraphDatabase(secondaryStore, false);
    HistoryRecorder history = new HistoryRecorder();
    DualWriteCoordinator dual = DualWriteCoordinator.builder(primaryStore, hanging)
        .name("test").clock(clock).retryInterval(LONG).capacity(1).batchSize(1).parallelism(1)
        .deadLetters(history.record("dlq", dlq)).build();
    opened.add(dual);
    dual.upsertNode(node("x", 1));
    Eventually.await("v1 to hang on its way to the secondary", () -> hanging.waiting() == 1);
    dual.deleteNode("x");

    // when
    int tried = dual.retryDue();

    // then: the delete was not even taken (v1 could still fail into the queue ahead of it)
    assertThat(tried).isZero();
    assertThat(history.lines()).noneMatch(l -> l.contains(" take "));
    assertThat(dlq.pending(10)).as("%s", history.lines()).singleElement()
        .satisfies(d -> assertThat(d.operation()).isEqualTo(new WriteOperation.DeleteNode("x")));

    // when
    hanging.open();
    Eventually.await("v1 to reach the secondary", () -> dual.metrics().inFlight() == 0);
    drain(dual);

    // then
    assertThat(secondaryStore.getNode("x")).isEmpty();
    assertThat(hanging.log()).containsExactly("upsertNode:x:1", "deleteNode:x");
  }

  @Test
  void shouldNotBringBackADetachedRelationshipWhenItsUpsertWasDelayed() {
    // given: a relationship upsert fails and waits; then its start node is deleted and re-created
    FaultyGraphDatabase faulty = new FaultyGraphDatabase(secondaryStore);
    DualWriteCoordinator dual = open(builder(primaryStore, faulty).executor(SAME_THREAD));
    dual.upsertNodes(List.of(node("a", 1), node("b", 1)));
    faulty.down();

    // when
    dual.upsertRelationship(Relationship.of("r", "KNOWS", "a", "b", Map.of("v", 1)));
    dual.deleteNode("a");
    dual.upsertNode(node("a", 2));
    faulty.up();
    drain(dual);

    // then: as on the primary, the relationship died with the delete of its node
    assertThat(primaryStore.getRelationship("r")).isEmpty();
    assertThat(secondaryStore.getRelationship("r")).isEmpty();
    assertThat(secondaryStore.getNode("a")).contains(node("a", 2));
    assertThat(dlq.size()).isZero();
  }

  @Test
  void shouldReturnWhileTheSecondaryHangsAndSpillBeyondTheCapacity() throws Exception {
    // given: a secondary whose writes hang until the test opens the gate
    GatedGraphDatabase hanging = new GatedGraphDatabase(secondaryStore, false);
    DualWriteCoordinator dual = open(builder(primaryStore, hanging).capacity(5).batchSize(1).parallelism(1));
    AtomicBoolean done = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      for (int i = 0; i < 50; i++) {
        dual.upsertNode(node("n" + i, i));
      }
      done.set(true);
    });

    // when
    writer.start();

    // then: every call returned although no secondary write ever finished
    Eventually.await("all 50 writes to return while the secondary hangs", done::get);
    assertThat(hanging.waiting()).isEqualTo(1);
    assertThat(secondaryStore.countNodes()).isZero();
    assertThat(primaryStore.countNodes()).isEqualTo(50);
    DualWriteMetrics m = dual.metrics();
    assertThat(m.inFlight()).isLessThanOrEqualTo(5);
    assertThat(m.spilled()).isEqualTo(50 - m.inFlight());
    assertThat(dlq.size()).isEqualTo(m.spilled());

    // when: the secondary comes back
    hanging.open();
    writer.join();
    Eventually.await("queued writes to finish", () -> dual.metrics().inFlight() == 0);
    drain(dual);

    // then
    assertThat(secondaryStore.countNodes()).isEqualTo(50);
    assertThat(dual.caughtUp()).isTrue();
  }

  @Test
  void shouldParkAfterTheMaxAttemptsAndQueueLaterWritesBehindTheParkedOne() {
    // given
    FaultyGraphDatabase faulty = new FaultyGraphDatabase(secondaryStore)
        .failWith(() -> new TransientDatabaseException("secondary", "timeout", null)).down();
    DualWriteCoordinator dual = open(builder(primaryStore, faulty).executor(SAME_THREAD).maxAttempts(3));

    // when
    dual.upsertNode(node("x", 1));
    drain(dual);

    // then
    assertThat(dlq.parkedCount()).isEqualTo(1);
    DeadLetter parked = dlq.parked(10).get(0);
    assertThat(parked.attempts()).isEqualTo(3);
    assertThat(parked.failures()).hasSize(4).last().asString().contains("gave up after 3 attempts");
    assertThat(events.parked).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo("x");
      assertThat(e.failure().getSuppressed()).hasSize(2);
      assertThat(e.failure().getCause()).isInstanceOf(TransientDatabaseException.class);
    });
    assertThat(dual.metrics().parked()).isEqualTo(1);

    // when: a later write of the same id arrives, the secondary recovers, and a human replays the entry
    faulty.up();
    clock.advance(Duration.ofHours(1));
    dual.upsertNode(node("x", 2));
    drain(dual);
    assertThat(secondaryStore.getNode("x")).as("nothing overtakes a parked entry").isEmpty();
    assertThat(dlq.unpark(parked.sequence(), clock.instant())).isTrue();
    drain(dual);

    // then
    assertThat(secondaryStore.getNode("x")).contains(node("x", 2));
    assertThat(dlq.size()).isZero();
  }

  @Test
  void shouldParkAtOnceWithTheReasonWhenTheFailureIsPermanent() {
    // given
    FaultyGraphDatabase faulty = new FaultyGraphDatabase(secondaryStore)
        .failWith(() -> new DatabaseException("secondary", "authentication rejected", null)).down();
    DualWriteCoordinator dual = open(builder(primaryStore, faulty).executor(SAME_THREAD));

    // when
    dual.upsertNode(node("x", 1));

    // then
    assertThat(dlq.parkedCount()).isEqualTo(1);
    assertThat(dlq.parked(1).get(0).failures()).last().asString().contains("permanent failure")
        .contains("authentication rejected");
    assertThat(events.parked).hasSize(1);
    assertThat(dual.metrics().secondaryDown()).isFalse();
  }

  @Test
  void shouldReportRecordsTheMapperOrTheSecondaryRejectsWithoutRetryingThem() {
    // given: a mapper that rejects nodes marked "secret", and a secondary that stores no relationships
    RecordMapper mapper = new RecordMapper() {
      @Override
      public Checked<Node> mapNodes(List<Node> nodes) {
        List<Node> ok = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (Node n : nodes) {
          if (n.properties().containsKey("secret")) {
            rejected.add(new Rejected(n, Rules.CONVERSION, "node '" + n.id() + "' is secret"));
          } else {
            ok.add(n);
          }
        }
        return new Checked<>(ok, rejected);
      }

      @Override
      public Checked<Relationship> mapRelationships(List<Relationship> relationships) {
        return Checked.allAccepted(relationships);
      }
    };
    GraphDatabase nodesOnly = new dev.graphshift.ForwardingGraphDatabase(secondaryStore) {
      @Override
      public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
        return GraphDatabase.rejectAll(relationships, "this database stores no relationships");
      }
    };
    DualWriteCoordinator dual = open(builder(primaryStore, nodesOnly).executor(SAME_THREAD).mapper(mapper));

    // when
    dual.upsertNodes(List.of(node("a", 1), node("b", 1), Node.of("s", "Person", Map.of("secret", true))));
    dual.upsertRelationship(Relationship.of("r", "KNOWS", "a", "b", Map.of()));

    // then
    assertThat(secondaryStore.getNode("a")).isPresent();
    assertThat(secondaryStore.getNode("s")).isEmpty();
    assertThat(events.rejected).extracting(RecordsRejectedEvent::by).containsExactly(
        RecordsRejectedEvent.RejectedBy.MAPPER, RecordsRejectedEvent.RejectedBy.SECONDARY);
    assertThat(events.rejected.get(1).rejected()).singleElement()
        .satisfies(r -> assertThat(r.rule()).isEqualTo(Rules.UNSUPPORTED_CAPABILITY));
    assertThat(dual.metrics().rejected()).isEqualTo(2);
    assertThat(dlq.size()).isZero();
  }

  @Test
  void shouldCopyAMissingEndpointFromThePrimaryWhenADualWrittenRelationshipDangles() {
    // given: a node the backfill has not copied yet (it is only on the primary)
    primaryStore.upsertNode(node("old", 1));
    DualWriteCoordinator dual = open(builder(primaryStore, secondaryStore).executor(SAME_THREAD));
    dual.upsertNode(node("new", 1));

    // when
    dual.upsertRelationship(Relationship.of("r", "KNOWS", "new", "old", Map.of("v", 1)));

    // then: the endpoint was copied as the backfill would, and the relationship written
    assertThat(secondaryStore.getNode("old")).contains(node("old", 1));
    assertThat(secondaryStore.getRelationship("r")).contains(Relationship.of("r", "KNOWS", "new", "old", Map.of("v", 1)));
    assertThat(events.rejected).isEmpty();
  }

  @Test
  void shouldCountAndLogAListenerThatThrowsWithoutFailingTheWrite() {
    // given
    FaultyGraphDatabase faulty = new FaultyGraphDatabase(secondaryStore).down();
    DualWriteCoordinator dual = open(builder(primaryStore, faulty).executor(SAME_THREAD)
        .listener(new DualWriteListener() {
          @Override
          public void onDeadLettered(DeadLetteredEvent event) {
            throw new IllegalStateException("listener bug");
          }
        }));

    // when
    WriteResult result = dual.upsertNode(node("a", 1));

    // then
    assertThat(result.written()).isEqualTo(1);
    assertThat(dual.metrics().listenerFailures()).isEqualTo(1);
    assertThat(events.deadLettered).hasSize(1);
    assertThat(dlq.size()).isEqualTo(1);
  }

  @Test
  void shouldForwardWhatThePrimaryHoldsWhenInsertIfAbsentSkipsAnExistingRecord() {
    // given
    primaryStore.upsertNode(node("a", 1));
    DualWriteCoordinator dual = open(builder(primaryStore, secondaryStore).executor(SAME_THREAD));

    // when
    WriteResult result = dual.upsertNodes(List.of(node("a", 2), node("b", 2)), WriteMode.INSERT_IF_ABSENT);

    // then
    assertThat(result.skipped()).isEqualTo(1);
    assertThat(secondaryStore.getNode("a")).contains(node("a", 1));
    assertThat(secondaryStore.getNode("b")).contains(node("b", 2));
  }

  @Test
  void shouldJournalEveryWriteBeforeReturningWhenDeliveryIsOutbox() {
    // given
    GatedGraphDatabase hanging = new GatedGraphDatabase(secondaryStore, false);
    DualWriteCoordinator dual = open(builder(primaryStore, hanging).delivery(DeliveryMode.OUTBOX));

    // when
    dual.upsertNode(node("a", 1));

    // then: journaled (SENDING) before the send finished
    assertThat(dlq.size()).isEqualTo(1);
    assertThat(dlq.pending(1).get(0).state()).isIn(DeadLetter.State.SENDING);

    // when
    hanging.open();

    // then: acknowledged after the send
    Eventually.await("the outbox entry to be acknowledged", () -> dlq.size() == 0);
    assertThat(secondaryStore.getNode("a")).contains(node("a", 1));
  }

  @Test
  void shouldRefuseWritesAfterClose() {
    // given
    DualWriteCoordinator dual = open(builder(primaryStore, secondaryStore).executor(SAME_THREAD));

    // when
    dual.close();

    // then
    assertThatThrownBy(() -> dual.upsertNode(node("a", 1))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test");
    assertThatThrownBy(() -> dual.backfillTarget().upsertNode(node("a", 1)))
        .isInstanceOf(IllegalStateException.class);
  }
}
