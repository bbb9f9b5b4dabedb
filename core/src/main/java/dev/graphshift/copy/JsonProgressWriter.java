package dev.graphshift.copy;

import static java.util.Objects.requireNonNull;

import dev.graphshift.Rejected;
import dev.graphshift.backfill.BackfillBatchRetriedEvent;
import dev.graphshift.backfill.BackfillCompletedEvent;
import dev.graphshift.backfill.BackfillListener;
import dev.graphshift.backfill.BackfillPartitionCompletedEvent;
import dev.graphshift.backfill.BackfillPartitionFailedEvent;
import dev.graphshift.backfill.BackfillPhaseReport;
import dev.graphshift.backfill.BackfillProgress;
import dev.graphshift.backfill.BackfillRecordsRejectedEvent;
import dev.graphshift.backfill.BackfillReport;
import dev.graphshift.backfill.BackfillStartedEvent;
import dev.graphshift.internal.Json;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link BackfillListener} that writes one JSON object per line for each event, for {@code copy
 * --json} and log shippers. Every line has {@code event}, {@code name} and {@code at}; the others:
 *
 * <ul>
 *   <li>{@code started}: {@code resumed}, {@code nodesTotal}, {@code relationshipsTotal}, {@code partitions}
 *   <li>{@code progress}: {@code phase}, {@code done}, {@code total}, {@code percent}, {@code rate} (records
 *       per second), {@code etaSeconds} (null while unknown)
 *   <li>{@code rejected}, one line per rejected record: {@code phase}, {@code partition}, {@code kind},
 *       {@code id}, {@code rule}, {@code message}
 *   <li>{@code retried}: {@code phase}, {@code partition}, {@code operation}, {@code attempt}, {@code
 *       delayMs}, {@code error}
 *   <li>{@code partitionCompleted} and {@code partitionFailed}: {@code phase}, {@code partition}, counts or
 *       {@code error} and {@code lastCommittedCursor}
 *   <li>{@code completed}: {@code resumed}, {@code durationMs}, and per phase ({@code nodes}, {@code
 *       relationships}) {@code read}, {@code written}, {@code skipped}, {@code rejected}, {@code
 *       rejectedByRule}
 * </ul>
 *
 * <p>Strings are escaped per RFC 8259. A failure to write is an {@link UncheckedIOException}, which the
 * backfill logs and counts as a listener failure.
 *
 * <p>Thread-safe.
 */
public final class JsonProgressWriter implements BackfillListener {
  private final Appendable out;

  /** A writer to this output ({@code System.out}, a file writer); flushed after each line if flushable. */
  public JsonProgressWriter(Appendable out) {
    this.out = requireNonNull(out, "out");
  }

  private static Map<String, Object> line(String event, String name, Instant at) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", event);
    m.put("name", name);
    m.put("at", at.toString());
    return m;
  }

  private void write(Map<String, Object> line) {
    String text = Json.write(line);
    synchronized (out) {
      try {
        out.append(text).append('\n');
        if (out instanceof Flushable f) {
          f.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write JSON progress", e);
      }
    }
  }

  @Override
  public void onStarted(BackfillStartedEvent e) {
    Map<String, Object> m = line("started", e.name(), e.at());
    m.put("resumed", e.resumed());
    m.put("nodesTotal", e.nodesTotal());
    m.put("relationshipsTotal", e.relationshipsTotal());
    m.put("partitions", e.partitionIds().size());
    write(m);
  }

  @Override
  public void onProgress(BackfillProgress p) {
    Map<String, Object> m = line("progress", p.name(), p.at());
    m.put("phase", p.phase().key());
    m.put("done", p.done());
    m.put("total", p.total());
    m.put("percent", Math.round(p.fraction() * 1000) / 10.0);
    m.put("rate", Math.round(p.recordsPerSecond() * 10) / 10.0);
    m.put("etaSeconds", p.eta().map(d -> (Object) d.getSeconds()));
    write(m);
  }

  @Override
  public void onRecordsRejected(BackfillRecordsRejectedEvent e) {
    for (Rejected r : e.rejected()) {
      Map<String, Object> m = line("rejected", e.name(), e.at());
      m.put("phase", e.phase().key());
      m.put("partition", e.partitionId());
      m.put("kind", r.record().kind());
      m.put("id", r.recordId());
      m.put("rule", r.rule());
      m.put("message", r.message());
      write(m);
    }
  }

  @Override
  public void onBatchRetried(BackfillBatchRetriedEvent e) {
    Map<String, Object> m = line("retried", e.name(), e.at());
    m.put("phase", e.phase().key());
    m.put("partition", e.partitionId());
    m.put("operation", e.operation());
    m.put("attempt", e.attempt());
    m.put("delayMs", e.delay().toMillis());
    m.put("error", e.error());
    write(m);
  }

  @Override
  public void onPartitionCompleted(BackfillPartitionCompletedEvent e) {
    Map<String, Object> m = line("partitionCompleted", e.name(), e.at());
    m.put("phase", e.phase().key());
    m.put("partition", e.partitionId());
    m.put("read", e.read());
    m.put("written", e.written());
    m.put("skipped", e.skipped());
    m.put("rejected", e.rejected());
    write(m);
  }

  @Override
  public void onPartitionFailed(BackfillPartitionFailedEvent e) {
    Map<String, Object> m = line("partitionFailed", e.name(), e.at());
    m.put("phase", e.phase().key());
    m.put("partition", e.partitionId());
    m.put("lastCommittedCursor", e.lastCommittedCursor());
    m.put("error", e.error());
    write(m);
  }

  @Override
  public void onCompleted(BackfillCompletedEvent e) {
    BackfillReport r = e.report();
    Map<String, Object> m = line("completed", e.name(), e.at());
    m.put("resumed", r.resumed());
    m.put("durationMs", r.duration().toMillis());
    m.put("nodes", phase(r.nodes()));
    m.put("relationships", phase(r.relationships()));
    write(m);
  }

  private static Map<String, Object> phase(BackfillPhaseReport p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("read", p.read());
    m.put("written", p.written());
    m.put("skipped", p.skipped());
    m.put("rejected", p.rejected());
    m.put("rejectedByRule", new java.util.TreeMap<>(p.rejectedByRule()));
    return m;
  }
}
