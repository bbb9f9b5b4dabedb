package dev.graphshift.runbook;

import dev.graphshift.Node;
import dev.graphshift.backfill.InMemoryCheckpointStore;
import dev.graphshift.cutover.CutoverSchedule;
import dev.graphshift.cutover.HealthGate;
import dev.graphshift.cutover.MutableClock;
import dev.graphshift.dualwrite.InMemoryDeadLetterQueue;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Two in-memory databases and a runbook builder wired for deterministic tests: same-thread secondary
 * writes and comparisons, a router ticked by hand, a clock moved by hand, in-memory stores. Closes what
 * it built. Not thread-safe.
 */
final class RunbookFixture implements AutoCloseable {
  static final Executor SAME_THREAD = Runnable::run;
  static final Duration HOLD = Duration.ofHours(1);
  /** 1 % for an hour, 50 % for an hour, then 100 %. */
  static final CutoverSchedule SCHEDULE = CutoverSchedule.builder().step(100, HOLD).step(5_000, HOLD)
      .finalStep(10_000).build();

  final InMemoryGraphDatabase oldDb = InMemoryGraphDatabase.named("old");
  final InMemoryGraphDatabase newDb = InMemoryGraphDatabase.named("new");
  final MutableClock clock = new MutableClock();
  final RecordingRunbookListener events = new RecordingRunbookListener();
  private final List<MigrationRunbook> opened = new ArrayList<>();

  /** A builder over the fixture's databases and clock; the caller adds a state store. */
  MigrationRunbook.Builder builder(String name) {
    return MigrationRunbook.builder(name, oldDb, newDb)
        .clock(clock)
        .executor(SAME_THREAD)
        .deadLetters(InMemoryDeadLetterQueue.create())
        .reverseDeadLetters(InMemoryDeadLetterQueue.create())
        .schedule(SCHEDULE)
        .listener(events)
        .configureDualWrite(b -> b.retryInterval(Duration.ofDays(1))
            .backoff(Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1)).withJitter(0)))
        .configureShadowRead(b -> b.dispatchInterval(Duration.ZERO))
        .configureCutover(b -> b.tickInterval(Duration.ZERO).pollInterval(Duration.ZERO)
            .healthGate(HealthGate.disabled()))
        .configureBackfill(b -> b.checkpoints(new InMemoryCheckpointStore()).batchSize(100));
  }

  MigrationRunbook open(MigrationRunbook.Builder builder) {
    MigrationRunbook r = builder.build();
    opened.add(r);
    return r;
  }

  static Node person(String id, long version) {
    return Node.of(id, "Person", Map.of("v", version));
  }

  /** Moves the clock past a schedule step's hold and ticks the router. */
  void nextStep(MigrationRunbook runbook) {
    clock.advance(HOLD);
    runbook.tick();
  }

  @Override
  public void close() {
    opened.forEach(MigrationRunbook::close);
  }
}
