package dev.graphshift.mapping.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The working state of one batch: the buffer of key/value pairs a record's properties are mapped
 * into, and the outcome of the last record. One per batch, confined to the thread mapping it, so that a
 * record costs no allocation but its output.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public final class Scratch {
  Object[] kv = new Object[32];
  /** Whether the last record's properties differ from its source's. */
  boolean changed;
  /** The last record's embedding value as found in the source, or null. */
  @Nullable Object embedding;
  @Nullable String rule;
  @Nullable String message;

  Object[] ensure(int slots) {
    if (kv.length < slots) {
      kv = new Object[Math.max(slots, kv.length * 2)];
    }
    return kv;
  }

  /** Records why the last record is rejected; returns -1, the "rejected" answer of the mapping steps. */
  int reject(String rejectRule, String rejectMessage) {
    rule = rejectRule;
    message = rejectMessage;
    return -1;
  }

  /** The rule the last rejected record broke. */
  public String rule() {
    return Objects.requireNonNull(rule, "rule");
  }

  /** The message of the last rejected record. */
  public String message() {
    return Objects.requireNonNull(message, "message");
  }
}
