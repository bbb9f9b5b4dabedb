package dev.graphshift.dualwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.retry.Backoff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DualWriteCoordinatorBuilderTest {

  private final InMemoryGraphDatabase primary = InMemoryGraphDatabase.named("p");
  private final InMemoryGraphDatabase secondary = InMemoryGraphDatabase.named("s");

  @Test
  void shouldExposeTheSettingsAsAConfigWhenBuilt() {
    // given
    DualWriteCoordinator.Builder b = DualWriteCoordinator.builder(primary, secondary)
        .name("orders").deadLetters(InMemoryDeadLetterQueue.create()).capacity(50).batchSize(10).parallelism(3)
        .maxAttempts(4).seed(9).delivery(DeliveryMode.OUTBOX).backoff(Backoff.ofDefaults().withJitter(0))
        .lockStripes(64).backfillLease(Duration.ofSeconds(5));

    // when
    try (DualWriteCoordinator dual = b.build()) {
      DualWriteConfig c = dual.config();

      // then
      assertThat(dual.name()).isEqualTo("orders");
      assertThat(c.capacity()).isEqualTo(50);
      assertThat(c.batchSize()).isEqualTo(10);
      assertThat(c.parallelism()).isEqualTo(3);
      assertThat(c.maxAttempts()).isEqualTo(4);
      assertThat(c.seed()).isEqualTo(9);
      assertThat(c.delivery()).isEqualTo(DeliveryMode.OUTBOX);
      assertThat(c.lockStripes()).isEqualTo(64);
      assertThat(c.retryInterval()).isEqualTo(DualWriteCoordinator.DEFAULT_RETRY_INTERVAL);
      assertThat(dual.backfillTarget().name()).isEqualTo("orders/backfill-target");
    }
  }

  @Test
  void shouldRejectBadValuesWithTheValue() {
    DualWriteCoordinator.Builder b = DualWriteCoordinator.builder(primary, secondary);
    assertThatThrownBy(() -> b.capacity(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> b.parallelism(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    assertThatThrownBy(() -> b.lockStripes(1000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1000");
    assertThatThrownBy(() -> b.retryInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> b.name(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.mapper(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("mapper");
    assertThatThrownBy(() -> DualWriteCoordinator.builder(primary, primary))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p");
  }

  @Test
  void shouldRejectConflictingSettingsNamingTheEarlierOne() {
    DualWriteCoordinator.Builder b = DualWriteCoordinator.builder(primary, secondary).deadLetters(
        InMemoryDeadLetterQueue.create());
    assertThatThrownBy(() -> b.deadLetters(InMemoryDeadLetterQueue.create()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("deadLetters");
    DualWriteCoordinator.Builder c = DualWriteCoordinator.builder(primary, secondary).capacity(100);
    assertThatThrownBy(() -> c.batchSize(101)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("capacity(100)");
    DualWriteCoordinator.Builder d = DualWriteCoordinator.builder(primary, secondary).batchSize(100);
    assertThatThrownBy(() -> d.capacity(99)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("batchSize(100)");
  }
}
