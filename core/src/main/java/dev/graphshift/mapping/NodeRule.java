package dev.graphshift.mapping;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How nodes with one source label are mapped: the label they carry on the target (a Neptune vertex
 * label, or an Engram memory type/space) and what happens to their properties.
 *
 * <p>A node with several labels is mapped by the rules of all its labels: each label becomes its own
 * target label, and the property rules are merged in the order the mapping declares them, the first
 * rule that names a property deciding what happens to it (then the mapping's node defaults).
 *
 * <pre>{@code
 * NodeRule.builder("Person").targetLabel("people")
 *     .rename("name", "full_name").drop("password").convert("age", Conversion.LONG).require("name")
 *     .build();
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param label the source label
 * @param targetLabel the target label; empty to keep the source label
 * @param properties what happens to the properties
 */
public record NodeRule(String label, Optional<String> targetLabel, PropertyRules properties) {

  public NodeRule {
    Names.check(label, "label");
    requireNonNull(targetLabel, "targetLabel").ifPresent(t -> Names.check(t, "targetLabel"));
    requireNonNull(properties, "properties");
  }

  /**
   * A builder for the nodes with a source label.
   *
   * @throws IllegalArgumentException if the label is blank
   */
  public static Builder builder(String label) {
    return new Builder(Names.check(label, "label"));
  }

  /** The target label of this rule's nodes. */
  public String resolvedTargetLabel() {
    return targetLabel.orElse(label);
  }

  /**
   * Builds a {@link NodeRule}.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder extends PropertyRulesBuilder<Builder> {
    private final String label;
    private @Nullable String targetLabel;

    Builder(String label) {
      this.label = label;
    }

    /**
     * The label the nodes carry on the target. Default: the source label.
     *
     * @throws IllegalArgumentException if it is blank
     */
    public Builder targetLabel(String target) {
      targetLabel = Names.check(target, "targetLabel");
      return this;
    }

    /** The rule; later changes to this builder do not affect it. */
    public NodeRule build() {
      return new NodeRule(label, Optional.ofNullable(targetLabel), properties());
    }
  }
}
