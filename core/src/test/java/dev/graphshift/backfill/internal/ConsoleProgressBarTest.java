package dev.graphshift.backfill.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.backfill.BackfillPhase;
import dev.graphshift.backfill.BackfillProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {

  @Test
  void shouldRedrawOneLineInPlaceWithPercentRateAndEta() {
    // given
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgressBar bar = new ConsoleProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    BackfillProgress half = new BackfillProgress("b", Instant.EPOCH, BackfillPhase.NODES, 500, 1000, 50,
        Optional.of(Duration.ofSeconds(3725)), Duration.ofSeconds(10));
    BackfillProgress done = new BackfillProgress("b", Instant.EPOCH, BackfillPhase.RELATIONSHIPS, 1000, 1000, 50,
        Optional.empty(), Duration.ofSeconds(20));

    // when
    bar.draw(half);
    bar.finish(done);

    // then
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).isEqualTo("\r[###############...............]  50.0% 500/1000 nodes 50 rec/s ETA 1:02:05"
        + "\r[##############################] 100.0% 1000/1000 relationships 50 rec/s ETA --:--:--"
        + System.lineSeparator());
  }
}
