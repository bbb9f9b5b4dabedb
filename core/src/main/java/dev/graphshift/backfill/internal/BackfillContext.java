package dev.graphshift.backfill.internal;

import dev.graphshift.GraphDatabase;
import dev.graphshift.backfill.BackfillConfig;
import dev.graphshift.backfill.BackfillListener;
import dev.graphshift.backfill.CheckpointStore;
import dev.graphshift.mapping.RecordMapper;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Everything a backfill run needs, handed from the public {@code Backfiller} to the engine.
 *
 * <p>Immutable.
 *
 * @param config the settings
 * @param source the database read
 * @param target the database written
 * @param mapper the mapping applied per batch
 * @param checkpoints the checkpoint store
 * @param listeners the listener dispatcher
 * @param executor the injected executor, or null to create one per run
 * @param clock the clock for events, progress and the rate limiter
 * @param sleeper how pauses, backoffs and rate-limit waits are taken
 * @param counters the backfiller's counters
 */
public record BackfillContext(
    BackfillConfig config,
    GraphDatabase source,
    GraphDatabase target,
    RecordMapper mapper,
    CheckpointStore checkpoints,
    ListenerSupport<BackfillListener> listeners,
    @Nullable Executor executor,
    Clock clock,
    Sleeper sleeper,
    BackfillCounters counters) {

  /** The configuration that matters for resuming, readable; its hash is the checkpoint's fingerprint. */
  public String describe() {
    return "name=" + config.name() + ";source=" + source.name() + ";target=" + target.name() + ";"
        + config.selection().describe() + ";partitioning=" + config.partitioning()
        + ";mapper=" + mapper.getClass().getName();
  }

  /** The SHA-256 of {@link #describe()}, in hex. */
  public String fingerprint() {
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest(describe().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
