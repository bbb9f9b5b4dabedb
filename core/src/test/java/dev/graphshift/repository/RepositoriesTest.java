package dev.graphshift.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.conformance.Eventually;
import dev.graphshift.cutover.RoutingHash;
import dev.graphshift.cutover.Side;
import dev.graphshift.dualwrite.InMemoryDeadLetterQueue;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.retry.Backoff;
import dev.graphshift.runbook.InMemoryRunbookStateStore;
import dev.graphshift.runbook.MigrationPhase;
import dev.graphshift.runbook.MigrationRunbook;
import dev.graphshift.shadow.Discrepancy;
import dev.graphshift.shadow.DiscrepancyKind;
import dev.graphshift.shadow.ShadowReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RepositoriesTest {

  private final MemoryPersonRepository oldRepo = new MemoryPersonRepository("old");
  private final MemoryPersonRepository newRepo = new MemoryPersonRepository("new");
  private final AtomicReference<MigrationPhase> phase = new AtomicReference<>(MigrationPhase.DUAL_WRITE);
  private final RecordingRepositoryListener events = new RecordingRepositoryListener();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  /** A policy that follows {@link #phase}, with same-thread asynchronous writes and comparisons. */
  private RepositoryPolicy.Builder policy() {
    return RepositoryPolicy.builder(phase::get).executor(Runnable::run).listener(events);
  }

  private <T> DualRepository<T> open(DualRepository<T> d) {
    opened.add(d);
    return d;
  }

  private DualRepository<PersonRepository> people(RepositoryPolicy policy) {
    return open(Repositories.dual(PersonRepository.class, oldRepo, newRepo, policy));
  }

  private static Person ann(long version) {
    return new Person("p1", "Ann", version);
  }

  // ------------------------------------------------------------------------------------ classification

  @Test
  void shouldClassifyMethodsByAnnotationThenByName() {
    // when
    DualRepository<PersonRepository> d = people(policy().build());

    // then
    assertThat(d.classification()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "save(Person)", MethodKind.WRITE,
        "deleteById(String)", MethodKind.WRITE,
        "archive(String)", MethodKind.WRITE,
        "findById(String)", MethodKind.READ,
        "count()", MethodKind.READ,
        "findAll()", MethodKind.READ,
        "lookup(String)", MethodKind.READ));
  }

  /** Methods whose names follow no convention. */
  public interface OddRepository {
    void frobnicate();

    Person settle(String id);

    Person getaway();

    Optional<Person> findById(String id);
  }

  /** A method marked both ways. */
  public interface ConfusedRepository {
    @Read
    @Write
    Person findOrCreate(String id);
  }

  private static final class OddBean implements OddRepository {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void frobnicate() {
      calls.add("frobnicate");
    }

    @Override
    public Person settle(String id) {
      return new Person(id, "settled", 1);
    }

    @Override
    public Person getaway() {
      return new Person("g", "away", 1);
    }

    @Override
    public Optional<Person> findById(String id) {
      return Optional.empty();
    }
  }

  @Test
  void shouldRefuseAtWrapTimeEveryMethodItCannotClassifyUnlessThePolicySaysHow() {
    // given
    OddBean oldBean = new OddBean();
    OddBean newBean = new OddBean();

    // when / then
    assertThatThrownBy(() -> Repositories.wrap(OddRepository.class, oldBean, newBean, policy().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frobnicate()")
        .hasMessageContaining("settle(String)")
        .hasMessageContaining("getaway()")
        .hasMessageNotContaining("findById")
        .hasMessageContaining("@Read");
    DualRepository<OddRepository> d = open(Repositories.dual(OddRepository.class, oldBean, newBean, policy()
        .treat("frobnicate", MethodKind.AUTHORITATIVE_ONLY).otherwise(MethodKind.READ).build()));
    assertThat(d.classification()).containsEntry("frobnicate()", MethodKind.AUTHORITATIVE_ONLY)
        .containsEntry("settle(String)", MethodKind.READ).containsEntry("getaway()", MethodKind.READ);
    phase.set(MigrationPhase.COMPLETE);
    d.proxy().frobnicate();
    assertThat(newBean.calls).containsExactly("frobnicate");
    assertThat(oldBean.calls).isEmpty();
    assertThatThrownBy(() -> Repositories.wrap(ConfusedRepository.class, id -> null, id -> null, policy().build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both @Write and @Read");
    assertThatThrownBy(() -> Repositories.wrap(MemoryPersonRepository.class, oldRepo, newRepo, policy().build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an interface");
    assertThatThrownBy(() -> Repositories.wrap(PersonRepository.class, oldRepo, oldRepo, policy().build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same object");
  }

  // ------------------------------------------------------------------------------------ writes

  @Test
  void shouldAnswerWithTheOldBeanAndWriteTheNewOneAfterWhenDualWriting() {
    // given
    PersonRepository people = people(policy().build()).proxy();

    // when
    Person saved = people.save(ann(1));
    people.deleteById("p9");

    // then
    assertThat(saved.name()).isEqualTo("Ann @old");
    assertThat(oldRepo.writes).containsExactly("save p1 v1", "delete p9");
    assertThat(newRepo.writes).containsExactly("save p1 v1", "delete p9");
    RepositoryMetrics m = Repositories.of(people).metrics();
    assertThat(m.writes()).isEqualTo(2);
    assertThat(m.asyncWrites()).isEqualTo(2);
    assertThat(m.asyncApplied()).isEqualTo(2);
  }

  @Test
  void shouldGiveTheCallerTheOldBeansExceptionUnwrappedAndNotWriteTheNewOne() {
    // given
    PersonRepository people = people(policy().build()).proxy();
    IllegalStateException boom = new IllegalStateException("constraint violated");
    oldRepo.nextWriteFailure.set(boom);

    // then
    assertThatThrownBy(() -> people.save(ann(1))).isSameAs(boom);
    assertThat(newRepo.writes).isEmpty();
  }

  @Test
  void shouldApplyTheWritesOfOneKeyInOrderOnTheNewBean() {
    // given: eight threads apply the new bean's writes
    ExecutorService pool = Executors.newFixedThreadPool(8);
    opened.add(pool::shutdownNow);
    PersonRepository people = people(RepositoryPolicy.builder(phase::get).executor(pool).build()).proxy();

    // when: one thread saves 2 000 versions over 10 keys
    for (long v = 1; v <= 2_000; v++) {
      people.save(new Person("p" + (v % 10), "n", v));
    }

    // then: each key's versions reach the new bean in the order they were saved
    DualRepository<PersonRepository> d = Repositories.of(people);
    Eventually.await("the new bean applied every write", d::idle);
    assertThat(newRepo.writes).hasSize(2_000);
    for (int k = 0; k < 10; k++) {
      String prefix = "save p" + k + " ";
      assertThat(newRepo.writes.stream().filter(w -> w.startsWith(prefix)).toList())
          .as("key p%s", k).isEqualTo(oldRepo.writes.stream().filter(w -> w.startsWith(prefix)).toList());
    }
    assertThat(newRepo.people).isEqualTo(oldRepo.people);
  }

  @Test
  void shouldRetryAFailedWriteThenParkItAfterTheMaxAttemptsAndReplayIt() {
    // given
    DualRepository<PersonRepository> d = people(RepositoryPolicy.builder(phase::get).listener(events).maxAttempts(3)
        .backoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(4)).withJitter(0)).build());
    PersonRepository people = d.proxy();
    newRepo.failuresLeft.set(2);

    // when: two failures, then success
    people.save(ann(1));

    // then
    Eventually.await("the write reached the new bean", () -> newRepo.people.containsKey("p1"));
    Eventually.await("the proxy is idle", d::idle);
    assertThat(d.metrics().asyncFailures()).isEqualTo(2);
    assertThat(d.metrics().retries()).isEqualTo(2);
    assertThat(events.of(RepositoryWriteFailedEvent.class)).hasSize(2).allMatch(RepositoryWriteFailedEvent::willRetry);
    assertThat(d.parked()).isEmpty();

    // when: it keeps failing
    newRepo.failuresLeft.set(Integer.MAX_VALUE);
    Person bob = new Person("p2", "Bob", 1);
    people.save(bob);

    // then: parked with its method, key and arguments
    Eventually.await("the write is parked", () -> !d.parked().isEmpty());
    ParkedWrite p = d.parked().get(0);
    assertThat(p.method()).isEqualTo("save(Person)");
    assertThat(p.key()).isEqualTo("p2");
    assertThat(p.target()).isEqualTo(Side.SECONDARY);
    assertThat(p.arguments()).containsExactly(bob);
    assertThat(p.attempts()).isEqualTo(3);
    assertThat(p.reason()).contains("gave up after 3 attempts");
    // the event follows the entry (a listener may replay it), on the retrying thread
    Eventually.await("the parked event is published", () -> !events.of(RepositoryWriteParkedEvent.class).isEmpty());
    assertThat(events.of(RepositoryWriteParkedEvent.class)).singleElement().matches(e -> e.parked().equals(p));
    assertThat(d.metrics().parked()).isEqualTo(1);

    // when: the new bean recovers and an operator replays it
    newRepo.failuresLeft.set(0);
    assertThat(d.replay(p.sequence())).isTrue();

    // then
    Eventually.await("the replayed write reached the new bean", () -> newRepo.people.containsKey("p2"));
    assertThat(d.parked()).isEmpty();
    assertThat(d.replay(p.sequence())).isFalse();
  }

  @Test
  void shouldLandAWriteQueuedForTheNewBeanBeforeANewerOneWhenTheNewDatabaseBecomesThePrimary() {
    // given: a dual write of p1 the new bean failed once, its retry due in 200 ms
    DualRepository<PersonRepository> d = people(RepositoryPolicy.builder(phase::get).listener(events)
        .backoff(Backoff.exponential(Duration.ofMillis(200), Duration.ofMillis(200)).withJitter(0)).build());
    PersonRepository people = d.proxy();
    newRepo.failuresLeft.set(1);
    people.save(ann(1));
    assertThat(d.metrics().pending()).isEqualTo(1);

    // when: the new database becomes the primary, and p1 is written again
    phase.set(MigrationPhase.DECOMMISSION);
    people.save(ann(2));

    // then: the newer write landed after the queued one, not before it
    Eventually.await("the proxy is idle", d::idle);
    assertThat(newRepo.writes).containsExactly("save p1 v1", "save p1 v2");
    assertThat(newRepo.people.get("p1")).isEqualTo(ann(2));
    assertThat(oldRepo.people.get("p1")).isEqualTo(ann(1));
  }

  // ------------------------------------------------------------------------------------ reads

  @Test
  void shouldAnswerShadowedReadsWithTheOldBeanAndRecordWhereTheNewOneDiffers() {
    // given
    phase.set(MigrationPhase.SHADOW_READ);
    oldRepo.people.put("p1", ann(1));
    newRepo.people.put("p1", ann(1));
    oldRepo.people.put("p2", new Person("p2", "Bob", 1));
    newRepo.people.put("p2", new Person("p2", "Robert", 1));
    DualRepository<PersonRepository> d = people(policy().build());

    // when
    Optional<Person> p1 = d.proxy().findById("p1");
    Optional<Person> p2 = d.proxy().findById("p2");

    // then
    assertThat(p1).contains(ann(1));
    assertThat(p2.orElseThrow().name()).isEqualTo("Bob");
    ShadowReport report = d.shadowReport();
    assertThat(report.metrics().matches()).isEqualTo(1);
    assertThat(report.metrics().mismatches()).isEqualTo(1);
    Discrepancy example = report.examples().get(0);
    assertThat(example.read()).isEqualTo("findById(String)");
    assertThat(example.key()).isEqualTo("p2");
    assertThat(example.kind()).isEqualTo(DiscrepancyKind.MISMATCH);
    assertThat(example.primary()).contains("Bob");
    assertThat(example.secondary().orElseThrow()).contains("Robert");
    assertThat(events.of(RepositoryReadComparedEvent.class)).extracting(RepositoryReadComparedEvent::matched)
        .containsExactly(true, false);
  }

  @Test
  void shouldRouteAShareOfReadsToTheNewBeanStickyByKeyAndFallBackWhenItFails() {
    // given: each bean answers lookups with its own name
    phase.set(MigrationPhase.CUTOVER);
    DualRepository<PersonRepository> d = people(policy().share(() -> 5_000).build());
    RoutingHash hash = RoutingHash.salted(RepositoryPolicy.DEFAULT_SALT);

    // when
    int toNew = 0;
    for (int i = 0; i < 200; i++) {
      String key = "k" + i;
      String first = d.proxy().lookup(key).name();
      String second = d.proxy().lookup(key).name();

      // then: the same side every time, the side the routing hash gives
      assertThat(second).isEqualTo(first);
      assertThat(first).isEqualTo(hash.within(key, 5_000) ? "new" : "old");
      toNew += first.equals("new") ? 1 : 0;
    }
    assertThat(toNew).isBetween(1, 199);
    assertThat(d.metrics().routedToSecondary()).isEqualTo(2L * toNew);

    // when: the new bean fails its reads
    newRepo.failReads = true;
    String routedToNew = "k" + java.util.stream.IntStream.range(0, 200).filter(i -> hash.within("k" + i, 5_000))
        .findFirst().orElseThrow();

    // then: the old bean answers
    assertThat(d.proxy().lookup(routedToNew).name()).isEqualTo("old");
    assertThat(d.metrics().fallbacks()).isEqualTo(1);
    assertThat(events.of(RepositoryFallbackUsedEvent.class)).singleElement()
        .matches(e -> e.key().equals(routedToNew) && e.error().getMessage().contains("new read failed"));
    PersonRepository strict = people(policy().share(() -> 5_000).fallback(false).name("strict").build()).proxy();
    assertThatThrownBy(() -> strict.lookup(routedToNew)).hasMessageContaining("new read failed");
  }

  // ------------------------------------------------------------------------------------ phases

  @Test
  void shouldFollowThePhaseOnEveryCall() {
    // given
    PersonRepository people = people(policy().reverseWrites(true).build()).proxy();
    oldRepo.people.put("p1", new Person("p1", "in old", 1));
    newRepo.people.put("p1", new Person("p1", "in new", 1));

    // when / then: before the migration, the old bean only
    phase.set(MigrationPhase.SINGLE_WRITE);
    people.save(new Person("a", "A", 1));
    assertThat(oldRepo.writes).containsExactly("save a v1");
    assertThat(newRepo.writes).isEmpty();

    // decommission: the new bean answers, the old one follows (reverse writes)
    phase.set(MigrationPhase.DECOMMISSION);
    assertThat(people.save(new Person("b", "B", 1)).name()).isEqualTo("B @new");
    assertThat(oldRepo.writes).containsExactly("save a v1", "save b v1");
    assertThat(people.findById("p1").orElseThrow().name()).isEqualTo("in new");

    // complete: the new bean only
    phase.set(MigrationPhase.COMPLETE);
    people.save(new Person("c", "C", 1));
    assertThat(newRepo.writes).containsExactly("save b v1", "save c v1");
    assertThat(oldRepo.writes).containsExactly("save a v1", "save b v1");
  }

  @Test
  void shouldFollowARunbooksPhase() {
    // given
    MigrationRunbook runbook = MigrationRunbook.builder("people", InMemoryGraphDatabase.named("old"),
            InMemoryGraphDatabase.named("new"))
        .stateStore(new InMemoryRunbookStateStore()).executor(Runnable::run)
        .deadLetters(InMemoryDeadLetterQueue.create()).build();
    opened.add(runbook);
    PersonRepository people = people(RepositoryPolicy.following(runbook).executor(Runnable::run).build()).proxy();

    // when / then
    people.save(ann(1));
    assertThat(newRepo.writes).isEmpty();
    runbook.advance("ops");
    people.save(ann(2));
    assertThat(newRepo.writes).containsExactly("save p1 v2");
    assertThat(Repositories.of(people).metrics().phase()).isEqualTo(MigrationPhase.DUAL_WRITE);
  }

  // ------------------------------------------------------------------------------------ the proxy itself

  @Test
  void shouldAnswerObjectMethodsItselfAndRunDefaultMethodsThroughTheProxy() {
    // given
    DualRepository<PersonRepository> d = people(policy().build());
    PersonRepository people = d.proxy();
    PersonRepository other = people(policy().name("other").build()).proxy();

    // when
    Person found = people.saveAndFind(ann(1));

    // then: the default method's own calls were dual-written and read
    assertThat(found).isEqualTo(ann(1));
    assertThat(newRepo.writes).containsExactly("save p1 v1");
    assertThat(people).isEqualTo(people).isNotEqualTo(other).isNotEqualTo(oldRepo);
    assertThat(people.hashCode()).isEqualTo(System.identityHashCode(people));
    assertThat(people.toString()).contains("PersonRepository", "repository/PersonRepository");
    assertThat(Repositories.of(people)).isSameAs(d);
    assertThatThrownBy(() -> Repositories.of(oldRepo)).isInstanceOf(IllegalArgumentException.class);
  }
}
