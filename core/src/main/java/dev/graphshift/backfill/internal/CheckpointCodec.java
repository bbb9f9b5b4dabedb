package dev.graphshift.backfill.internal;

import dev.graphshift.internal.Json;
import dev.graphshift.backfill.BackfillCheckpoint;
import dev.graphshift.backfill.BackfillPartition;
import dev.graphshift.backfill.BackfillPhase;
import dev.graphshift.backfill.PartitionCheckpoint;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The text form of a {@link BackfillCheckpoint}: the JSON document described on {@code
 * FileCheckpointStore}, one partition per array element, written by {@link Json}.
 *
 * <p>Thread-safe.
 */
public final class CheckpointCodec {
  /** The value of the {@code format} member. */
  public static final String FORMAT = "graphshift.backfill.checkpoint";
  /** The version this codec writes and reads. */
  public static final long VERSION = 1;

  private CheckpointCodec() {}

  /** The JSON text of a checkpoint. */
  public static String write(BackfillCheckpoint checkpoint) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("name", checkpoint.name());
    root.put("fingerprint", checkpoint.fingerprint());
    root.put("config", checkpoint.config());
    root.put("savedAt", checkpoint.savedAt().toString());
    List<Object> partitions = new ArrayList<>(checkpoint.partitions().size());
    for (PartitionCheckpoint p : checkpoint.partitions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      BackfillPartition part = p.partition();
      m.put("id", part.id());
      m.put("phase", part.phase().name());
      m.put("filter", part.filter());
      m.put("from", part.from());
      m.put("until", part.until());
      m.put("yieldTo", part.yieldTo());
      m.put("cursor", p.cursor());
      m.put("done", p.done());
      m.put("read", p.read());
      m.put("written", p.written());
      m.put("skipped", p.skipped());
      m.put("rejected", p.rejected());
      m.put("rejectedByRule", new TreeMap<>(p.rejectedByRule()));
      partitions.add(m);
    }
    root.put("partitions", partitions);
    return Json.writePretty(root);
  }

  /**
   * Reads a checkpoint.
   *
   * @throws IllegalArgumentException naming the member, if the text is not a checkpoint this codec wrote
   */
  public static BackfillCheckpoint read(String text) {
    Map<String, @Nullable Object> root = Json.parseObject(text);
    if (!FORMAT.equals(root.get("format"))) {
      throw new IllegalArgumentException("not a GraphShift backfill checkpoint (format is "
          + root.get("format") + ", expected " + FORMAT + ")");
    }
    long version = number(root, "version");
    if (version != VERSION) {
      throw new IllegalArgumentException("checkpoint version " + version + " is not supported (expected "
          + VERSION + ")");
    }
    Instant savedAt;
    try {
      savedAt = Instant.parse(string(root, "savedAt"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("member 'savedAt' is not an instant: " + root.get("savedAt"), e);
    }
    List<PartitionCheckpoint> partitions = new ArrayList<>();
    for (Object o : list(root, "partitions")) {
      if (!(o instanceof Map<?, ?> raw)) {
        throw new IllegalArgumentException("member 'partitions' holds a non-object");
      }
      @SuppressWarnings("unchecked")
      Map<String, @Nullable Object> m = (Map<String, @Nullable Object>) raw;
      BackfillPhase phase;
      try {
        phase = BackfillPhase.valueOf(string(m, "phase"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("member 'phase' is not NODES or RELATIONSHIPS: " + m.get("phase"), e);
      }
      List<String> yieldTo = new ArrayList<>();
      for (Object label : list(m, "yieldTo")) {
        if (!(label instanceof String s)) {
          throw new IllegalArgumentException("member 'yieldTo' holds a non-string");
        }
        yieldTo.add(s);
      }
      BackfillPartition partition = new BackfillPartition(string(m, "id"), phase, optional(m, "filter"),
          optional(m, "from"), optional(m, "until"), yieldTo);
      Map<String, Long> rules = new TreeMap<>();
      Object rawRules = m.get("rejectedByRule");
      if (!(rawRules instanceof Map<?, ?> ruleMap)) {
        throw new IllegalArgumentException("member 'rejectedByRule' is not an object");
      }
      for (Map.Entry<?, ?> e : ruleMap.entrySet()) {
        if (!(e.getValue() instanceof Long count)) {
          throw new IllegalArgumentException("member 'rejectedByRule' holds a non-integer");
        }
        rules.put(String.valueOf(e.getKey()), count);
      }
      Object done = m.get("done");
      if (!(done instanceof Boolean doneFlag)) {
        throw new IllegalArgumentException("member 'done' is not a boolean");
      }
      partitions.add(new PartitionCheckpoint(partition, optional(m, "cursor"), doneFlag,
          number(m, "read"), number(m, "written"), number(m, "skipped"), number(m, "rejected"), rules));
    }
    return new BackfillCheckpoint(string(root, "name"), string(root, "fingerprint"), string(root, "config"),
        savedAt, partitions);
  }

  private static String string(Map<String, @Nullable Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("member '" + key + "' is missing or not a string");
    }
    return s;
  }

  private static Optional<String> optional(Map<String, @Nullable Object> m, String key) {
    if (!m.containsKey(key)) {
      throw new IllegalArgumentException("member '" + key + "' is missing");
    }
    Object v = m.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("member '" + key + "' is not a string or null");
    }
    return Optional.of(s);
  }

  private static long number(Map<String, @Nullable Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Long n)) {
      throw new IllegalArgumentException("member '" + key + "' is missing or not an integer");
    }
    return n;
  }

  private static List<?> list(Map<String, @Nullable Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof List<?> l)) {
      throw new IllegalArgumentException("member '" + key + "' is missing or not an array");
    }
    return l;
  }
}
