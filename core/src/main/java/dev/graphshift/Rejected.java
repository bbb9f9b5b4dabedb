package dev.graphshift;

import static java.util.Objects.requireNonNull;

/**
 * A record that broke a rule, with the rule and a message. A bad record is a value, not an exception:
 * the batch it came in goes on, and the counts of written and rejected records add up to the input.
 *
 * <p>Immutable.
 *
 * @param record the record as it was offered
 * @param rule the rule it broke, one of {@link Rules}
 * @param message what is wrong, naming the property or value; never a credential
 */
public record Rejected(GraphRecord record, String rule, String message) {

  public Rejected {
    requireNonNull(record, "record");
    requireNonNull(rule, "rule");
    requireNonNull(message, "message");
  }

  /** The id of the rejected record. */
  public String recordId() {
    return record.id();
  }

  @Override
  public String toString() {
    return record.describe() + " rejected by rule '" + rule + "': " + message;
  }
}
