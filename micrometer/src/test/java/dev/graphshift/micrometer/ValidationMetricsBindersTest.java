package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_CONTINUOUS_ERRORS;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_CONTINUOUS_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_CONTINUOUS_RUNNING;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_CONTINUOUS_RUNS;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_DIFFERENCES;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_DURATION;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_RECORDS_CHECKED;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_RECORDS_REPAIRED;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_REPAIRS;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_REPAIR_DURATION;
import static dev.graphshift.micrometer.GraphShiftMeters.VALIDATION_VALIDATIONS;
import static dev.graphshift.micrometer.Meters.count;
import static dev.graphshift.micrometer.Meters.gauge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.backfill.Graphs;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.validation.ContinuousValidation;
import dev.graphshift.validation.ValidationReport;
import dev.graphshift.validation.Validator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ValidationMetricsBindersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InMemoryGraphDatabase source = Graphs.sourceGraph("neo4j", 100);
  private final InMemoryGraphDatabase target = InMemoryGraphDatabase.named("engram");
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  ValidationMetricsBindersTest() {
    Graphs.copy(source, target);
  }

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  private Validator validator() {
    Validator validator = Validator.builder(source, target).name("nightly").sampleSize(100)
        .listener(new MeteringListener(registry)).build();
    new ValidatorMetricsBinder(validator).bindTo(registry);
    return validator;
  }

  @Test
  void shouldCountValidationsFailuresDifferencesAndRepairsAndTimeEachWhenTheTargetDrifts() {
    // given
    Validator validator = validator();

    // when: a passing validation, then one after the target lost two nodes, then a full diff and its repair
    validator.counts();
    target.deleteNodes(List.of(Graphs.nodeId(1), Graphs.nodeId(2)));
    ValidationReport sample = validator.sample();
    ValidationReport full = validator.full();
    validator.repair(full.diff().orElseThrow());

    // then
    assertThat(sample.passed()).isFalse();
    assertThat(count(registry, VALIDATION_VALIDATIONS, "name", "nightly")).isEqualTo(3);
    assertThat(count(registry, VALIDATION_FAILURES, "name", "nightly")).isEqualTo(2);
    assertThat(count(registry, VALIDATION_RECORDS_CHECKED, "name", "nightly"))
        .isEqualTo(validator.metrics().recordsChecked()).isPositive();
    assertThat(count(registry, VALIDATION_DIFFERENCES, "name", "nightly"))
        .isEqualTo(validator.metrics().differencesFound()).isPositive();
    assertThat(count(registry, VALIDATION_REPAIRS, "name", "nightly")).isEqualTo(1);
    assertThat(count(registry, VALIDATION_RECORDS_REPAIRED, "name", "nightly"))
        .isEqualTo(validator.metrics().recordsRepaired()).isPositive();
    // and: each validation and the repair were timed, by mode and outcome
    assertThat(registry.get(VALIDATION_DURATION).tags("name", "nightly", "mode", "counts", "outcome", "passed")
        .timer().count()).isEqualTo(1);
    assertThat(registry.get(VALIDATION_DURATION).tags("name", "nightly", "mode", "sample", "outcome", "failed")
        .timer().count()).isEqualTo(1);
    assertThat(registry.get(VALIDATION_DURATION).tags("name", "nightly", "mode", "full", "outcome", "failed")
        .timer().count()).isEqualTo(1);
    assertThat(registry.get(VALIDATION_REPAIR_DURATION).tags("name", "nightly").timer().count()).isEqualTo(1);
  }

  @Test
  void shouldCountScheduledRunsAndShowWhetherTheScheduleRuns() {
    // given: a schedule whose first run is an hour away, so only the runs the test makes happen
    Validator validator = validator();
    ContinuousValidation watch = ContinuousValidation.builder(validator, scheduler)
        .interval(Duration.ofHours(1)).initialDelay(Duration.ofHours(1)).build();
    new ContinuousValidationMetricsBinder(watch).bindTo(registry);

    // when
    watch.runOnce();
    target.deleteNodes(List.of(Graphs.nodeId(1)));
    watch.runOnce();
    watch.start();

    // then
    assertThat(count(registry, VALIDATION_CONTINUOUS_RUNS, "name", "nightly")).isEqualTo(2);
    assertThat(count(registry, VALIDATION_CONTINUOUS_FAILURES, "name", "nightly")).isEqualTo(1);
    assertThat(count(registry, VALIDATION_CONTINUOUS_ERRORS, "name", "nightly")).isZero();
    assertThat(gauge(registry, VALIDATION_CONTINUOUS_RUNNING, "name", "nightly")).isEqualTo(1);

    // when
    watch.stop();

    // then
    assertThat(gauge(registry, VALIDATION_CONTINUOUS_RUNNING, "name", "nightly")).isZero();
  }
}
