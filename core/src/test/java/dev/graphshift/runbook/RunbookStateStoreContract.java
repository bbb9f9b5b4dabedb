package dev.graphshift.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.cutover.CutoverPhase;
import dev.graphshift.cutover.CutoverState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link RunbookStateStore} must do; extended once per implementation. */
abstract class RunbookStateStoreContract {

  /** A fresh, empty store. */
  protected abstract RunbookStateStore openStore();

  /** Another view of the same store, as a second process would open it. */
  protected abstract RunbookStateStore openSameStoreAgain(RunbookStateStore store);

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  /** A state with every part filled, including text that needs escaping. */
  static RunbookState rich(long version) {
    Transition t1 = new Transition(MigrationPhase.SINGLE_WRITE, MigrationPhase.DUAL_WRITE, T0, "ops", "no gates",
        Transition.Kind.ADVANCED, List.of());
    Transition t2 = new Transition(MigrationPhase.DUAL_WRITE, MigrationPhase.BACKFILL, T0.plusSeconds(60), "alice",
        "forced: \"quoted\", newline\n and unicode é ✓", Transition.Kind.FORCED,
        List.of(GateResult.fail("backfillCompleted", "no backfill"), GateResult.pass("other", "ok")));
    Evidence e = new Evidence(Evidence.BACKFILL, T0.plusSeconds(120), MigrationPhase.BACKFILL, true, "reconciled",
        Map.of("read", 20L, "written", 19L));
    CutoverState c = new CutoverState(3, 5_000, CutoverPhase.RUNNING, 1, T0, T0.plusSeconds(5), "pid-7",
        "schedule: step 2 of 3");
    return new RunbookState("people", version, MigrationPhase.BACKFILL, T0.plusSeconds(130), List.of(t1, t2),
        Map.of(e.kind(), e), Optional.of(c));
  }

  @Test
  void shouldStoreTheFirstVersionAndReadEveryPartBack() {
    // given
    RunbookStateStore store = openStore();
    assertThat(store.read("people")).isEmpty();

    // when
    boolean stored = store.compareAndSet("people", 0, rich(1));

    // then
    assertThat(stored).isTrue();
    assertThat(store.read("people")).contains(rich(1));
    assertThat(openSameStoreAgain(store).read("people")).contains(rich(1));
    assertThat(store.read("orders")).isEmpty();
  }

  @Test
  void shouldRefuseAStaleVersionWhenAnotherProcessChangedTheStateFirst() {
    // given
    RunbookStateStore store = openStore();
    RunbookStateStore other = openSameStoreAgain(store);
    store.compareAndSet("people", 0, RunbookState.initial("people", T0));
    assertThat(other.compareAndSet("people", 1, rich(2))).isTrue();

    // when
    boolean stale = store.compareAndSet("people", 1, rich(2));
    boolean again = store.compareAndSet("people", 0, RunbookState.initial("people", T0));

    // then
    assertThat(stale).isFalse();
    assertThat(again).isFalse();
    assertThat(store.read("people")).contains(rich(2));
  }

  @Test
  void shouldRejectAVersionThatDoesNotFollowOrAStateOfAnotherRunbook() {
    // given
    RunbookStateStore store = openStore();

    // then
    assertThatThrownBy(() -> store.compareAndSet("people", 0, rich(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 1");
    assertThatThrownBy(() -> store.compareAndSet("orders", 0, rich(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runbook 'people'");
  }
}
