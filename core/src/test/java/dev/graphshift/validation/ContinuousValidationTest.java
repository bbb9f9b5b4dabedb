package dev.graphshift.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.DatabaseUnavailableException;
import dev.graphshift.backfill.Graphs;
import dev.graphshift.backfill.ManualClock;
import dev.graphshift.conformance.Eventually;
import dev.graphshift.faults.FaultyGraphDatabase;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContinuousValidationTest {

  private final InMemoryGraphDatabase source = Graphs.sourceGraph("source", 300);
  private final InMemoryGraphDatabase target = InMemoryGraphDatabase.named("target");
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<ValidationCompletedEvent> completed = Collections.synchronizedList(new ArrayList<>());
  private final List<ValidationFailedEvent> failedRuns = Collections.synchronizedList(new ArrayList<>());
  private final ValidationListener recorder = new ValidationListener() {
    @Override
    public void onCompleted(ValidationCompletedEvent event) {
      completed.add(event);
    }

    @Override
    public void onFailed(ValidationFailedEvent event) {
      failedRuns.add(event);
    }
  };

  ContinuousValidationTest() {
    Graphs.copy(source, target);
  }

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  @Test
  void shouldSampleWithTheNextSeedOnEachRun() {
    // given
    Validator validator = Validator.builder(source, target).sampleSize(20).seed(100).build();
    ContinuousValidation watch = ContinuousValidation.builder(validator, scheduler).listener(recorder).build();

    // when
    ValidationReport first = watch.runOnce();
    target.deleteNodes(List.copyOf(Graphs.nodes(target).keySet()));
    ValidationReport second = watch.runOnce();

    // then
    assertThat(first.seed()).hasValue(100);
    assertThat(second.seed()).hasValue(101);
    assertThat(first.passed()).isTrue();
    assertThat(second.passed()).isFalse();
    assertThat(completed).extracting(ValidationCompletedEvent::passed).containsExactly(true, false);
    assertThat(watch.lastReport()).contains(second);
    assertThat(watch.metrics().passed()).isEqualTo(1);
    assertThat(watch.metrics().failed()).isEqualTo(1);
  }

  @Test
  void shouldRunOnTheScheduleAndGoOnAfterARunFails() {
    // given: a source that is down for a while
    FaultyGraphDatabase flaky = new FaultyGraphDatabase(source).down();
    Validator validator = Validator.builder(flaky, target).sampleSize(20).build();
    ContinuousValidation watch = ContinuousValidation.builder(validator, scheduler).interval(Duration.ofMillis(5))
        .clock(new ManualClock()).listener(recorder).build();

    // when
    watch.start();
    Eventually.await("two failed runs", () -> failedRuns.size() >= 2);
    flaky.up();
    Eventually.await("a passing run after the outage", () -> !completed.isEmpty());
    watch.stop();

    // then
    assertThat(failedRuns).allSatisfy(e -> assertThat(e.error()).contains(DatabaseUnavailableException.class.getName()));
    assertThat(completed.get(0).passed()).isTrue();
    assertThat(watch.metrics().errors()).isEqualTo(failedRuns.size());
    assertThat(watch.running()).isFalse();
  }

  @Test
  void shouldRefuseToStartTwice() {
    // given
    Validator validator = Validator.builder(source, target).sampleSize(5).build();
    ContinuousValidation watch = ContinuousValidation.builder(validator, scheduler).interval(Duration.ofHours(1))
        .initialDelay(Duration.ofHours(1)).build();
    watch.start();

    // when / then
    assertThatThrownBy(watch::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("running already");
    watch.close();
    assertThat(watch.running()).isFalse();
  }
}
