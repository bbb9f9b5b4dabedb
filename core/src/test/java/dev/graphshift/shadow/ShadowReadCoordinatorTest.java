package dev.graphshift.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.QueryResult;
import dev.graphshift.conformance.Eventually;
import dev.graphshift.cutover.MutableClock;
import dev.graphshift.cutover.PrefixingMapper;
import dev.graphshift.cutover.RoutingHash;
import dev.graphshift.cutover.RoutingKeyExtractor;
import dev.graphshift.faults.FaultyGraphDatabase;
import dev.graphshift.mapping.RecordMapper;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShadowReadCoordinatorTest {
  private final MutableClock clock = new MutableClock();
  private final List<Record> events = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch secondaryEntered = new CountDownLatch(1);

  private final ShadowReadListener recording = new ShadowReadListener() {
    @Override
    public void onCompared(ShadowReadComparedEvent event) {
      events.add(event);
    }

    @Override
    public void onFailed(ShadowReadFailedEvent event) {
      events.add(event);
    }

    @Override
    public void onShed(ShadowReadShedEvent event) {
      events.add(event);
    }
  };

  @AfterEach
  void cleanUp() throws Exception {
    release.countDown();
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  /** A database whose read "who" answers with the database's name and the "user" parameter. */
  static InMemoryGraphDatabase side(String name) {
    return InMemoryGraphDatabase.builder(name)
        .query("who", (d, p) -> QueryResult.ofIds(List.of(name + ":" + p.get("user"))))
        .query("same", (d, p) -> QueryResult.ofIds(List.of("a", "b", "c")))
        .build();
  }

  /** A secondary whose reads block until the test releases them. */
  private InMemoryGraphDatabase blockingSide() {
    return InMemoryGraphDatabase.builder("blocked")
        .query("same", (d, p) -> {
          secondaryEntered.countDown();
          try {
            if (!release.await(60, TimeUnit.SECONDS)) {
              throw new IllegalStateException("never released");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          return QueryResult.ofIds(List.of("a", "b", "c"));
        })
        .build();
  }

  private ShadowReadCoordinator.Builder builder(GraphDatabase primary, GraphDatabase secondary) {
    return ShadowReadCoordinator.builder(primary, secondary).name("test-shadow").clock(clock).listener(recording);
  }

  private ShadowReadCoordinator track(ShadowReadCoordinator c) {
    closing.add(c);
    return c;
  }

  private <E extends Record> List<E> eventsOf(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  // ------------------------------------------------------------------------------------ the caller's path

  @Test
  void shouldReturnThePrimaryAnswerWhileTheSecondaryIsStillBlocked() throws Exception {
    // given: a secondary that blocks until released, on the coordinator's own threads
    ShadowReadCoordinator shadow = track(builder(side("primary"), blockingSide()).build());
    ExecutorService caller = Executors.newSingleThreadExecutor();
    closing.add(caller::shutdownNow);

    // when
    Future<QueryResult> answer = caller.submit(() -> shadow.query("same", Map.of()));

    // then: the caller has its answer while the secondary read is in progress and still blocked
    assertThat(answer.get(Eventually.DEFAULT_TIMEOUT.toSeconds(), TimeUnit.SECONDS).ids()).containsExactly("a", "b", "c");
    assertThat(secondaryEntered.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(release.getCount()).as("the secondary is still blocked").isEqualTo(1);
    assertThat(shadow.metrics().pending()).isEqualTo(1);

    // when
    release.countDown();

    // then
    Eventually.await("the comparison finishes", () -> shadow.metrics().matches() == 1);
    assertThat(shadow.metrics().pending()).isZero();
  }

  @Test
  void shouldNeverRunTheSecondaryOnTheCallersThreadWhenTheExecutorRunsTasksInPlace() {
    // given: a caller-runs executor, which a direct handoff would turn into a secondary read on the caller's thread
    List<Thread> secondaryThreads = new CopyOnWriteArrayList<>();
    InMemoryGraphDatabase secondary = InMemoryGraphDatabase.builder("secondary")
        .query("same", (d, p) -> {
          secondaryThreads.add(Thread.currentThread());
          return QueryResult.ofIds(List.of("a", "b", "c"));
        })
        .build();
    ShadowReadCoordinator shadow = track(builder(side("primary"), secondary).executor(Runnable::run).build());

    // when
    for (int i = 0; i < 50; i++) {
      shadow.query("same", Map.of("i", i));
    }

    // then
    Eventually.await("every comparison finishes", () -> shadow.metrics().matches() == 50);
    assertThat(secondaryThreads).hasSize(50).doesNotContain(Thread.currentThread());
  }

  @Test
  void shouldReturnThePrimaryAnswerAndRecordTheFailureWhenTheSecondaryIsDown() {
    // given
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(side("secondary")).down();
    ShadowReadCoordinator shadow = track(builder(side("primary"), secondary).executor(Runnable::run).dispatchInterval(Duration.ZERO).build());

    // when
    QueryResult answer = shadow.query("who", Map.of("user", "u1"));

    // then
    assertThat(answer.ids()).containsExactly("primary:u1");
    ShadowReport report = shadow.report();
    assertThat(report.metrics().secondaryFailures()).isEqualTo(1);
    assertThat(report.metrics().compared()).isZero();
    assertThat(report.examples()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.SECONDARY_FAILED);
      assertThat(d.read()).isEqualTo("query:who");
      assertThat(d.error()).get().asString().contains("injected outage");
      assertThat(d.primary()).contains("primary:u1");
    });
    assertThat(eventsOf(ShadowReadFailedEvent.class)).singleElement()
        .satisfies(e -> assertThat(e.kind()).isEqualTo(DiscrepancyKind.SECONDARY_FAILED));
  }

  @Test
  void shouldPassThePrimaryFailureToTheCallerWithoutShadowing() {
    // given
    FaultyGraphDatabase primary = new FaultyGraphDatabase(side("primary")).down();
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(side("secondary"));
    ShadowReadCoordinator shadow = track(builder(primary, secondary).executor(Runnable::run).dispatchInterval(Duration.ZERO).build());

    // when / then
    assertThatThrownBy(() -> shadow.query("who", Map.of("user", "u1"))).isInstanceOf(DatabaseUnavailableException.class);
    assertThat(secondary.calls()).isZero();
    assertThat(shadow.metrics().primaryFailures()).isEqualTo(1);
    assertThat(shadow.metrics().sampled()).isZero();
  }

  @Test
  void shouldShedAndCountWhenTheComparisonQueueIsFull() {
    // given: at most 2 pending comparisons, the secondary blocked
    ShadowReadCoordinator shadow = track(builder(side("primary"), blockingSide()).maxPending(2).threads(1).build());

    // when
    for (int i = 0; i < 10; i++) {
      assertThat(shadow.query("same", Map.of("i", i)).ids()).containsExactly("a", "b", "c");
    }

    // then
    ShadowMetrics m = shadow.metrics();
    assertThat(m.sampled()).isEqualTo(10);
    assertThat(m.shed()).isEqualTo(8);
    assertThat(m.pending()).isEqualTo(2);
    assertThat(eventsOf(ShadowReadShedEvent.class)).hasSize(8).allSatisfy(e -> assertThat(e.pending()).isEqualTo(2));

    // when
    release.countDown();

    // then: counts reconcile
    Eventually.await("both pending comparisons finish", () -> shadow.metrics().matches() == 2);
    ShadowMetrics done = shadow.metrics();
    assertThat(done.pending()).isZero();
    assertThat(done.resolved()).isEqualTo(done.sampled());
  }

  @Test
  void shouldRecordAThrowingComparatorAndNeverLetItReachTheCaller() {
    // given
    ShadowReadCoordinator shadow = track(builder(side("primary"), side("secondary"))
        .executor(Runnable::run).dispatchInterval(Duration.ZERO)
        .comparator("who", (e, a) -> {
          throw new IllegalStateException("comparator bug");
        })
        .build());

    // when
    QueryResult answer = shadow.query("who", Map.of("user", "u1"));

    // then
    assertThat(answer.ids()).containsExactly("primary:u1");
    ShadowReport report = shadow.report();
    assertThat(report.metrics().comparatorFailures()).isEqualTo(1);
    assertThat(report.examples()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.COMPARATOR_FAILED);
      assertThat(d.error()).get().asString().contains("comparator bug");
      assertThat(d.secondary()).get().asString().contains("secondary:u1");
    });
  }

  @Test
  void shouldRecordATimeoutWhenTheSecondaryStaysBlockedAndDiscardItsLateAnswer() {
    // given
    ShadowReadCoordinator shadow = track(builder(side("primary"), blockingSide()).timeout(Duration.ofMillis(20)).build());

    // when
    shadow.query("same", Map.of());

    // then
    Eventually.await("the timeout is recorded", () -> shadow.metrics().timeouts() == 1);
    assertThat(release.getCount()).as("the secondary is still blocked").isEqualTo(1);

    // when: the secondary answers, too late
    release.countDown();

    // then
    Eventually.await("the late read returns", () -> shadow.metrics().pending() == 0 && shadow.metrics().secondaryLatency().count() == 1);
    ShadowMetrics m = shadow.metrics();
    assertThat(m.timeouts()).isEqualTo(1);
    assertThat(m.matches()).isZero();
    assertThat(shadow.report().examples()).singleElement()
        .satisfies(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.TIMED_OUT));
  }

  @Test
  void shouldCountATimeoutWhenTheSecondaryAnswersAfterTheTimeoutOnTheTicker() {
    // given: on a fake ticker, the secondary takes 10 s against a 5 s timeout
    AtomicLong nanos = new AtomicLong();
    InMemoryGraphDatabase slow = InMemoryGraphDatabase.builder("slow")
        .query("same", (d, p) -> {
          nanos.addAndGet(Duration.ofSeconds(10).toNanos());
          return QueryResult.ofIds(List.of("a", "b", "c"));
        })
        .build();
    ShadowReadCoordinator shadow = track(builder(side("primary"), slow).executor(Runnable::run).dispatchInterval(Duration.ZERO).ticker(nanos::get).build());

    // when
    shadow.query("same", Map.of());

    // then
    assertThat(shadow.metrics().timeouts()).isEqualTo(1);
    assertThat(shadow.metrics().matches()).isZero();
  }

  // ------------------------------------------------------------------------------------ sampling

  @Test
  void shouldSampleTheSameKeysEveryTimeWhenTheRateIsPartial() {
    // given
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(side("secondary"));
    ShadowReadCoordinator shadow = track(builder(side("primary"), secondary)
        .executor(Runnable::run).dispatchInterval(Duration.ZERO)
        .sampleRate(0.10)
        .keyExtractor(RoutingKeyExtractor.parameter("user"))
        .build());
    RoutingHash hash = RoutingHash.salted(ShadowReadCoordinator.DEFAULT_SALT);
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      if (hash.bucket("u" + i) < 1_000) {
        expected.add("u" + i);
      }
    }

    // when: the same users read twice
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 2_000; i++) {
        shadow.query("who", Map.of("user", "u" + i));
      }
    }

    // then
    ShadowMetrics m = shadow.metrics();
    assertThat(m.sampled()).isEqualTo(2L * expected.size());
    assertThat(m.skipped()).isEqualTo(4_000L - 2L * expected.size());
    assertThat(m.reads()).isEqualTo(4_000);
    assertThat(expected.size()).isBetween(150, 250);
    assertThat(secondary.calls()).isEqualTo(2L * expected.size());
    assertThat(m.mismatches()).as("primary and secondary answer differently").isEqualTo(m.sampled());
    assertThat(eventsOf(ShadowReadComparedEvent.class)).extracting(ShadowReadComparedEvent::key)
        .hasSize(2 * expected.size()).allSatisfy(k -> assertThat(expected).contains(k));
  }

  @Test
  void shouldCompareNothingWhenTheRateIsZero() {
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(side("secondary"));
    ShadowReadCoordinator shadow = track(builder(side("primary"), secondary).executor(Runnable::run).dispatchInterval(Duration.ZERO).sampleRate(0).build());
    shadow.query("who", Map.of("user", "u1"));
    assertThat(secondary.calls()).isZero();
    assertThat(shadow.metrics().skipped()).isEqualTo(1);
  }

  // ------------------------------------------------------------------------------------ comparing

  @Test
  void shouldCompareTheMappedPrimaryRecordWithTheSecondaryRecordWhenReadingById() {
    // given: the mapper prefixes ids and renames a property
    RecordMapper mapper = new PrefixingMapper("n-", p -> Map.of("fullName", p.get("name")));
    InMemoryGraphDatabase primary = side("primary");
    InMemoryGraphDatabase secondary = side("secondary");
    primary.upsertNodes(List.of(Node.of("p1", "Person", Map.of("name", "Ada")), Node.of("p2", "Person", Map.of("name", "Bob"))));
    secondary.upsertNodes(List.of(Node.of("n-p1", "Person", Map.of("fullName", "Ada")),
        Node.of("n-p2", "Person", Map.of("fullName", "Robert"))));
    ShadowReadCoordinator shadow = track(builder(primary, secondary).executor(Runnable::run).dispatchInterval(Duration.ZERO).mapper(mapper).build());

    // when
    assertThat(shadow.getNode("p1")).map(Node::id).contains("p1");
    assertThat(shadow.getNode("p2")).map(Node::id).contains("p2");
    assertThat(shadow.getNodes(List.of("p1", "p2"))).containsOnlyKeys("p1", "p2");
    assertThat(shadow.getNode("absent")).isEmpty();

    // then: p1 and absent match; p2 and the pair (mean 0.5) do not
    ShadowReport report = shadow.report();
    assertThat(report.metrics().matches()).isEqualTo(2);
    assertThat(report.metrics().mismatches()).isEqualTo(2);
    assertThat(report.metrics().meanSimilarity().getAsDouble()).isCloseTo((1 + 0 + 0.5 + 1) / 4, within(1e-9));
    assertThat(report.examples()).extracting(Discrepancy::read).containsExactlyInAnyOrder("getNode", "getNodes");
    assertThat(report.examples()).filteredOn(d -> d.read().equals("getNode")).singleElement().satisfies(d -> {
      assertThat(d.key()).isEqualTo("p2");
      assertThat(d.primary()).contains("n-p2", "Bob");
      assertThat(d.secondary()).get().asString().contains("Robert");
    });
  }

  @Test
  void shouldUseTheComparatorRegisteredForTheReadWhenComparingQueries() {
    // given: the secondary ranks the same ids differently
    InMemoryGraphDatabase secondary = InMemoryGraphDatabase.builder("secondary")
        .query("same", (d, p) -> QueryResult.ofIds(List.of("b", "a", "c")))
        .build();
    ShadowReadCoordinator shadow = track(builder(side("primary"), secondary)
        .executor(Runnable::run).dispatchInterval(Duration.ZERO)
        .comparator("same", ShadowComparator.jaccard(1.0))
        .build());

    // when
    shadow.query("same", Map.of());

    // then: the same set, so Jaccard matches where exact would not
    assertThat(shadow.metrics().matches()).isEqualTo(1);
    assertThat(shadow.metrics().matchRate().getAsDouble()).isEqualTo(1.0);
  }

  @Test
  void shouldKeepAtMostTheReservoirSizeOfExamplesWhenManyReadsMismatch() {
    // given
    ShadowReadCoordinator shadow = track(builder(side("primary"), side("secondary")).executor(Runnable::run).dispatchInterval(Duration.ZERO).examples(5).build());

    // when
    for (int i = 0; i < 500; i++) {
      shadow.query("who", Map.of("user", "u" + i));
    }

    // then
    ShadowReport report = shadow.report();
    assertThat(report.metrics().mismatches()).isEqualTo(500);
    assertThat(report.examples()).hasSize(5).extracting(Discrepancy::key).doesNotHaveDuplicates();
    assertThat(report.meets(0.95, 100)).isFalse();
  }

  @Test
  void shouldMeasureTheLatencyPercentilesOfBothSidesWhenComparing() {
    // given: on a fake ticker, the primary takes 1 ms and the secondary 3 ms
    AtomicLong nanos = new AtomicLong();
    InMemoryGraphDatabase primary = InMemoryGraphDatabase.builder("primary")
        .query("same", (d, p) -> {
          nanos.addAndGet(1_000_000);
          return QueryResult.ofIds(List.of("a"));
        })
        .build();
    InMemoryGraphDatabase secondary = InMemoryGraphDatabase.builder("secondary")
        .query("same", (d, p) -> {
          nanos.addAndGet(3_000_000);
          return QueryResult.ofIds(List.of("a"));
        })
        .build();
    ShadowReadCoordinator shadow = track(builder(primary, secondary).executor(Runnable::run).dispatchInterval(Duration.ZERO).ticker(nanos::get).build());

    // when
    for (int i = 0; i < 200; i++) {
      shadow.query("same", Map.of("i", i));
    }

    // then
    ShadowMetrics m = shadow.metrics();
    assertThat(m.primaryLatency().count()).isEqualTo(200);
    assertThat(m.primaryLatency().p50().toNanos()).isBetween(1_000_000L, 1_062_500L);
    assertThat(m.primaryLatency().p99().toNanos()).isBetween(1_000_000L, 1_062_500L);
    assertThat(m.secondaryLatency().p50().toNanos()).isBetween(3_000_000L, 3_187_500L);
    assertThat(m.secondaryLatency().max()).isEqualTo(Duration.ofMillis(3));
    assertThat(shadow.report().meets(0.95, 100)).isTrue();
    assertThat(eventsOf(ShadowReadComparedEvent.class)).hasSize(200).allSatisfy(e -> {
      assertThat(e.primaryLatency()).isEqualTo(Duration.ofMillis(1));
      assertThat(e.secondaryLatency()).isEqualTo(Duration.ofMillis(3));
      assertThat(e.at()).isEqualTo(clock.instant());
    });
  }

  @Test
  void shouldCountAListenerThatThrowsAndCarryOn() {
    // given
    ShadowReadCoordinator shadow = track(ShadowReadCoordinator.builder(side("primary"), side("secondary"))
        .executor(Runnable::run).dispatchInterval(Duration.ZERO)
        .listener(new ShadowReadListener() {
          @Override
          public void onCompared(ShadowReadComparedEvent event) {
            throw new IllegalStateException("listener bug");
          }
        })
        .build());

    // when
    QueryResult answer = shadow.query("same", Map.of());

    // then
    assertThat(answer.ids()).containsExactly("a", "b", "c");
    assertThat(shadow.metrics().listenerFailures()).isEqualTo(1);
    assertThat(shadow.metrics().matches()).isEqualTo(1);
  }

  @Test
  void shouldRejectConflictingSettingsWhenBuilding() {
    ShadowReadCoordinator.Builder b = ShadowReadCoordinator.builder(side("p"), side("s"));
    assertThatThrownBy(() -> b.sampleRate(1.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    assertThatThrownBy(() -> b.maxPending(0)).isInstanceOf(IllegalArgumentException.class);
    b.threads(4);
    assertThatThrownBy(() -> b.executor(Runnable::run).dispatchInterval(Duration.ZERO)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("threads(4)");
    b.comparator("who", ShadowComparator.jaccard(0.9));
    assertThatThrownBy(() -> b.comparator("who", ShadowComparator.exact())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("jaccard");
  }
}
