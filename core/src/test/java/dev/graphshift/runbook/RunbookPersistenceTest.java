package dev.graphshift.runbook;

import static dev.graphshift.runbook.RunbookFixture.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.cutover.CutoverPhase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookPersistenceTest {
  private final RunbookFixture f = new RunbookFixture();
  @TempDir Path dir;

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void shouldResumeInTheStoredPhaseWithTheSameCutoverShareWhenRebuiltOverTheSameFile() {
    // given: a first process walks to cutover, half-way through the schedule, and stops
    MigrationRunbook first = f.open(f.builder("people").stateStore(FileRunbookStateStore.in(dir))
        .gates(MigrationPhase.CUTOVER, List.of()));
    first.database().upsertNode(person("p0", 1));
    first.advance("ops");
    first.advance("ops");
    first.runBackfill();
    first.advance("ops");
    first.runValidation();
    first.advance("ops");
    first.advance("ops");
    f.nextStep(first);
    first.recordEvidence("load-test", true, "ok", Map.of());
    List<Transition> history = first.state().history();
    first.close();

    // when: a second process opens the same directory
    MigrationRunbook second = f.open(f.builder("people").stateStore(FileRunbookStateStore.in(dir)));

    // then: same phase, same history and evidence, same composition, same cutover share
    assertThat(second.phase()).isEqualTo(MigrationPhase.CUTOVER);
    assertThat(second.state().history()).isEqualTo(history);
    assertThat(second.state().evidence()).containsKeys(Evidence.BACKFILL, Evidence.SHADOW, "load-test");
    assertThat(second.cutoverShare()).isEqualTo(5_000);
    assertThat(second.cutover().orElseThrow().state().step()).isEqualTo(1);
    assertThat(second.shadowRead()).isPresent();
    second.database().upsertNode(person("p1", 1));
    assertThat(f.oldDb.getNode("p1")).isPresent();
    assertThat(f.newDb.getNode("p1")).isPresent();

    // when: the schedule goes on where it stood
    f.nextStep(second);

    // then
    assertThat(second.cutoverShare()).isEqualTo(10_000);
    assertThat(second.state().cutover().orElseThrow().phase()).isEqualTo(CutoverPhase.RUNNING);
  }

  @Test
  void shouldFollowAChangeAnotherInstanceStoredWhenRefreshed() {
    // given: two instances over one store
    RunbookStateStore store = FileRunbookStateStore.in(dir);
    RecordingRunbookListener secondEvents = new RecordingRunbookListener();
    MigrationRunbook first = f.open(f.builder("people").stateStore(store));
    MigrationRunbook second = f.open(f.builder("people").stateStore(FileRunbookStateStore.in(dir))
        .listener(secondEvents));

    // when
    first.advance("alice");

    // then: the second refuses to change a phase it has not followed, then follows it
    assertThat(second.phase()).isEqualTo(MigrationPhase.SINGLE_WRITE);
    assertThatThrownBy(() -> second.advance("bob")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call refresh()");
    assertThat(second.refresh()).isTrue();
    assertThat(second.refresh()).isFalse();
    assertThat(second.phase()).isEqualTo(MigrationPhase.DUAL_WRITE);
    second.database().upsertNode(person("s1", 1));
    assertThat(f.newDb.getNode("s1")).isPresent();
    assertThat(second.metrics().adopted()).isEqualTo(1);
    assertThat(secondEvents.of(PhaseAdvancedEvent.class)).singleElement()
        .matches(e -> e.actor().equals("alice") && e.to() == MigrationPhase.DUAL_WRITE);
  }
}
