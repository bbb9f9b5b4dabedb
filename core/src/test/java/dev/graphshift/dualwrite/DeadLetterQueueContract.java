package dev.graphshift.dualwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteMode;
import dev.graphshift.mapping.RecordMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DeadLetterQueue} must do; extended once per implementation. */
abstract class DeadLetterQueueContract {

  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  protected DeadLetterQueue queue;

  protected abstract DeadLetterQueue openQueue();

  @BeforeEach
  void open() {
    queue = openQueue();
  }

  @AfterEach
  void close() {
    queue.close();
  }

  protected static WriteOperation upsert(String id, int v) {
    return new WriteOperation.UpsertNode(Node.of(id, "Person", Map.of("v", v)), WriteMode.UPSERT);
  }

  protected static WriteOperation relationship(String id, String from, String to) {
    return new WriteOperation.UpsertRelationship(Relationship.of(id, "KNOWS", from, to, Map.of()), WriteMode.UPSERT);
  }

  /** An untried write that the queue may coalesce. */
  protected static NewDeadLetter untried(long seq, WriteOperation op) {
    return NewDeadLetter.untried(seq, op, op.keys(RecordMapper.identity()), T0).withCoalesce(true);
  }

  protected static NewDeadLetter failed(long seq, WriteOperation op, Instant next) {
    return new NewDeadLetter(seq, op, op.keys(RecordMapper.identity()), 1, T0, next, List.of("attempt 1: boom"),
        DeadLetter.State.PENDING, false);
  }

  protected static List<Long> sequences(List<DeadLetter> letters) {
    return letters.stream().map(DeadLetter::sequence).toList();
  }

  @Test
  void shouldHandOutEntriesInSequenceOrderWhenTheyArriveOutOfOrder() {
    // given
    queue.append(List.of(failed(5, upsert("x", 5), T0)));
    queue.append(List.of(failed(3, upsert("x", 3), T0)));

    // when
    List<DeadLetter> first = queue.takeDue(T0, 10);
    queue.ack(sequences(first));
    List<DeadLetter> second = queue.takeDue(T0, 10);

    // then
    assertThat(sequences(first)).containsExactly(3L);
    assertThat(first.get(0).operation()).isEqualTo(upsert("x", 3));
    assertThat(sequences(second)).containsExactly(5L);
  }

  @Test
  void shouldHoldBackAnEntryBehindAConflictingOneWhateverItsState() {
    // given
    queue.append(List.of(failed(1, upsert("x", 1), T0), failed(2, upsert("x", 2), T0), failed(3, upsert("y", 1), T0)));
    queue.park(List.of(1L), "human needed");

    // when
    List<DeadLetter> due = queue.takeDue(T0, 10);

    // then
    assertThat(sequences(due)).containsExactly(3L);
    assertThat(queue.parkedCount()).isEqualTo(1);
    assertThat(queue.depth()).isEqualTo(2);
  }

  @Test
  void shouldSkipEntriesThePredicateRefusesAndHoldBackWhatConflictsWithThem() {
    // given
    queue.append(List.of(failed(1, upsert("x", 1), T0), failed(2, upsert("x", 2), T0), failed(3, upsert("y", 1), T0)));

    // when
    List<DeadLetter> due = queue.takeDue(T0, 10, keys -> !keys.contains(OrderingKey.node("x")));

    // then
    assertThat(sequences(due)).containsExactly(3L);
    assertThat(queue.get(1)).map(DeadLetter::state).contains(DeadLetter.State.PENDING);
  }

  @Test
  void shouldLetRelationshipsSharingAnEndpointPassEachOtherButNotANodeDelete() {
    // given
    WriteOperation deleteA = new WriteOperation.DeleteNode("a");
    queue.append(List.of(
        failed(1, relationship("r1", "a", "b"), T0),
        failed(2, relationship("r2", "a", "c"), T0),
        failed(3, deleteA, T0),
        failed(4, relationship("r3", "a", "d"), T0)));

    // when
    List<DeadLetter> first = queue.takeDue(T0, 10);
    queue.ack(sequences(first));
    List<DeadLetter> second = queue.takeDue(T0, 10);
    queue.ack(sequences(second));
    List<DeadLetter> third = queue.takeDue(T0, 10);

    // then
    assertThat(sequences(first)).containsExactly(1L, 2L);
    assertThat(sequences(second)).containsExactly(3L);
    assertThat(sequences(third)).containsExactly(4L);
  }

  @Test
  void shouldBlockConflictingKeysButNotSendingEntries() {
    // given
    queue.append(List.of(failed(1, relationship("r1", "a", "b"), T0)));
    queue.append(List.of(new NewDeadLetter(2, upsert("s", 1), List.of(OrderingKey.node("s")), 0, T0, T0, List.of(),
        DeadLetter.State.SENDING, false)));

    // then
    assertThat(queue.blocks(List.of(OrderingKey.node("a")))).as("a node write behind an endpoint").isTrue();
    assertThat(queue.blocks(List.of(OrderingKey.endpoint("a")))).as("two endpoints commute").isFalse();
    assertThat(queue.blocks(List.of(OrderingKey.relationship("r1")))).isTrue();
    assertThat(queue.blocks(List.of(OrderingKey.node("r1")))).as("node and relationship ids differ").isFalse();
    assertThat(queue.blocks(List.of(OrderingKey.node("s")))).as("a send in progress does not block").isFalse();
    assertThat(queue.takeDue(T0, 10)).extracting(DeadLetter::sequence).containsExactly(1L);
  }

  @Test
  void shouldFoldAnUntriedUpsertIntoTheNewestPendingEntryOfItsId() {
    // given
    queue.append(List.of(failed(1, upsert("x", 1), T0)));

    // when
    List<DeadLetter> second = queue.append(List.of(untried(2, upsert("x", 2))));
    queue.append(List.of(untried(3, new WriteOperation.DeleteNode("x"))));
    List<DeadLetter> fourth = queue.append(List.of(untried(4, upsert("x", 4))));

    // then: v2 replaced v1 in place; the delete and the upsert after it stay separate
    assertThat(second.get(0).sequence()).isEqualTo(1L);
    assertThat(fourth.get(0).sequence()).isEqualTo(4L);
    assertThat(queue.size()).isEqualTo(3);
    assertThat(queue.get(1)).map(DeadLetter::operation).contains(upsert("x", 2));
    assertThat(queue.get(1)).map(DeadLetter::attempts).contains(1);
  }

  @Test
  void shouldFoldNothingThatIsNotMarkedForCoalescing() {
    // given
    queue.append(List.of(failed(1, upsert("x", 1), T0)));

    // when
    queue.append(List.of(untried(2, upsert("x", 2)).withCoalesce(false)));
    queue.append(List.of(untried(0, upsert("x", 0))));

    // then: neither the unmarked write nor one older than the newest entry is folded
    assertThat(queue.size()).isEqualTo(3);
    assertThat(queue.get(1)).map(DeadLetter::operation).contains(upsert("x", 1));
  }

  @Test
  void shouldNotFoldIntoAnEntryBeingRetried() {
    // given
    queue.append(List.of(failed(1, upsert("x", 1), T0)));
    queue.takeDue(T0, 10);

    // when
    queue.append(List.of(untried(2, upsert("x", 2))));

    // then
    assertThat(queue.size()).isEqualTo(2);
    assertThat(queue.get(1)).map(DeadLetter::operation).contains(upsert("x", 1));
  }

  @Test
  void shouldCountAnAttemptAndWaitForTheBackoffWhenRetriedLater() {
    // given
    queue.append(List.of(failed(1, upsert("x", 1), T0)));
    List<DeadLetter> taken = queue.takeDue(T0, 10);

    // when
    queue.retryLater(Map.of(1L, T0.plusSeconds(10)), "attempt 2: timeout");

    // then
    assertThat(taken).extracting(DeadLetter::state).containsExactly(DeadLetter.State.RETRYING);
    assertThat(queue.takeDue(T0.plusSeconds(9), 10)).isEmpty();
    List<DeadLetter> later = queue.takeDue(T0.plusSeconds(10), 10);
    assertThat(later).singleElement().satisfies(d -> {
      assertThat(d.attempts()).isEqualTo(2);
      assertThat(d.failures()).containsExactly("attempt 1: boom", "attempt 2: timeout");
      assertThat(d.lastFailure()).contains("attempt 2: timeout");
    });
  }

  @Test
  void shouldReleaseWithoutCountingAnAttempt() {
    // given
    queue.append(List.of(failed(1, upsert("x", 1), T0)));
    queue.takeDue(T0, 10);

    // when
    queue.release(List.of(1L), T0.plusSeconds(5));

    // then
    assertThat(queue.takeDue(T0, 10)).isEmpty();
    assertThat(queue.takeDue(T0.plusSeconds(5), 10)).singleElement()
        .satisfies(d -> assertThat(d.attempts()).isEqualTo(1));
  }

  @Test
  void shouldRefuseToFailAnEntryThatWasNotTaken() {
    // given
    queue.append(List.of(failed(1, upsert("x", 1), T0)));

    // when / then
    assertThatThrownBy(() -> queue.retryLater(Map.of(1L, T0), "x")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PENDING");
  }

  @Test
  void shouldReplayAParkedEntryWhenAHumanUnparksItAndDropItWhenDiscarded() {
    // given
    queue.append(List.of(failed(1, upsert("x", 1), T0), failed(2, upsert("y", 1), T0)));
    queue.park(List.of(1L, 2L), "gave up");

    // when
    boolean unparked = queue.unpark(1L, T0.plusSeconds(1));
    boolean discarded = queue.discard(2L, "fixed by hand");

    // then
    assertThat(unparked).isTrue();
    assertThat(discarded).isTrue();
    assertThat(queue.unpark(2L, T0)).isFalse();
    assertThat(queue.parked(10)).isEmpty();
    assertThat(queue.takeDue(T0.plusSeconds(1), 10)).singleElement().satisfies(d -> {
      assertThat(d.sequence()).isEqualTo(1L);
      assertThat(d.attempts()).isZero();
      assertThat(d.failures()).containsExactly("attempt 1: boom", "gave up");
    });
  }

  @Test
  void shouldListAndCountEntriesByState() {
    // given
    queue.append(List.of(failed(7, upsert("a", 1), T0), failed(8, upsert("b", 1), T0), failed(9, upsert("c", 1), T0)));
    queue.park(List.of(8L), "why");

    // then
    assertThat(sequences(queue.pending(10))).containsExactly(7L, 9L);
    assertThat(sequences(queue.pending(1))).containsExactly(7L);
    assertThat(sequences(queue.parked(10))).containsExactly(8L);
    assertThat(queue.size()).isEqualTo(3);
    assertThat(queue.depth()).isEqualTo(2);
    assertThat(queue.highestSequence()).isEqualTo(9L);
    assertThat(queue.get(42)).isEmpty();
    assertThatThrownBy(() -> queue.append(List.of(failed(7, upsert("z", 1), T0))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(queue.size()).isEqualTo(3);
  }

  @Test
  void shouldHandOutNothingBeforeItIsDue() {
    // given
    queue.append(List.of(failed(1, upsert("x", 1), T0.plus(Duration.ofMinutes(1)))));

    // then
    assertThat(queue.takeDue(T0, 10)).isEmpty();
    assertThat(queue.takeDue(T0.plus(Duration.ofMinutes(1)), 10)).hasSize(1);
    assertThat(queue.takeDue(T0.plus(Duration.ofMinutes(1)), 10)).as("taken once").isEmpty();
  }
}
