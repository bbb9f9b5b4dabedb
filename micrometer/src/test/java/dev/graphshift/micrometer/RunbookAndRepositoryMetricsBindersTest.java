package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_ASYNC_APPLIED;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_ASYNC_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_ASYNC_PARKED;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_ASYNC_WRITES;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_COMPARISONS;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_MATCH_RATE;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_PARKED;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_READS;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_ROUTED;
import static dev.graphshift.micrometer.GraphShiftMeters.REPOSITORY_WRITES;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_ADVANCES;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_ADVANCES_FORCED;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_EVIDENCE;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_PHASE;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_REFUSALS;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_ROLLBACKS;
import static dev.graphshift.micrometer.GraphShiftMeters.RUNBOOK_WRITES_HELD;
import static dev.graphshift.micrometer.Meters.count;
import static dev.graphshift.micrometer.Meters.gauge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.Node;
import dev.graphshift.dualwrite.InMemoryDeadLetterQueue;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.repository.DualRepository;
import dev.graphshift.repository.Repositories;
import dev.graphshift.repository.RepositoryMetrics;
import dev.graphshift.repository.RepositoryPolicy;
import dev.graphshift.runbook.GateRefusedException;
import dev.graphshift.runbook.InMemoryRunbookStateStore;
import dev.graphshift.runbook.MigrationPhase;
import dev.graphshift.runbook.MigrationRunbook;
import dev.graphshift.runbook.RunbookMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunbookAndRepositoryMetricsBindersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** A runbook over two in-memory databases, with same-thread secondary writes and an in-memory store. */
  static MigrationRunbook runbook(String name, InMemoryGraphDatabase oldDb, InMemoryGraphDatabase newDb) {
    return MigrationRunbook.builder(name, oldDb, newDb).stateStore(new InMemoryRunbookStateStore())
        .executor(Runnable::run).deadLetters(InMemoryDeadLetterQueue.create()).build();
  }

  @Test
  void shouldReadTheRunbooksPhaseAndCountersWhenItAdvancesIsRefusedAndRollsBack() {
    // given
    MigrationRunbook runbook = runbook("people", InMemoryGraphDatabase.named("old"), InMemoryGraphDatabase.named("new"));
    new RunbookMetricsBinder(runbook).bindTo(registry);
    assertThat(gauge(registry, RUNBOOK_PHASE, "name", "people", "migration_phase", "single_write")).isEqualTo(1);

    // when: two advances, a refusal, a forced advance, a rollback, application evidence
    runbook.advance("ops");
    runbook.database().upsertNode(Node.of("p1", "Person", Map.of()));
    runbook.advance("ops");
    assertThatThrownBy(() -> runbook.advance("ops")).isInstanceOf(GateRefusedException.class);
    runbook.forceAdvance("ops", "backfill ran out of band");
    runbook.rollbackTo(MigrationPhase.DUAL_WRITE, "ops", "rehearsal");
    runbook.recordEvidence("load-test", true, "p99 within budget", Map.of());

    // then: the meters read the snapshot
    RunbookMetrics m = runbook.metrics();
    assertThat(count(registry, RUNBOOK_ADVANCES, "name", "people")).isEqualTo(m.advances()).isEqualTo(3);
    assertThat(count(registry, RUNBOOK_ADVANCES_FORCED, "name", "people")).isEqualTo(m.forcedAdvances()).isEqualTo(1);
    assertThat(count(registry, RUNBOOK_REFUSALS, "name", "people")).isEqualTo(m.refusals()).isEqualTo(1);
    assertThat(count(registry, RUNBOOK_ROLLBACKS, "name", "people")).isEqualTo(m.rollbacks()).isEqualTo(1);
    assertThat(count(registry, RUNBOOK_EVIDENCE, "name", "people")).isEqualTo(m.evidenceRecorded()).isEqualTo(1);
    assertThat(count(registry, RUNBOOK_WRITES_HELD, "name", "people")).isEqualTo(m.writesHeld());
    assertThat(gauge(registry, RUNBOOK_PHASE, "name", "people", "migration_phase", "dual_write")).isEqualTo(1);
    assertThat(gauge(registry, RUNBOOK_PHASE, "name", "people", "migration_phase", "single_write")).isZero();
    assertThat(gauge(registry, RUNBOOK_PHASE, "name", "people", "migration_phase", "validate")).isZero();
    runbook.close();
  }

  @Test
  void shouldCountAsynchronousWritesComparisonsAndRoutedReadsOfARepositoryProxyWhenThePhaseChanges() {
    // given: a proxy over two beans, following a phase set by hand, with same-thread asynchronous writes
    Notes.Memory oldBean = new Notes.Memory();
    Notes.Memory newBean = new Notes.Memory();
    AtomicReference<MigrationPhase> phase = new AtomicReference<>(MigrationPhase.DUAL_WRITE);
    AtomicInteger share = new AtomicInteger();
    DualRepository<Notes> d = Repositories.dual(Notes.class, oldBean, newBean,
        RepositoryPolicy.builder(phase::get).name("notes").share(share::get).executor(Runnable::run).maxAttempts(1)
            .build());
    new RepositoryMetricsBinder(d).bindTo(registry);
    Notes notes = d.proxy();

    // when: two dual writes, one the new bean fails (parked after its only attempt)
    notes.save("n1", "one");
    newBean.failuresLeft.set(1);
    notes.save("n2", "two");
    // shadowed reads: n1 matches, n2 (missing on the new bean) does not
    phase.set(MigrationPhase.SHADOW_READ);
    notes.findById("n1");
    notes.findById("n2");
    // cutover at 100 %: every read goes to the new bean
    phase.set(MigrationPhase.CUTOVER);
    share.set(10_000);
    notes.findById("n1");

    // then
    RepositoryMetrics m = d.metrics();
    String name = "notes/Notes";
    assertThat(count(registry, REPOSITORY_WRITES, "name", name)).isEqualTo(m.writes()).isEqualTo(2);
    assertThat(count(registry, REPOSITORY_ASYNC_WRITES, "name", name)).isEqualTo(m.asyncWrites()).isEqualTo(2);
    assertThat(count(registry, REPOSITORY_ASYNC_APPLIED, "name", name)).isEqualTo(m.asyncApplied()).isEqualTo(1);
    assertThat(count(registry, REPOSITORY_ASYNC_FAILURES, "name", name)).isEqualTo(m.asyncFailures()).isEqualTo(1);
    assertThat(count(registry, REPOSITORY_ASYNC_PARKED, "name", name)).isEqualTo(m.parkedTotal()).isEqualTo(1);
    assertThat(gauge(registry, REPOSITORY_PARKED, "name", name)).isEqualTo(m.parked()).isEqualTo(1);
    assertThat(count(registry, REPOSITORY_READS, "name", name)).isEqualTo(m.reads()).isEqualTo(3);
    assertThat(count(registry, REPOSITORY_COMPARISONS, "name", name, "outcome", "matched")).isEqualTo(1);
    assertThat(count(registry, REPOSITORY_COMPARISONS, "name", name, "outcome", "mismatched")).isEqualTo(1);
    assertThat(gauge(registry, REPOSITORY_MATCH_RATE, "name", name)).isEqualTo(0.5);
    assertThat(count(registry, REPOSITORY_ROUTED, "name", name, "side", "secondary"))
        .isEqualTo(m.routedToSecondary()).isEqualTo(1);
    assertThat(count(registry, REPOSITORY_ROUTED, "name", name, "side", "primary")).isZero();
    d.close();
  }
}
