package dev.graphshift.runbook;

import static dev.graphshift.runbook.RunbookFixture.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.graphshift.GraphDatabase;
import dev.graphshift.backfill.InMemoryCheckpointStore;
import dev.graphshift.cutover.CutoverPhase;
import dev.graphshift.cutover.CutoverState;
import dev.graphshift.cutover.PrefixingMapper;
import dev.graphshift.dualwrite.DeadLetterQueue;
import dev.graphshift.dualwrite.InMemoryDeadLetterQueue;
import dev.graphshift.faults.FaultyGraphDatabase;
import dev.graphshift.validation.ValidationReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MigrationRunbookTest {
  private final RunbookFixture f = new RunbookFixture();
  private final InMemoryRunbookStateStore store = new InMemoryRunbookStateStore();

  @AfterEach
  void close() {
    f.close();
  }

  private MigrationRunbook.Builder builder() {
    return f.builder("people").stateStore(store);
  }

  /** Advances from SINGLE_WRITE to SHADOW_READ doing what each gate asks. */
  private void toShadowRead(MigrationRunbook runbook) {
    runbook.advance("ops");
    runbook.advance("ops");
    runbook.runBackfill();
    runbook.advance("ops");
    runbook.runValidation();
    runbook.advance("ops");
  }

  /** Reads every node through the handle, so that each read is compared with the new database. */
  private static void readAll(GraphDatabase db, int n) {
    for (int i = 0; i < n; i++) {
      db.getNode("p" + (i % 20));
    }
  }

  /**
   * A runbook builder over other databases than the fixture's: the fixture's clock, this test's store,
   * in-memory dead letters and checkpoints, shadow comparisons dispatched at once, a router ticked by hand.
   */
  private MigrationRunbook.Builder over(GraphDatabase oldDb, GraphDatabase newDb, Executor executor) {
    return MigrationRunbook.builder("people", oldDb, newDb).stateStore(store).clock(f.clock).executor(executor)
        .deadLetters(InMemoryDeadLetterQueue.create())
        .configureShadowRead(b -> b.dispatchInterval(Duration.ZERO))
        .configureCutover(b -> b.tickInterval(Duration.ZERO))
        .configureBackfill(b -> b.checkpoints(new InMemoryCheckpointStore()));
  }

  /** Advances {@code phases} times past whatever gates fail, as a rehearsal. */
  private static void forceAdvance(MigrationRunbook runbook, int phases) {
    for (int i = 0; i < phases; i++) {
      runbook.forceAdvance("ops", "rehearsal");
    }
  }

  private static GateResult failed(GateRefusedException e, String gate) {
    return e.failed().stream().filter(r -> r.gate().equals(gate)).findFirst().orElseThrow();
  }

  @Test
  void shouldWalkEveryPhaseWhenItsGatesPassAndRefuseWhileTheyFail() {
    // given
    MigrationRunbook runbook = f.open(builder()
        .reverseDualWrites()
        .rollbackWindow(Duration.ofDays(2))
        .gates(MigrationPhase.CUTOVER, List.of(Gates.dualWriteCaughtUp(), Gates.shadowMatchRate(0.99, 40))));
    GraphDatabase db = runbook.database();
    for (int i = 0; i < 20; i++) {
      db.upsertNode(person("p" + i, 1));
    }
    assertThat(f.newDb.countNodes()).isZero();

    // when / then: dual writes
    assertThat(runbook.advance("ops").to()).isEqualTo(MigrationPhase.DUAL_WRITE);
    db.upsertNode(person("p0", 2));
    assertThat(f.newDb.getNode("p0")).contains(person("p0", 2));
    assertThat(f.newDb.countNodes()).isEqualTo(1);

    // backfill: refused into VALIDATE until a backfill reconciled
    runbook.advance("ops");
    GateRefusedException refused = (GateRefusedException) catchThrowable(() -> runbook.advance("ops"));
    assertThat(refused.to()).isEqualTo(MigrationPhase.VALIDATE);
    assertThat(failed(refused, "backfillCompleted").reason()).contains("runBackfill");
    assertThat(runbook.phase()).isEqualTo(MigrationPhase.BACKFILL);
    assertThat(runbook.runBackfill().reconciles()).isTrue();
    assertThat(f.newDb.countNodes()).isEqualTo(20);
    assertThat(f.newDb.getNode("p0")).contains(person("p0", 2));
    runbook.advance("ops");

    // validation: refused into SHADOW_READ until counts and sample passed
    refused = (GateRefusedException) catchThrowable(() -> runbook.advance("ops"));
    assertThat(failed(refused, "validationPassed").reason()).contains("COUNTS not run", "SAMPLE not run");
    assertThat(runbook.runValidation()).allMatch(ValidationReport::passed);
    runbook.advance("ops");
    assertThat(runbook.shadowRead()).isPresent();

    // shadow: refused into CUTOVER until 40 comparisons matched
    readAll(db, 20);
    refused = (GateRefusedException) catchThrowable(() -> runbook.advance("ops"));
    assertThat(failed(refused, "shadowMatchRate").reason()).contains("over 20 comparisons");
    readAll(db, 20);
    runbook.advance("ops");
    assertThat(runbook.state().evidence(Evidence.SHADOW).orElseThrow().figures()).containsEntry("compared", 40L);

    // cutover: the schedule starts at its first step; refused into DECOMMISSION until 100 %
    assertThat(runbook.cutoverShare()).isEqualTo(100);
    refused = (GateRefusedException) catchThrowable(() -> runbook.advance("ops"));
    assertThat(failed(refused, "cutoverComplete").reason()).contains("not 100 %");
    f.nextStep(runbook);
    assertThat(runbook.cutoverShare()).isEqualTo(5_000);
    f.nextStep(runbook);
    assertThat(runbook.cutoverShare()).isEqualTo(10_000);
    runbook.advance("ops");

    // decommission: the new database answers first, the old one still gets the writes
    db.upsertNode(person("p1", 3));
    assertThat(f.newDb.getNode("p1")).contains(person("p1", 3));
    assertThat(f.oldDb.getNode("p1")).contains(person("p1", 3));
    refused = (GateRefusedException) catchThrowable(() -> runbook.advance("ops"));
    assertThat(failed(refused, "rollbackWindowElapsed").reason()).contains("PT48H");
    f.clock.advance(Duration.ofDays(2));
    runbook.advance("ops");

    // complete: the new database only
    db.upsertNode(person("p1", 4));
    assertThat(f.newDb.getNode("p1")).contains(person("p1", 4));
    assertThat(f.oldDb.getNode("p1")).contains(person("p1", 3));
    assertThat(runbook.phase()).isEqualTo(MigrationPhase.COMPLETE);
    assertThat(runbook.state().history()).extracting(Transition::to).containsExactly(MigrationPhase.DUAL_WRITE,
        MigrationPhase.BACKFILL, MigrationPhase.VALIDATE, MigrationPhase.SHADOW_READ, MigrationPhase.CUTOVER,
        MigrationPhase.DECOMMISSION, MigrationPhase.COMPLETE);
    assertThat(runbook.state().history()).allMatch(t -> t.kind() == Transition.Kind.ADVANCED && t.actor().equals("ops"));
    assertThat(f.events.of(PhaseAdvancedEvent.class)).hasSize(7);
    assertThat(f.events.of(GateFailedEvent.class)).hasSize(5).noneMatch(GateFailedEvent::overridden);
    assertThat(runbook.metrics().refusals()).isEqualTo(5);
    assertThatThrownBy(() -> runbook.advance("ops")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no next phase");
  }

  private static Throwable catchThrowable(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a refusal");
  }

  @Test
  void shouldRecordTheReasonAndTheFailingGatesWhenAnAdvanceIsForced() {
    // given
    MigrationRunbook runbook = f.open(builder());
    runbook.advance("ops");
    runbook.advance("ops");

    // when
    Transition t = runbook.forceAdvance("alice", "backfill ran out of band (ticket OPS-12)");

    // then
    assertThat(t.kind()).isEqualTo(Transition.Kind.FORCED);
    assertThat(t.reason()).isEqualTo("backfill ran out of band (ticket OPS-12)");
    assertThat(t.gates()).extracting(GateResult::gate, GateResult::passed)
        .containsExactly(tuple("backfillCompleted", false));
    assertThat(runbook.state().lastTransition()).contains(t);
    assertThat(f.events.of(GateFailedEvent.class)).singleElement().matches(GateFailedEvent::overridden);
    assertThat(f.events.of(PhaseAdvancedEvent.class).get(2).forced()).isTrue();
    assertThat(runbook.metrics().forcedAdvances()).isEqualTo(1);
    assertThatThrownBy(() -> runbook.forceAdvance("alice", " ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReturnReadsAtOnceAndKeepDualWritesWhenRollingBackFromCutoverToShadowAndToDualWrite() {
    // given: cutover at 100 %, and a node only the new database has
    MigrationRunbook runbook = f.open(builder()
        .gates(MigrationPhase.CUTOVER, List.of(Gates.dualWriteCaughtUp())));
    GraphDatabase db = runbook.database();
    db.upsertNode(person("p0", 1));
    toShadowRead(runbook);
    runbook.advance("ops");
    runbook.cutover().orElseThrow().share(10_000);
    f.newDb.upsertNode(person("only-new", 1));
    assertThat(db.getNode("only-new")).isPresent();

    // when
    runbook.rollbackTo(MigrationPhase.SHADOW_READ, "bob", "p99 regression on recommend");

    // then: reads are the old database's again, compared with the new one; the stored cutover is rolled back
    assertThat(db.getNode("only-new")).isEmpty();
    assertThat(runbook.cutoverShare()).isZero();
    assertThat(runbook.cutover()).isEmpty();
    assertThat(runbook.shadowRead()).isPresent();
    CutoverState stored = runbook.state().cutover().orElseThrow();
    assertThat(stored.phase()).isEqualTo(CutoverPhase.ROLLED_BACK);
    assertThat(stored.shareBasisPoints()).isZero();
    Transition t = runbook.state().lastTransition().orElseThrow();
    assertThat(t.kind()).isEqualTo(Transition.Kind.ROLLED_BACK);
    assertThat(t.actor()).isEqualTo("bob");
    assertThat(t.reason()).isEqualTo("p99 regression on recommend");
    assertThat(f.events.of(PhaseRolledBackEvent.class)).singleElement()
        .matches(e -> e.from() == MigrationPhase.CUTOVER && e.to() == MigrationPhase.SHADOW_READ);

    // when: further back, to dual writes
    var dual = runbook.dualWrite().orElseThrow();
    runbook.rollbackTo(MigrationPhase.DUAL_WRITE, "bob", "new comparator needed");

    // then: no more comparisons, the same dual write, and the evidence of later phases is gone
    assertThat(runbook.shadowRead()).isEmpty();
    assertThat(runbook.dualWrite()).containsSame(dual);
    db.upsertNode(person("p0", 2));
    assertThat(f.newDb.getNode("p0")).contains(person("p0", 2));
    assertThat(runbook.state().evidence()).doesNotContainKeys(Evidence.BACKFILL,
        Evidence.validation(ValidationReport.Mode.COUNTS), Evidence.SHADOW);

    // when: forward again into cutover
    f.newDb.deleteNode("only-new");
    runbook.advance("ops");
    runbook.runBackfill();
    runbook.advance("ops");
    runbook.runValidation();
    runbook.advance("ops");
    runbook.advance("ops");

    // then: the schedule starts afresh at its first step, not where the earlier cutover stood
    assertThat(runbook.cutoverShare()).isEqualTo(100);
    assertThat(runbook.cutover().orElseThrow().state().phase()).isEqualTo(CutoverPhase.RUNNING);
  }

  @Test
  void shouldWriteTheOldDatabaseAfterTheNewOneInDecommissionWithReverseDualWritesAndAllowRollback() {
    // given
    MigrationRunbook runbook = f.open(builder().reverseDualWrites().gates(MigrationPhase.CUTOVER, List.of()));
    GraphDatabase db = runbook.database();
    toShadowRead(runbook);
    runbook.advance("ops");
    runbook.cutover().orElseThrow().share(10_000);
    runbook.advance("ops");

    // when
    db.upsertNode(person("d1", 1));
    db.deleteNode("d1");
    db.upsertNode(person("d2", 1));

    // then
    assertThat(runbook.reverseDualWrite()).isPresent();
    assertThat(runbook.dualWrite()).isEmpty();
    assertThat(f.oldDb.getNode("d2")).contains(person("d2", 1));
    assertThat(f.oldDb.getNode("d1")).isEmpty();
    assertThat(f.newDb.getNode("d2")).contains(person("d2", 1));

    // when: rolled back to cutover, the old database is the primary again and kept every write
    runbook.rollbackTo(MigrationPhase.CUTOVER, "ops", "new database too slow under peak");
    db.upsertNode(person("d3", 1));

    // then
    assertThat(runbook.reverseDualWrite()).isEmpty();
    assertThat(f.oldDb.getNode("d3")).contains(person("d3", 1));
    assertThat(f.newDb.getNode("d3")).contains(person("d3", 1));
    assertThat(runbook.cutoverShare()).isZero();
  }

  @Test
  void shouldStopWritingTheOldDatabaseInDecommissionWithoutReverseDualWritesAndRefuseAPlainRollback() {
    // given
    MigrationRunbook runbook = f.open(builder().gates(MigrationPhase.CUTOVER, List.of()));
    GraphDatabase db = runbook.database();
    toShadowRead(runbook);
    runbook.advance("ops");
    runbook.cutover().orElseThrow().share(10_000);
    runbook.advance("ops");

    // when
    db.upsertNode(person("d1", 1));

    // then
    assertThat(f.newDb.getNode("d1")).isPresent();
    assertThat(f.oldDb.getNode("d1")).isEmpty();
    assertThat(runbook.reverseDualWrite()).isEmpty();
    assertThatThrownBy(() -> runbook.rollbackTo(MigrationPhase.CUTOVER, "ops", "regret"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the old database has missed the writes")
        .hasMessageContaining("forceRollbackTo");
    assertThat(runbook.phase()).isEqualTo(MigrationPhase.DECOMMISSION);

    // when: an operator copied the writes back and forces it
    f.oldDb.upsertNode(person("d1", 1));
    Transition t = runbook.forceRollbackTo(MigrationPhase.CUTOVER, "ops", "d1 copied back by hand (OPS-13)");

    // then
    assertThat(t.kind()).isEqualTo(Transition.Kind.FORCED_ROLLBACK);
    assertThat(runbook.phase()).isEqualTo(MigrationPhase.CUTOVER);
    assertThat(f.events.of(PhaseRolledBackEvent.class)).singleElement().matches(PhaseRolledBackEvent::forced);
  }

  @Test
  void shouldRefuseReverseDualWritesWithoutAnInverseOfAMapperThatIsNotTheIdentity() {
    // given
    PrefixingMapper mapper = new PrefixingMapper("n-", UnaryOperator.identity());

    // when / then
    assertThatThrownBy(() -> builder().mapper(mapper).reverseDualWrites().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reverseDualWrites(RecordMapper)");
    MigrationRunbook runbook = f.open(builder().mapper(mapper)
        .reverseDualWrites(new PrefixingMapper("", UnaryOperator.identity())));
    assertThat(runbook.config().reverseDualWrites()).isTrue();
    assertThatThrownBy(() -> builder().reverseDualWrites().reverseDualWrites())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("reverseDualWrites was already set");
  }

  @Test
  void shouldKeepThePhaseAndTheWritesFlowingWhenTheRetiringDualWriteCannotCatchUp() {
    // given: the new database goes down during cutover, so dead letters pile up
    FaultyGraphDatabase flakyNew = new FaultyGraphDatabase(f.newDb);
    MigrationRunbook runbook = f.open(over(f.oldDb, flakyNew, RunbookFixture.SAME_THREAD)
        .transitionTimeout(Duration.ofMillis(200)).configureDualWrite(b -> b.retryInterval(Duration.ofDays(1))));
    GraphDatabase db = runbook.database();
    forceAdvance(runbook, 5);
    runbook.cutover().orElseThrow().share(10_000);
    flakyNew.down();
    db.upsertNode(person("x", 1));

    // when: the gate refuses; forcing past it still cannot make the dual write catch up
    GateRefusedException refused = (GateRefusedException) catchThrowable(() -> runbook.advance("ops"));
    Throwable failed = catchThrowable(() -> runbook.forceAdvance("ops", "try anyway"));

    // then
    assertThat(failed(refused, "dualWriteCaughtUp").reason()).contains("1 dead letters pending");
    assertThat(failed).isInstanceOf(PhaseTransitionException.class).hasMessageContaining("did not catch up");
    assertThat(runbook.phase()).isEqualTo(MigrationPhase.CUTOVER);
    assertThat(runbook.state().phase()).isEqualTo(MigrationPhase.CUTOVER);
    assertThat(runbook.metrics().transitionFailures()).isEqualTo(1);
    db.upsertNode(person("y", 1));
    assertThat(f.oldDb.getNode("y")).isPresent();
  }

  @Test
  void shouldLetTheReverseDualWriteSendWhatItHasQueuedBeforeClosingItWhenAdvancingIntoComplete() {
    // given: reverse dual writes to an old database that answers in 50 ms, sent by one thread
    FaultyGraphDatabase slowOld = new FaultyGraphDatabase(f.oldDb).latency(Duration.ofMillis(50));
    ExecutorService oneThread = Executors.newSingleThreadExecutor();
    DeadLetterQueue reverseDeadLetters = InMemoryDeadLetterQueue.create();
    try {
      MigrationRunbook runbook = f.open(over(slowOld, f.newDb, oneThread).reverseDualWrites()
          .reverseDeadLetters(reverseDeadLetters));
      GraphDatabase db = runbook.database();
      forceAdvance(runbook, 6);
      assertThat(runbook.phase()).isEqualTo(MigrationPhase.DECOMMISSION);
      // the second write of d1 waits behind the first, which the old database is still answering
      db.upsertNode(person("d1", 1));
      db.upsertNode(person("d1", 2));

      // when
      runbook.forceAdvance("ops", "rehearsal");

      // then: both reached the old database; nothing was left in the reverse dual write's queue
      assertThat(runbook.phase()).isEqualTo(MigrationPhase.COMPLETE);
      assertThat(f.oldDb.getNode("d1")).contains(person("d1", 2));
      assertThat(reverseDeadLetters.size()).isZero();
    } finally {
      oneThread.shutdownNow();
    }
  }

  @Test
  void shouldShowGatesDeadLettersShadowAndCutoverInTheStatus() {
    // given
    MigrationRunbook runbook = f.open(builder());
    GraphDatabase db = runbook.database();
    db.upsertNode(person("p0", 1));
    toShadowRead(runbook);
    readAll(db, 3);

    // when
    RunbookStatus status = runbook.status();

    // then
    assertThat(status.phase()).isEqualTo(MigrationPhase.SHADOW_READ);
    assertThat(status.next()).contains(MigrationPhase.CUTOVER);
    assertThat(status.ready()).isFalse();
    assertThat(status.gates()).extracting(GateResult::gate).containsExactly("dualWriteCaughtUp", "shadowMatchRate");
    assertThat(status.shadowComparisons()).isEqualTo(3);
    assertThat(status.shadowMatchRate()).hasValue(1.0);
    assertThat(status.cutoverShareBasisPoints()).isZero();
    assertThat(status.evidence()).extracting(Evidence::kind).contains(Evidence.BACKFILL);
    assertThat(status.recentTransitions()).hasSize(4);
    assertThat(status.toText()).contains("phase: SHADOW_READ (next: CUTOVER, not ready)",
        "[FAIL] shadowMatchRate: match rate 1.0000 over 3 comparisons", "[pass] dualWriteCaughtUp",
        "dead letters: 0 pending, 0 parked");
  }

  @Test
  void shouldRefuseActionsOutsideTheirPhasesAndRollbacksThatDoNotGoBack() {
    // given
    MigrationRunbook runbook = f.open(builder());

    // then
    assertThatThrownBy(runbook::runBackfill).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("runBackfill runs in [BACKFILL], not in SINGLE_WRITE");
    assertThatThrownBy(runbook::runValidation).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not in SINGLE_WRITE");
    assertThatThrownBy(() -> runbook.rollbackTo(MigrationPhase.DUAL_WRITE, "ops", "no"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before SINGLE_WRITE");
    assertThatThrownBy(() -> builder().gate(MigrationPhase.SINGLE_WRITE, Gates.backfillCompleted()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MigrationRunbook.builder("x", f.oldDb, f.oldDb)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRecordApplicationEvidenceForItsOwnGates() {
    // given
    MigrationRunbook runbook = f.open(builder().gate(MigrationPhase.DUAL_WRITE, Gates.evidencePassed("load-test")));
    GateRefusedException refused = (GateRefusedException) catchThrowable(() -> runbook.advance("ops"));
    assertThat(failed(refused, "evidencePassed(load-test)").reason()).contains("no evidence 'load-test'");

    // when
    runbook.recordEvidence("load-test", true, "p99 within 5 % at 2x peak", Map.of("p99Micros", 830L));

    // then
    assertThat(runbook.advance("ops").to()).isEqualTo(MigrationPhase.DUAL_WRITE);
    assertThat(f.events.of(EvidenceRecordedEvent.class)).singleElement()
        .matches(e -> e.evidence().figures().get("p99Micros") == 830L);
  }
}
