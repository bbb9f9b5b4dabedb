package dev.graphshift.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.memory.InMemoryGraphDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every {@link CutoverControlStore} must do; extended once per implementation. */
abstract class CutoverControlStoreContract {

  /** A fresh, empty store. */
  protected abstract CutoverControlStore openStore();

  /** Another view of the same store, as a second application instance would open it. */
  protected abstract CutoverControlStore openSameStoreAgain(CutoverControlStore store);

  static CutoverState state(long version, int share, CutoverPhase phase) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version);
    return new CutoverState(version, share, phase, 1, t, t, "instance-a", "reason with = and : and \n newline");
  }

  @Test
  void shouldStoreTheFirstVersionWhenEmptyAndReadItBack() {
    // given
    CutoverControlStore store = openStore();
    assertThat(store.read("orders")).isEmpty();

    // when
    boolean stored = store.compareAndSet("orders", 0, state(1, 100, CutoverPhase.RUNNING));

    // then
    assertThat(stored).isTrue();
    assertThat(store.read("orders")).contains(state(1, 100, CutoverPhase.RUNNING));
    assertThat(store.read("other")).isEmpty();
  }

  @Test
  void shouldRefuseAStaleVersionWhenAnotherInstanceChangedTheStateFirst() {
    // given
    CutoverControlStore store = openStore();
    CutoverControlStore other = openSameStoreAgain(store);
    store.compareAndSet("orders", 0, state(1, 100, CutoverPhase.RUNNING));
    assertThat(other.compareAndSet("orders", 1, state(2, 1_000, CutoverPhase.RUNNING))).isTrue();

    // when
    boolean stale = store.compareAndSet("orders", 1, state(2, 0, CutoverPhase.ROLLED_BACK));
    boolean again = store.compareAndSet("orders", 0, state(1, 0, CutoverPhase.ROLLED_BACK));

    // then
    assertThat(stale).isFalse();
    assertThat(again).isFalse();
    assertThat(store.read("orders")).contains(state(2, 1_000, CutoverPhase.RUNNING));
    assertThatThrownBy(() -> store.compareAndSet("orders", 2, state(4, 0, CutoverPhase.PAUSED)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 3");
  }

  @Test
  void shouldLetExactlyOneWriterWinWhenManyRaceForTheSameVersion() throws Exception {
    // given
    CutoverControlStore store = openStore();
    store.compareAndSet("orders", 0, state(1, 100, CutoverPhase.RUNNING));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicInteger winners = new AtomicInteger();
    try {
      // when
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        CutoverControlStore view = i % 2 == 0 ? store : openSameStoreAgain(store);
        int share = 1_000 + i;
        futures.add(pool.submit(() -> {
          if (view.compareAndSet("orders", 1, state(2, share, CutoverPhase.RUNNING))) {
            winners.incrementAndGet();
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    // then
    assertThat(winners).hasValue(1);
    assertThat(store.read("orders")).get().satisfies(s -> assertThat(s.version()).isEqualTo(2));
  }

  @Test
  void shouldPropagateARollbackToEveryRouterWhenRoutersShareTheStore() {
    // given: two application instances of one router, each with its own view of the store
    MutableClock clock = new MutableClock();
    CutoverControlStore storeA = openStore();
    CutoverControlStore storeB = openSameStoreAgain(storeA);
    RecordingCutoverListener eventsB = new RecordingCutoverListener();
    try (GradualCutoverRouter a = instance("a", storeA, clock, new RecordingCutoverListener());
        GradualCutoverRouter b = instance("b", storeB, clock, eventsB)) {
      assertThat(a.state().shareBasisPoints()).isEqualTo(100);
      assertThat(b.state()).isEqualTo(a.state());

      // when: the schedule advances on one instance
      clock.advance(Duration.ofHours(24));
      a.tick();
      b.tick();

      // then: exactly one step, taken by one instance and followed by the other
      assertThat(a.state().shareBasisPoints()).isEqualTo(1_000);
      assertThat(b.state().shareBasisPoints()).isEqualTo(1_000);
      assertThat(a.metrics().advances() + b.metrics().advances()).isEqualTo(1);

      // when: an operator rolls back on instance a
      a.rollback("bad answers seen on a");

      // then: b follows at its next poll (until then it routes by the state it knew)
      assertThat(a.state().rolledBack()).isTrue();
      assertThat(b.state().shareBasisPoints()).isEqualTo(1_000);
      clock.advance(GradualCutoverRouter.DEFAULT_POLL_INTERVAL);
      b.tick();
      assertThat(b.state().rolledBack()).isTrue();
      assertThat(b.state().shareBasisPoints()).isZero();
      assertThat(b.state().reason()).isEqualTo("bad answers seen on a");
      assertThat(eventsB.of(CutoverRolledBackEvent.class)).singleElement()
          .satisfies(e -> assertThat(e.trigger()).isEqualTo(CutoverTrigger.CONTROL_STORE));

      // when: the operator resumes on b
      b.resume();
      clock.advance(GradualCutoverRouter.DEFAULT_POLL_INTERVAL);
      a.tick();

      // then
      assertThat(a.state().phase()).isEqualTo(CutoverPhase.RUNNING);
      assertThat(a.state().shareBasisPoints()).isEqualTo(1_000);
    }
  }

  @Test
  void shouldJoinTheStoredStateWhenARouterStartsLate() {
    // given
    MutableClock clock = new MutableClock();
    CutoverControlStore store = openStore();
    try (GradualCutoverRouter first = instance("first", store, clock, new RecordingCutoverListener())) {
      first.rollback("rolled back before the second instance started");

      // when
      try (GradualCutoverRouter late = instance("late", openSameStoreAgain(store), clock, new RecordingCutoverListener())) {
        // then
        assertThat(late.state().rolledBack()).isTrue();
        assertThat(late.route("k")).isEqualTo(Side.PRIMARY);
      }
    }
  }

  private static GradualCutoverRouter instance(String id, CutoverControlStore store, MutableClock clock,
      CutoverListener listener) {
    return GradualCutoverRouter.builder(InMemoryGraphDatabase.named("p-" + id), InMemoryGraphDatabase.named("s-" + id))
        .name("orders")
        .instanceId(id)
        .controlStore(store)
        .clock(clock)
        .tickInterval(Duration.ZERO)
        .schedule(CutoverSchedule.defaults())
        .listener(listener)
        .build();
  }
}
