package dev.graphshift.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkthroughOptionsTest {

  @Test
  void shouldGiveTheReadmeDefaultsWhenNoArgumentIsGiven() {
    // when
    WalkthroughOptions o = WalkthroughOptions.parse(List.of());

    // then
    assertThat(o).isEqualTo(WalkthroughOptions.defaults());
    assertThat(o.target()).isEqualTo(WalkthroughOptions.Target.NEPTUNE);
    assertThat(o.people()).isEqualTo(WalkthroughOptions.DEFAULT_PEOPLE);
  }

  @Test
  void shouldHalveTheGraphForEngramUnlessASizeIsGiven() {
    // when
    WalkthroughOptions engram = WalkthroughOptions.parse(List.of("--engram"));
    WalkthroughOptions sized = WalkthroughOptions.parse(List.of("--engram", "--people", "300", "--documents", "40"));

    // then
    assertThat(engram.target()).isEqualTo(WalkthroughOptions.Target.ENGRAM);
    assertThat(engram.people()).isEqualTo(WalkthroughOptions.DEFAULT_ENGRAM_PEOPLE);
    assertThat(engram.documents()).isEqualTo(WalkthroughOptions.DEFAULT_ENGRAM_DOCUMENTS);
    assertThat(sized.people()).isEqualTo(300);
    assertThat(sized.documents()).isEqualTo(40);
  }

  @Test
  void shouldReadEveryOptionWhenGiven() {
    // when
    WalkthroughOptions o = WalkthroughOptions.parse(List.of("--writers", "3", "--write-rate", "7.5", "--readers", "1",
        "--read-rate", "50", "--phase-hold", "1.5", "--cutover-step", "2", "--min-comparisons", "10", "--seed", "9",
        "--reads-per-person", "1", "--knows-per-person", "0"));

    // then
    assertThat(o.writers()).isEqualTo(3);
    assertThat(o.writesPerSecond()).isEqualTo(7.5);
    assertThat(o.readers()).isEqualTo(1);
    assertThat(o.readsPerSecond()).isEqualTo(50);
    assertThat(o.phaseHold()).isEqualTo(Duration.ofMillis(1_500));
    assertThat(o.cutoverStep()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.minComparisons()).isEqualTo(10);
    assertThat(o.seed()).isEqualTo(9);
    assertThat(o.readsPerPerson()).isEqualTo(1);
    assertThat(o.knowsPerPerson()).isZero();
  }

  @Test
  void shouldNameTheArgumentWhenItIsUnknownOrItsValueIsBad() {
    assertThatThrownBy(() -> WalkthroughOptions.parse(List.of("--colour", "blue")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--colour");
    assertThatThrownBy(() -> WalkthroughOptions.parse(List.of("--people", "many")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--people").hasMessageContaining("many");
    assertThatThrownBy(() -> WalkthroughOptions.parse(List.of("--people")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--people");
    assertThatThrownBy(() -> WalkthroughOptions.parse(List.of("--people", "1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("people=1");
  }
}
