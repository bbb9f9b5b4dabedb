package dev.graphshift.engram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VerificationTest {

  @Test
  void shouldSelectAboutTheRateAndTheSameIdsEveryTimeWhenSampling() {
    // given
    Verification tenth = Verification.sampled(0.1);

    // when
    long selected = IntStream.range(0, 100_000).filter(i -> tenth.selects("node-" + i)).count();

    // then: a deterministic hash, so the count is fixed; it is close to the rate
    assertThat(selected).isBetween(9_500L, 10_500L);
    assertThat(IntStream.range(0, 1_000).allMatch(i -> tenth.selects("n" + i) == tenth.selects("n" + i))).isTrue();
  }

  @Test
  void shouldSelectAllOrNothingWhenFullOrNone() {
    assertThat(Verification.full().selects("x")).isTrue();
    assertThat(Verification.none().selects("x")).isFalse();
    assertThat(Verification.sampled(1.0).selects("x")).isTrue();
  }

  @Test
  void shouldRejectARateThatDoesNotFitTheMode() {
    assertThatThrownBy(() -> Verification.sampled(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.0");
    assertThatThrownBy(() -> Verification.sampled(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Verification(Verification.Mode.FULL, 0.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
