package dev.graphshift.mapping;

/**
 * What a mapping does with property values of one kind (see {@link ValuePolicies}).
 *
 * <p>Immutable.
 */
public enum ValuePolicy {
  /** Carry the value over; the target adapter stores it by its own value policy. */
  KEEP,
  /** Leave the property out of the mapped record. */
  DROP,
  /** Reject the record with the rule {@link dev.graphshift.Rules#VALUE_FORBIDDEN}. */
  REJECT;

  /** The name used in YAML: {@code keep}, {@code drop} or {@code reject}. */
  public String yamlName() {
    return YamlNames.of(this);
  }
}
