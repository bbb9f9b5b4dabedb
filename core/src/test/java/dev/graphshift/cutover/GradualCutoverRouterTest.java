package dev.graphshift.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.DatabaseException;
import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.QueryResult;
import dev.graphshift.faults.FaultyGraphDatabase;
import dev.graphshift.mapping.RecordMapper;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GradualCutoverRouterTest {
  private final MutableClock clock = new MutableClock();
  private final RecordingCutoverListener events = new RecordingCutoverListener();
  private final List<GradualCutoverRouter> routers = new ArrayList<>();

  @AfterEach
  void closeRouters() {
    routers.forEach(GradualCutoverRouter::close);
  }

  /** A database whose named read "who" answers with the database's own name. */
  static InMemoryGraphDatabase side(String name) {
    return side(name, new AtomicLong(), 0);
  }

  /** As {@link #side(String)}, each read taking {@code nanos} on a fake ticker. */
  static InMemoryGraphDatabase side(String name, AtomicLong fakeNanos, long nanos) {
    return InMemoryGraphDatabase.builder(name)
        .query("who", (d, p) -> {
          fakeNanos.addAndGet(nanos);
          return QueryResult.ofIds(List.of(name));
        })
        .build();
  }

  private GradualCutoverRouter.Builder builder(GraphDatabase primary, GraphDatabase secondary) {
    return GradualCutoverRouter.builder(primary, secondary)
        .name("test-router")
        .clock(clock)
        .tickInterval(Duration.ZERO)
        .keyExtractor(RoutingKeyExtractor.parameter("user"))
        .listener(events);
  }

  private GradualCutoverRouter track(GradualCutoverRouter router) {
    routers.add(router);
    return router;
  }

  private static String who(GraphDatabase db, String user) {
    return db.query("who", Map.of("user", user)).ids().get(0);
  }

  // ------------------------------------------------------------------------------------ routing

  @Test
  void shouldAnswerFromTheSideTheKeyIsRoutedToWhenTheShareIsSet() {
    // given
    GradualCutoverRouter router = track(builder(side("primary"), side("secondary")).initialShare(5_000).build());
    RoutingHash hash = RoutingHash.salted(GradualCutoverRouter.DEFAULT_SALT);

    // when / then
    int onSecondary = 0;
    for (int i = 0; i < 1_000; i++) {
      String user = "u" + i;
      String expected = hash.bucket(user) < 5_000 ? "secondary" : "primary";
      assertThat(who(router, user)).as(user).isEqualTo(expected);
      assertThat(router.route(user)).isEqualTo(expected.equals("secondary") ? Side.SECONDARY : Side.PRIMARY);
      onSecondary += expected.equals("secondary") ? 1 : 0;
    }
    assertThat(onSecondary).isBetween(400, 600);
    CutoverMetrics m = router.metrics();
    assertThat(m.routedToSecondary()).isEqualTo(onSecondary);
    assertThat(m.routedToPrimary()).isEqualTo(1_000 - onSecondary);
  }

  @Test
  void shouldKeepEveryKeyOnTheSecondaryWhenTheShareRises() {
    // given
    GradualCutoverRouter router = track(builder(side("primary"), side("secondary")).build());
    Set<String> previous = new HashSet<>();

    // when / then
    for (int share : new int[] {100, 1_000, 5_000, 10_000}) {
      router.share(share);
      Set<String> now = new HashSet<>();
      for (int i = 0; i < 5_000; i++) {
        if (who(router, "u" + i).equals("secondary")) {
          now.add("u" + i);
        }
      }
      assertThat(now).as("keys on the secondary at %d bp", share).containsAll(previous);
      assertThat(now.size()).isGreaterThan(previous.size());
      previous = now;
    }
    assertThat(previous).hasSize(5_000);
  }

  @Test
  void shouldDecideAtRandomFromTheSeedWhenAReadHasNoKey() {
    // given
    GradualCutoverRouter a = track(builder(side("primary"), side("secondary")).name("a")
        .keyExtractor(RoutingKeyExtractor.none()).initialShare(5_000).seed(11).build());
    GradualCutoverRouter b = track(builder(side("primary"), side("secondary")).name("b")
        .keyExtractor(RoutingKeyExtractor.none()).initialShare(5_000).seed(11).build());
    GradualCutoverRouter c = track(builder(side("primary"), side("secondary")).name("c")
        .keyExtractor(RoutingKeyExtractor.none()).initialShare(5_000).seed(12).build());

    // when
    List<String> fromA = new ArrayList<>();
    List<String> fromB = new ArrayList<>();
    List<String> fromC = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      fromA.add(who(a, "same-user"));
      fromB.add(who(b, "same-user"));
      fromC.add(who(c, "same-user"));
    }

    // then
    assertThat(fromA).isEqualTo(fromB).isNotEqualTo(fromC);
    assertThat(fromA.stream().filter("secondary"::equals).count()).isBetween(850L, 1_150L);
    assertThat(a.metrics().randomDecisions()).isEqualTo(2_000);
  }

  @Test
  void shouldSendWritesAndToolingReadsToThePrimaryWhenEveryReadIsRouted() {
    // given
    InMemoryGraphDatabase primary = side("primary");
    InMemoryGraphDatabase secondary = side("secondary");
    GradualCutoverRouter router = track(builder(primary, secondary).initialShare(10_000).build());

    // when
    router.upsertNode(Node.of("p1", "Person", Map.of("name", "Ada")));

    // then
    assertThat(primary.getNode("p1")).isPresent();
    assertThat(secondary.getNode("p1")).isEmpty();
    assertThat(router.countNodes()).isEqualTo(1);
    assertThat(router.scanNodes(dev.graphshift.ScanRequest.all(10)).items()).hasSize(1);
    assertThat(router.getNode("p1")).as("a read by id is routed (to the secondary, which lacks it)").isEmpty();
  }

  @Test
  void shouldTranslateIdsForTheSecondaryAndKeyAnswersByTheCallersIdsWhenAMapperIsGiven() {
    // given
    RecordMapper prefixing = new PrefixingMapper("n-", p -> p);
    InMemoryGraphDatabase secondary = side("secondary");
    secondary.upsertNodes(List.of(Node.of("n-p1", "Person", Map.of()), Node.of("n-p2", "Person", Map.of())));
    GradualCutoverRouter router = track(builder(side("primary"), secondary).mapper(prefixing).initialShare(10_000).build());

    // when
    Optional<Node> one = router.getNode("p1");
    Map<String, Node> many = router.getNodes(List.of("p2", "p1", "p3"));

    // then
    assertThat(one).map(Node::id).contains("n-p1");
    assertThat(many).containsOnlyKeys("p1", "p2");
    assertThat(many.get("p2").id()).isEqualTo("n-p2");
  }

  // ------------------------------------------------------------------------------------ fallback

  @Test
  void shouldServeFromThePrimaryAndCountItWhenTheSecondaryFails() {
    // given
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(side("secondary")).down();
    GradualCutoverRouter router = track(builder(side("primary"), secondary).initialShare(10_000).build());

    // when
    String answer = who(router, "u1");

    // then
    assertThat(answer).isEqualTo("primary");
    CutoverMetrics m = router.metrics();
    assertThat(m.routedToSecondary()).isEqualTo(1);
    assertThat(m.secondaryFailures()).isEqualTo(1);
    assertThat(m.fallbacksToPrimary()).isEqualTo(1);
    assertThat(m.fallbacksFailed()).isZero();
    FallbackUsedEvent e = events.of(FallbackUsedEvent.class).get(0);
    assertThat(e.from()).isEqualTo(Side.SECONDARY);
    assertThat(e.to()).isEqualTo(Side.PRIMARY);
    assertThat(e.served()).isTrue();
    assertThat(e.key()).contains("u1");
    assertThat(e.read()).isEqualTo("query:who");
    assertThat(e.error()).contains("injected outage");
  }

  @Test
  void shouldServeFromTheSecondaryAndCountItWhenThePrimaryIsDown() {
    // given
    FaultyGraphDatabase primary = new FaultyGraphDatabase(side("primary")).down();
    GradualCutoverRouter router = track(builder(primary, side("secondary")).initialShare(0).build());

    // when
    String answer = who(router, "u1");

    // then
    assertThat(answer).isEqualTo("secondary");
    CutoverMetrics m = router.metrics();
    assertThat(m.routedToPrimary()).isEqualTo(1);
    assertThat(m.primaryFailures()).isEqualTo(1);
    assertThat(m.fallbacksToSecondary()).isEqualTo(1);
    assertThat(events.of(FallbackUsedEvent.class)).singleElement()
        .satisfies(e -> assertThat(e.from()).isEqualTo(Side.PRIMARY));
  }

  @Test
  void shouldNotAskTheSecondaryWhenThePrimaryFailureIsNotRetryable() {
    // given
    FaultyGraphDatabase primary = new FaultyGraphDatabase(side("primary")).down()
        .failWith(() -> new DatabaseException("primary", "constraint violated", null));
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(side("secondary"));
    GradualCutoverRouter router = track(builder(primary, secondary).build());

    // when / then
    assertThatThrownBy(() -> who(router, "u1")).isInstanceOf(DatabaseException.class).hasMessageContaining("constraint");
    assertThat(secondary.calls()).isZero();
  }

  @Test
  void shouldNotFallBackToTheSecondaryWhenRolledBack() {
    // given
    FaultyGraphDatabase primary = new FaultyGraphDatabase(side("primary")).down();
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(side("secondary"));
    GradualCutoverRouter router = track(builder(primary, secondary).initialShare(10_000).build());
    router.rollback("test");

    // when / then
    assertThatThrownBy(() -> who(router, "u1")).isInstanceOf(DatabaseUnavailableException.class);
    assertThat(secondary.calls()).isZero();
  }

  @Test
  void shouldThrowThePrimaryFailureWithTheSecondaryOneSuppressedWhenBothSidesFail() {
    // given
    FaultyGraphDatabase primary = new FaultyGraphDatabase(side("primary")).down()
        .failWith(() -> new DatabaseUnavailableException("primary", "primary is down", null));
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(side("secondary")).down()
        .failWith(() -> new DatabaseUnavailableException("secondary", "secondary is down", null));
    GradualCutoverRouter toSecondary = track(builder(primary, secondary).name("all").initialShare(10_000).build());
    GradualCutoverRouter toPrimary = track(builder(primary, secondary).name("none").initialShare(0).build());

    // when / then: whichever side was chosen, the caller gets the primary's exception
    for (GradualCutoverRouter router : List.of(toSecondary, toPrimary)) {
      assertThatThrownBy(() -> who(router, "u1"))
          .hasMessageContaining("primary is down")
          .satisfies(t -> assertThat(t.getSuppressed()).singleElement()
              .satisfies(s -> assertThat(s).hasMessageContaining("secondary is down")));
      assertThat(router.metrics().fallbacksFailed()).isEqualTo(1);
    }
    assertThat(events.of(FallbackUsedEvent.class)).hasSize(2).allSatisfy(e -> assertThat(e.served()).isFalse());
  }

  // ------------------------------------------------------------------------------------ rollback

  @Test
  void shouldReturnEveryReadToThePrimaryAtOnceWhenRolledBack() {
    // given
    GradualCutoverRouter router = track(builder(side("primary"), side("secondary")).initialShare(10_000).build());
    assertThat(who(router, "u1")).isEqualTo("secondary");

    // when
    router.rollback("bad answers");

    // then: the very next reads, with no tick in between
    for (int i = 0; i < 200; i++) {
      assertThat(who(router, "u" + i)).isEqualTo("primary");
      assertThat(router.route("u" + i)).isEqualTo(Side.PRIMARY);
    }
    CutoverState s = router.state();
    assertThat(s.rolledBack()).isTrue();
    assertThat(s.shareBasisPoints()).isZero();
    assertThat(s.reason()).isEqualTo("bad answers");
    CutoverRolledBackEvent e = events.of(CutoverRolledBackEvent.class).get(0);
    assertThat(e.fromBasisPoints()).isEqualTo(10_000);
    assertThat(e.trigger()).isEqualTo(CutoverTrigger.OPERATOR);
    assertThat(e.at()).isEqualTo(clock.instant());
    assertThat(router.metrics().rollbacks()).isEqualTo(1);
  }

  @Test
  void shouldRollBackLocallyAtOnceAndStoreItLaterWhenTheControlStoreIsDown() {
    // given
    FlakyStore store = new FlakyStore();
    GradualCutoverRouter router = track(builder(side("primary"), side("secondary"))
        .controlStore(store).initialShare(10_000).build());
    store.down = true;

    // when
    router.rollback("store outage drill");

    // then: rolled back here, not yet in the store
    assertThat(router.state().rolledBack()).isTrue();
    assertThat(who(router, "u1")).isEqualTo("primary");
    assertThat(router.metrics().controlStoreFailures()).isPositive();

    // when: the store is back; a poll must not undo the rollback before it is stored
    store.down = false;
    clock.advance(Duration.ofMinutes(1));
    router.tick();

    // then
    assertThat(store.read("test-router")).get().satisfies(s -> assertThat(s.rolledBack()).isTrue());
    assertThat(router.state().rolledBack()).isTrue();
    assertThat(events.of(CutoverRolledBackEvent.class)).hasSize(1);
  }

  // ------------------------------------------------------------------------------------ schedule

  @Test
  void shouldAdvanceThroughTheDefaultScheduleWhenTheClockPassesEachHold() {
    // given
    GradualCutoverRouter router = track(builder(side("primary"), side("secondary"))
        .schedule(CutoverSchedule.defaults()).build());
    assertThat(router.state().shareBasisPoints()).isEqualTo(100);
    assertThat(router.state().phase()).isEqualTo(CutoverPhase.RUNNING);

    // when / then
    clock.advance(Duration.ofHours(24).minusSeconds(1));
    router.tick();
    assertThat(router.state().shareBasisPoints()).isEqualTo(100);
    clock.advance(Duration.ofSeconds(1));
    router.tick();
    assertThat(router.state().shareBasisPoints()).isEqualTo(1_000);
    clock.advance(Duration.ofHours(24));
    router.tick();
    assertThat(router.state().shareBasisPoints()).isEqualTo(5_000);
    clock.advance(Duration.ofHours(47));
    router.tick();
    assertThat(router.state().shareBasisPoints()).isEqualTo(5_000);
    clock.advance(Duration.ofHours(1));
    router.tick();
    assertThat(router.state().shareBasisPoints()).isEqualTo(10_000);
    clock.advance(Duration.ofDays(30));
    router.tick();
    assertThat(router.state().shareBasisPoints()).isEqualTo(10_000);
    assertThat(router.state().step()).isEqualTo(3);

    assertThat(events.of(CutoverAdvancedEvent.class))
        .extracting(CutoverAdvancedEvent::fromBasisPoints, CutoverAdvancedEvent::toBasisPoints, CutoverAdvancedEvent::step)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(100, 1_000, 1),
            org.assertj.core.groups.Tuple.tuple(1_000, 5_000, 2),
            org.assertj.core.groups.Tuple.tuple(5_000, 10_000, 3));
    assertThat(events.of(CutoverAdvancedEvent.class)).allSatisfy(e -> assertThat(e.trigger()).isEqualTo(CutoverTrigger.SCHEDULE));
    assertThat(router.metrics().advances()).isEqualTo(3);
  }

  @Test
  void shouldRollBackOnItsOwnWithinOneHealthWindowWhenTheSecondaryFailsOneReadInTen() {
    // given
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(side("secondary"), 3).failureRate(0.10);
    GradualCutoverRouter router = track(builder(side("primary"), secondary)
        .schedule(CutoverSchedule.builder().step(5_000, Duration.ofHours(1)).finalStep(10_000).build())
        .healthGate(HealthGate.builder().window(Duration.ofMinutes(1)).slices(1).minSamples(100).build())
        .build());

    // when: reads during one window; every failure is served by the primary
    for (int i = 0; i < 2_000; i++) {
      assertThat(who(router, "u" + i)).isIn("primary", "secondary");
    }
    clock.advance(Duration.ofMinutes(1));
    router.tick();

    // then
    CutoverState s = router.state();
    assertThat(s.rolledBack()).isTrue();
    assertThat(s.shareBasisPoints()).isZero();
    HealthCheckedEvent checked = events.of(HealthCheckedEvent.class).get(0);
    assertThat(checked.window().verdict()).isEqualTo(HealthVerdict.ERROR_RATE_TRIPPED);
    assertThat(checked.window().secondaryErrorRate()).isBetween(0.05, 0.15);
    assertThat(checked.acted()).isTrue();
    CutoverRolledBackEvent rolledBack = events.of(CutoverRolledBackEvent.class).get(0);
    assertThat(rolledBack.trigger()).isEqualTo(CutoverTrigger.HEALTH_GATE);
    assertThat(rolledBack.fromBasisPoints()).isEqualTo(5_000);
    assertThat(rolledBack.reason()).contains("ERROR_RATE_TRIPPED");

    // and: it never re-advances on its own
    long secondaryCalls = secondary.calls();
    clock.advance(Duration.ofHours(5));
    router.tick();
    for (int i = 0; i < 100; i++) {
      assertThat(who(router, "u" + i)).isEqualTo("primary");
    }
    assertThat(router.state().rolledBack()).isTrue();
    assertThat(secondary.calls()).isEqualTo(secondaryCalls);
  }

  @Test
  void shouldRollBackOnItsOwnWhenTheSecondaryP99IsAboveTheGate() {
    // given: on a fake ticker, the primary takes 1 ms and the secondary 2 ms
    AtomicLong nanos = new AtomicLong();
    GradualCutoverRouter router = track(builder(side("primary", nanos, 1_000_000), side("secondary", nanos, 2_000_000))
        .ticker(nanos::get)
        .initialShare(5_000)
        .healthGate(HealthGate.builder().window(Duration.ofMinutes(1)).slices(1).minSamples(50).build())
        .build());

    // when
    for (int i = 0; i < 1_000; i++) {
      who(router, "u" + i);
    }
    clock.advance(Duration.ofMinutes(1));
    router.tick();

    // then
    HealthWindow w = events.of(HealthCheckedEvent.class).get(0).window();
    assertThat(w.verdict()).isEqualTo(HealthVerdict.LATENCY_TRIPPED);
    assertThat(w.primaryP99().toNanos()).isBetween(1_000_000L, 1_062_500L);
    assertThat(w.secondaryP99().toNanos()).isBetween(2_000_000L, 2_125_000L);
    assertThat(router.state().rolledBack()).isTrue();
  }

  @Test
  void shouldStayWhereItIsWhenTheWindowIsHealthyOrTooSmallToJudge() {
    // given: both sides equally fast, no failure
    AtomicLong nanos = new AtomicLong();
    GradualCutoverRouter router = track(builder(side("primary", nanos, 1_000_000), side("secondary", nanos, 1_000_000))
        .ticker(nanos::get)
        .initialShare(5_000)
        .healthGate(HealthGate.builder().window(Duration.ofMinutes(2)).slices(2).minSamples(50).build())
        .build());

    // when: a slice with too few reads, then one with enough
    for (int i = 0; i < 20; i++) {
      who(router, "u" + i);
    }
    clock.advance(Duration.ofMinutes(1));
    router.tick();
    for (int i = 0; i < 1_000; i++) {
      who(router, "u" + i);
    }
    clock.advance(Duration.ofMinutes(1));
    router.tick();

    // then
    assertThat(events.of(HealthCheckedEvent.class)).extracting(e -> e.window().verdict())
        .containsExactly(HealthVerdict.INSUFFICIENT_SAMPLES, HealthVerdict.HEALTHY);
    assertThat(events.of(HealthCheckedEvent.class)).allSatisfy(e -> assertThat(e.acted()).isFalse());
    assertThat(router.state().shareBasisPoints()).isEqualTo(5_000);
    assertThat(router.metrics().lastHealth()).get().satisfies(w -> {
      assertThat(w.secondaryReads()).isBetween(400L, 600L);
      assertThat(w.primaryReads() + w.secondaryReads()).isEqualTo(1_020);
    });
  }

  @Test
  void shouldResumeAtTheStepWhereItStoppedWhenResumedAfterARollback() {
    // given: at the second step (10%)
    GradualCutoverRouter router = track(builder(side("primary"), side("secondary"))
        .schedule(CutoverSchedule.defaults()).build());
    clock.advance(Duration.ofHours(24));
    router.tick();
    assertThat(router.state().shareBasisPoints()).isEqualTo(1_000);
    router.rollback("drill");
    clock.advance(Duration.ofDays(10));
    router.tick();
    assertThat(router.state().shareBasisPoints()).isZero();

    // when
    CutoverState resumed = router.resume();

    // then: 10% again, for a full 24 hours
    assertThat(resumed.shareBasisPoints()).isEqualTo(1_000);
    assertThat(resumed.phase()).isEqualTo(CutoverPhase.RUNNING);
    assertThat(resumed.stepStartedAt()).isEqualTo(clock.instant());
    assertThat(events.of(CutoverResumedEvent.class)).singleElement()
        .satisfies(e -> assertThat(e.shareBasisPoints()).isEqualTo(1_000));
    clock.advance(Duration.ofHours(23));
    router.tick();
    assertThat(router.state().shareBasisPoints()).isEqualTo(1_000);
    clock.advance(Duration.ofHours(1));
    router.tick();
    assertThat(router.state().shareBasisPoints()).isEqualTo(5_000);
  }

  @Test
  void shouldHoldTheShareWhenPausedOrSetByHand() {
    // given
    GradualCutoverRouter router = track(builder(side("primary"), side("secondary"))
        .schedule(CutoverSchedule.defaults()).build());

    // when: paused, the schedule does not advance
    router.pause();
    clock.advance(Duration.ofDays(3));
    router.tick();

    // then
    assertThat(router.state().phase()).isEqualTo(CutoverPhase.PAUSED);
    assertThat(router.state().shareBasisPoints()).isEqualTo(100);

    // when: set by hand
    router.share(2_500);

    // then
    assertThat(router.state().shareBasisPoints()).isEqualTo(2_500);
    assertThat(router.state().phase()).isEqualTo(CutoverPhase.PAUSED);
    assertThat(events.of(CutoverPausedEvent.class)).hasSize(1);
    assertThat(events.of(CutoverShareChangedEvent.class)).singleElement().satisfies(e -> {
      assertThat(e.fromBasisPoints()).isEqualTo(100);
      assertThat(e.toBasisPoints()).isEqualTo(2_500);
      assertThat(e.trigger()).isEqualTo(CutoverTrigger.OPERATOR);
    });
  }

  @Test
  void shouldRefuseToResumeWhenThereIsNoSchedule() {
    GradualCutoverRouter router = track(builder(side("primary"), side("secondary")).build());
    assertThatThrownBy(router::resume).isInstanceOf(IllegalStateException.class).hasMessageContaining("no schedule");
  }

  @Test
  void shouldCountAndCarryOnWhenAListenerThrows() {
    // given
    CutoverListener throwing = new CutoverListener() {
      @Override
      public void onRolledBack(CutoverRolledBackEvent event) {
        throw new IllegalStateException("listener bug");
      }
    };
    GradualCutoverRouter router = track(builder(side("primary"), side("secondary"))
        .listener(throwing).initialShare(10_000).build());

    // when
    router.rollback("drill");

    // then
    assertThat(router.state().rolledBack()).isTrue();
    assertThat(router.metrics().listenerFailures()).isEqualTo(1);
    assertThat(events.of(CutoverRolledBackEvent.class)).hasSize(1);
  }

  // ------------------------------------------------------------------------------------ builder

  @Test
  void shouldRejectConflictingOrBadSettingsWhenBuilding() {
    GradualCutoverRouter.Builder b = GradualCutoverRouter.builder(side("p"), side("s"));
    assertThatThrownBy(() -> b.initialShare(10_001)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10001");
    assertThatThrownBy(() -> b.name(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.tickInterval(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    b.initialShare(100);
    assertThatThrownBy(() -> b.schedule(CutoverSchedule.defaults()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("initialShare(100)");
    GradualCutoverRouter router = track(b.tickInterval(Duration.ZERO).build());
    assertThatThrownBy(() -> router.share(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    assertThat(router.config().initialShareBasisPoints()).isEqualTo(100);
  }

  /** An in-memory store that can be taken down. */
  static final class FlakyStore implements CutoverControlStore {
    final InMemoryCutoverControlStore delegate = new InMemoryCutoverControlStore();
    volatile boolean down;

    @Override
    public Optional<CutoverState> read(String router) {
      check();
      return delegate.read(router);
    }

    @Override
    public boolean compareAndSet(String router, long expectedVersion, CutoverState next) {
      check();
      return delegate.compareAndSet(router, expectedVersion, next);
    }

    private void check() {
      if (down) {
        throw new CutoverControlStoreException("flaky store", "injected outage", null);
      }
    }
  }
}
