package dev.graphshift.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.conformance.Eventually;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.validation.ContinuousValidation;
import dev.graphshift.validation.Validator;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GraphShiftMeterBinderTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  private static Validator validator(String name) {
    return Validator.builder(InMemoryGraphDatabase.named("neo4j"), InMemoryGraphDatabase.named("engram"))
        .name(name).build();
  }

  @Test
  void shouldRemoveEveryMeterAndRefuseToBindAgainWhenClosed() {
    // given
    Validator validator = validator("nightly");
    ValidatorMetricsBinder binder = new ValidatorMetricsBinder(validator);
    binder.bindTo(registry);
    assertThat(registry.getMeters()).hasSize(7);

    // when
    binder.close();
    binder.close();

    // then
    assertThat(registry.getMeters()).isEmpty();
    assertThat(binder.meters()).isEmpty();
    assertThatThrownBy(() -> binder.bindTo(registry)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'nightly'").hasMessageContaining("closed");
  }

  @Test
  void shouldRegisterNothingMoreWhenBoundToTheSameRegistryTwice() {
    // given
    ValidatorMetricsBinder binder = new ValidatorMetricsBinder(validator("nightly"));

    // when
    binder.bindTo(registry);
    binder.bindTo(registry);

    // then
    assertThat(registry.getMeters()).hasSize(7);
    assertThat(binder.meters()).hasSize(7);
  }

  @Test
  void shouldBindEveryRegistryAndRemoveFromEachWhenClosed() {
    // given
    SimpleMeterRegistry other = new SimpleMeterRegistry();
    ValidatorMetricsBinder binder = new ValidatorMetricsBinder(validator("nightly"));
    binder.bindTo(registry);
    binder.bindTo(other);
    assertThat(binder.meters()).hasSize(14);

    // when
    binder.close();

    // then
    assertThat(registry.getMeters()).isEmpty();
    assertThat(other.getMeters()).isEmpty();
  }

  @Test
  void shouldRefuseASecondComponentOfTheSameNameAndRegisterNoneOfItsMeters() {
    // given
    Validator first = validator("nightly");
    Validator second = validator("nightly");
    new ValidatorMetricsBinder(first).bindTo(registry);
    ValidatorMetricsBinder binder = new ValidatorMetricsBinder(second);

    // when / then
    assertThatThrownBy(() -> binder.bindTo(registry)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("graphshift.validation.validations").hasMessageContaining("'nightly'");
    assertThat(registry.getMeters()).hasSize(7);
    assertThat(binder.meters()).isEmpty();
  }

  @Test
  void shouldRejectTheNameTagAmongTheGivenTags() {
    // given
    Validator validator = validator("nightly");

    // when / then
    assertThatThrownBy(() -> new ValidatorMetricsBinder(validator, Tags.of("name", "other")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nightly'");
  }

  @Test
  void shouldRejectAMeterNamedOutsideThePrefixWhenAnExtensionDeclaresOne() {
    // given: a binder written later (the runbook's, say) that strays from the scheme
    Validator validator = validator("nightly");
    GraphShiftMeterBinder<Validator> stray = new GraphShiftMeterBinder<>(validator, "nightly", Tags.empty()) {
      @Override
      protected void declare(Meters<Validator> meters) {
        meters.counter("runbook.steps", "steps", "steps run", v -> v.metrics().validations());
      }
    };

    // when / then
    assertThatThrownBy(() -> stray.bindTo(registry)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("graphshift.").hasMessageContaining("runbook.steps");
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void shouldLetTheComponentBeCollectedWhileItsMetersAreRegistered() {
    // given: a schedule referenced only by the registry's meters and the binder
    ContinuousValidationMetricsBinder binder = bindAndForget();
    assertThat(registry.get(GraphShiftMeters.VALIDATION_CONTINUOUS_RUNNING).gauge().value()).isZero();

    // when
    Eventually.await("the schedule is collected", () -> {
      System.gc();
      return Double.isNaN(registry.get(GraphShiftMeters.VALIDATION_CONTINUOUS_RUNNING).gauge().value());
    });

    // then: its gauges read NaN, a new registry gets nothing, and the binder can still remove its meters
    SimpleMeterRegistry later = new SimpleMeterRegistry();
    binder.bindTo(later);
    assertThat(later.getMeters()).isEmpty();
    binder.close();
    assertThat(registry.getMeters()).isEmpty();
  }

  private ContinuousValidationMetricsBinder bindAndForget() {
    ContinuousValidation watch = ContinuousValidation.builder(validator("nightly"), scheduler).build();
    ContinuousValidationMetricsBinder binder = new ContinuousValidationMetricsBinder(watch);
    binder.bindTo(registry);
    return binder;
  }
}
