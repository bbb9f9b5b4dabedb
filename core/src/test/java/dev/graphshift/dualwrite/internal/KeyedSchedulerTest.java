package dev.graphshift.dualwrite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.dualwrite.OrderingKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class KeyedSchedulerTest {

  /** An executor the test runs by hand. */
  private final ArrayDeque<Runnable> submitted = new ArrayDeque<>();
  private final List<String> started = new ArrayList<>();
  private final List<KeyedScheduler.Task> running = new ArrayList<>();

  /** Hands each ready write to the runner on its own, which records it and leaves it running. */
  private KeyedScheduler scheduler(int parallelism, long capacity) {
    return scheduler(parallelism, capacity, 1);
  }

  private KeyedScheduler scheduler(int parallelism, long capacity, int merge) {
    return new KeyedScheduler(submitted::add, parallelism, capacity, merge, batch -> {
      List<String> labels = new ArrayList<>();
      for (KeyedScheduler.Task t : batch) {
        labels.add((String) t.payload());
        running.add(t);
      }
      batches.add(labels);
      started.addAll(labels);
    });
  }

  private final List<List<String>> batches = new ArrayList<>();

  private static KeyedScheduler.Task dual(KeyedScheduler s, String label, OrderingKey... keys) {
    return s.tryEnqueueDual(List.of(keys), 1, label);
  }

  private void runSubmitted() {
    while (!submitted.isEmpty()) {
      submitted.poll().run();
    }
  }

  @Test
  void shouldRunAWriteOfAnIdOnlyAfterTheEarlierWriteOfThatIdCompleted() {
    // given
    KeyedScheduler s = scheduler(4, 100);
    KeyedScheduler.Task first = dual(s, "a1", OrderingKey.node("a"));
    dual(s, "a2", OrderingKey.node("a"));
    dual(s, "b1", OrderingKey.node("b"));

    // when
    runSubmitted();

    // then
    assertThat(started).containsExactly("a1", "b1");

    // when
    s.complete(first);
    runSubmitted();

    // then
    assertThat(started).containsExactly("a1", "b1", "a2");
  }

  @Test
  void shouldLetSharedKeysRunTogetherAndHoldAnExclusiveOneBehindThem() {
    // given
    KeyedScheduler s = scheduler(4, 100);
    KeyedScheduler.Task r1 = dual(s, "r1", OrderingKey.relationship("r1"), OrderingKey.endpoint("a"));
    KeyedScheduler.Task r2 = dual(s, "r2", OrderingKey.relationship("r2"), OrderingKey.endpoint("a"));
    dual(s, "delete a", OrderingKey.node("a"));
    runSubmitted();
    assertThat(started).containsExactly("r1", "r2");

    // when
    s.complete(r1);
    runSubmitted();

    // then
    assertThat(started).containsExactly("r1", "r2");

    // when
    s.complete(r2);
    runSubmitted();

    // then
    assertThat(started).containsExactly("r1", "r2", "delete a");
  }

  @Test
  void shouldHoldANodeWriteBehindEveryRelationshipWriteNamingTheNode() {
    // given: two relationship writes share the node behind a node write; a delete of the node follows
    KeyedScheduler s = scheduler(4, 100);
    KeyedScheduler.Task upsert = dual(s, "upsert a", OrderingKey.node("a"));
    KeyedScheduler.Task r1 = dual(s, "r1", OrderingKey.relationship("r1"), OrderingKey.endpoint("a"));
    KeyedScheduler.Task r2 = dual(s, "r2", OrderingKey.relationship("r2"), OrderingKey.endpoint("a"));
    dual(s, "delete a", OrderingKey.node("a"));
    runSubmitted();

    // when: the node write and the second relationship write complete, the first still runs
    s.complete(upsert);
    runSubmitted();
    s.complete(r2);
    runSubmitted();

    // then: the delete still waits for r1
    assertThat(started).containsExactly("upsert a", "r1", "r2");

    // when
    s.complete(r1);
    runSubmitted();

    // then
    assertThat(started).containsExactly("upsert a", "r1", "r2", "delete a");
  }

  @Test
  void shouldRefuseAWriteBeyondTheCapacityAndStartAtMostParallelismDrainers() {
    // given
    KeyedScheduler s = scheduler(2, 3);

    // when
    dual(s, "a", OrderingKey.node("a"));
    dual(s, "b", OrderingKey.node("b"));
    dual(s, "c", OrderingKey.node("c"));
    KeyedScheduler.Task refused = dual(s, "d", OrderingKey.node("d"));

    // then
    assertThat(refused).isNull();
    assertThat(submitted).hasSize(2);
    assertThat(s.pendingRecords()).isEqualTo(3);

    // when
    runSubmitted();
    s.complete(running.get(0));

    // then
    assertThat(started).containsExactly("a", "b", "c");
    assertThat(s.pendingRecords()).isEqualTo(2);
  }

  @Test
  void shouldHandReadyWritesToTheRunnerTogetherUpToTheMergeSize() {
    // given: three independent writes and one behind the first, before any drainer ran
    KeyedScheduler s = scheduler(1, 100, 2);
    KeyedScheduler.Task a = dual(s, "a", OrderingKey.node("a"));
    dual(s, "b", OrderingKey.node("b"));
    dual(s, "c", OrderingKey.node("c"));
    dual(s, "a2", OrderingKey.node("a"));

    // when
    runSubmitted();

    // then: one drainer took the ready ones two at a time; a2 waits for a
    assertThat(batches).containsExactly(List.of("a", "b"), List.of("c"));

    // when
    s.complete(a);
    runSubmitted();

    // then
    assertThat(batches).last().isEqualTo(List.of("a2"));
  }

  @Test
  void shouldDeferDeadLettersThatConflictWithAPendingDualWrite() {
    // given
    KeyedScheduler s = scheduler(1, 100);
    dual(s, "a", OrderingKey.node("a"));

    // when
    KeyedScheduler.RetryAdmission admission = s.enqueueRetry(List.of(
        List.of(OrderingKey.node("a")), List.of(OrderingKey.node("b")), List.of(OrderingKey.endpoint("a"))));

    // then
    assertThat(admission.deferred()).containsExactly(0, 2);
    assertThat(admission.admitted()).containsExactly(1);
    assertThat(admission.task()).isNotNull();
  }

  @Test
  void shouldHoldAnInlineTaskUntilTheConflictingDualWriteCompleted() {
    // given
    KeyedScheduler s = scheduler(1, 100);
    KeyedScheduler.Task write = dual(s, "a", OrderingKey.node("a"));

    // when
    KeyedScheduler.Task backfill = s.enqueueInline(KeyedScheduler.Kind.BACKFILL, List.of(OrderingKey.node("a")), 1);

    // then
    assertThat(backfill.ready).isNotDone();
    s.complete(write);
    assertThat(backfill.ready).isDone();
    s.complete(backfill);
    assertThat(s.isIdle()).isTrue();
  }

  @Test
  void shouldRunTheBodyAsRejectedWhenTheExecutorRefuses() {
    // given
    List<Boolean> rejected = new ArrayList<>();
    KeyedScheduler[] holder = new KeyedScheduler[1];
    KeyedScheduler s = new KeyedScheduler(r -> {
      throw new RejectedExecutionException("full");
    }, 1, 100, 10, batch -> batch.forEach(t -> {
      rejected.add(t.rejectedByExecutor());
      holder[0].complete(t);
    }));
    holder[0] = s;

    // when
    s.tryEnqueueDual(List.of(OrderingKey.node("a")), 1, "a");

    // then
    assertThat(rejected).containsExactly(true);
    assertThat(s.isIdle()).isTrue();
  }
}
