package dev.graphshift.backfill;

import dev.graphshift.backfill.internal.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Test support: records each wait and advances a manual clock by it instead of sleeping. */
final class FakeSleeper implements Sleeper {
  private final ManualClock clock;
  final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

  FakeSleeper(ManualClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
    clock.advance(duration);
  }

  Duration total() {
    synchronized (waits) {
      return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }
  }
}
