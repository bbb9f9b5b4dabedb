package dev.graphshift.dualwrite;

import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records, in one global order, the writes that databases applied, so that a failed randomized test can
 * print the history of the ids that differ. Thread-safe.
 */
final class HistoryRecorder {
  private final AtomicLong clock = new AtomicLong();
  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

  /** A database that records the writes it applied under a label. */
  GraphDatabase record(String label, GraphDatabase db) {
    return new ForwardingGraphDatabase(db) {
      @Override
      public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
        WriteResult r = delegate().upsertNodes(nodes, mode);
        for (Node n : nodes) {
          add(label, "upsertNode" + (mode == WriteMode.INSERT_IF_ABSENT ? "IfAbsent" : ""), n.id(),
              String.valueOf(n.properties().get("v")) + " " + r.rejected());
        }
        return r;
      }

      @Override
      public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
        WriteResult r = delegate().upsertRelationships(relationships, mode);
        for (Relationship x : relationships) {
          add(label, "upsertRelationship" + (mode == WriteMode.INSERT_IF_ABSENT ? "IfAbsent" : ""), x.id(),
              x.startId() + "->" + x.endId() + " v=" + x.properties().get("v") + " rejected="
                  + r.rejected().stream().anyMatch(j -> j.recordId().equals(x.id())));
        }
        return r;
      }

      @Override
      public WriteResult deleteNodes(Collection<String> ids) {
        WriteResult r = delegate().deleteNodes(ids);
        ids.forEach(id -> add(label, "deleteNode", id, ""));
        return r;
      }

      @Override
      public WriteResult deleteRelationships(Collection<String> ids) {
        WriteResult r = delegate().deleteRelationships(ids);
        ids.forEach(id -> add(label, "deleteRelationship", id, ""));
        return r;
      }
    };
  }

  /** A dead-letter queue that records what goes in and out of it. */
  DeadLetterQueue record(String label, DeadLetterQueue q) {
    return new DeadLetterQueue() {
      @Override
      public String name() {
        return q.name();
      }

      @Override
      public List<DeadLetter> append(List<NewDeadLetter> letters) {
        List<DeadLetter> r = q.append(letters);
        for (int i = 0; i < letters.size(); i++) {
          NewDeadLetter n = letters.get(i);
          add(label, "append", n.operation().id(), n.operation().type() + " seq=" + n.sequence() + " -> "
              + r.get(i).sequence() + " " + n.state() + " attempts=" + n.attempts() + " coalesce=" + n.coalesce()
              + " v=" + version(n.operation()));
        }
        return r;
      }

      @Override
      public boolean blocks(Collection<OrderingKey> keys) {
        return q.blocks(keys);
      }

      @Override
      public List<DeadLetter> takeDue(java.time.Instant now, int max,
          java.util.function.Predicate<List<OrderingKey>> eligible) {
        List<DeadLetter> r = q.takeDue(now, max, eligible);
        r.forEach(d -> add(label, "take", d.operation().id(), d.operation().type() + " seq=" + d.sequence()
            + " v=" + version(d.operation())));
        return r;
      }

      @Override
      public void ack(Collection<Long> sequences) {
        List<String> ids = ids(sequences);
        q.ack(sequences);
        each("ack", sequences, ids);
      }

      @Override
      public void retryLater(java.util.Map<Long, java.time.Instant> nextAttempts, String failure) {
        List<String> ids = ids(nextAttempts.keySet());
        q.retryLater(nextAttempts, failure);
        each("retryLater", nextAttempts.keySet(), ids);
      }

      @Override
      public void release(Collection<Long> sequences, java.time.Instant nextAttemptAt) {
        List<String> ids = ids(sequences);
        q.release(sequences, nextAttemptAt);
        each("release", sequences, ids);
      }

      @Override
      public void park(Collection<Long> sequences, String reason) {
        List<String> ids = ids(sequences);
        q.park(sequences, reason);
        each("park", sequences, ids);
      }

      private List<String> ids(Collection<Long> sequences) {
        List<String> ids = new ArrayList<>();
        for (long seq : sequences) {
          ids.add(q.get(seq).map(d -> d.operation().id()).orElse("?"));
        }
        return ids;
      }

      private void each(String what, Collection<Long> sequences, List<String> ids) {
        int i = 0;
        for (long seq : sequences) {
          add(label, what, ids.get(i++), "seq=" + seq);
        }
      }

      @Override
      public boolean unpark(long sequence, java.time.Instant now) {
        return q.unpark(sequence, now);
      }

      @Override
      public boolean discard(long sequence, String reason) {
        return q.discard(sequence, reason);
      }

      @Override
      public java.util.Optional<DeadLetter> get(long sequence) {
        return q.get(sequence);
      }

      @Override
      public List<DeadLetter> pending(int limit) {
        return q.pending(limit);
      }

      @Override
      public List<DeadLetter> parked(int limit) {
        return q.parked(limit);
      }

      @Override
      public long depth() {
        return q.depth();
      }

      @Override
      public long parkedCount() {
        return q.parkedCount();
      }

      @Override
      public long size() {
        return q.size();
      }

      @Override
      public long highestSequence() {
        return q.highestSequence();
      }

      @Override
      public void close() {
        q.close();
      }
    };
  }

  private static Object version(WriteOperation op) {
    if (op instanceof WriteOperation.UpsertNode u) {
      return u.node().properties().get("v");
    }
    if (op instanceof WriteOperation.UpsertRelationship u) {
      return u.relationship().properties().get("v");
    }
    return "-";
  }

  /** A listener that records dead-letter events of a coordinator. */
  DualWriteListener listener(String label) {
    return new DualWriteListener() {
      @Override
      public void onDeadLettered(DeadLetteredEvent e) {
        for (int i = 0; i < e.ids().size(); i++) {
          add(label, "deadLettered", e.ids().get(i), e.cause() + " seq=" + e.sequences().get(i));
        }
      }

      @Override
      public void onRetried(RetriedEvent e) {
        for (int i = 0; i < e.ids().size(); i++) {
          add(label, "retried", e.ids().get(i), "seq=" + e.sequences().get(i) + " ok=" + e.succeeded());
        }
      }
    };
  }

  void add(String label, String what, String id, String detail) {
    lines.add(clock.incrementAndGet() + " " + label + " " + what + " " + id + " " + detail + " ["
        + Thread.currentThread().getName() + "]");
  }

  /** Every recorded line, in order. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  /** The recorded lines that name one of these ids (as a whole word). */
  String historyOf(Set<String> ids) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      for (String id : ids) {
        if (line.matches(".*[ >]" + java.util.regex.Pattern.quote(id) + "([ -].*|$)")) {
          out.add(line);
          break;
        }
      }
    }
    return String.join("\n", out);
  }
}
