package dev.graphshift.mapping;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How relationships of one source type are mapped: their target type, what happens to their
 * properties, and how their weight is computed.
 *
 * <pre>{@code
 * RelationshipRule.builder("READ").weight(Weight.scaled("duration", 300, 1)).build();
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param type the source relationship type
 * @param targetType the target type; empty to keep the source type
 * @param properties what happens to the properties
 * @param weight how the weight is computed; empty for the mapping's default weight (if any)
 */
public record RelationshipRule(
    String type, Optional<String> targetType, PropertyRules properties, Optional<Weight> weight) {

  public RelationshipRule {
    Names.check(type, "type");
    requireNonNull(targetType, "targetType").ifPresent(t -> Names.check(t, "targetType"));
    requireNonNull(properties, "properties");
    requireNonNull(weight, "weight");
  }

  /**
   * A builder for the relationships of a source type.
   *
   * @throws IllegalArgumentException if the type is blank
   */
  public static Builder builder(String type) {
    return new Builder(Names.check(type, "type"));
  }

  /** The target type of this rule's relationships. */
  public String resolvedTargetType() {
    return targetType.orElse(type);
  }

  /**
   * Builds a {@link RelationshipRule}.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder extends PropertyRulesBuilder<Builder> {
    private final String type;
    private @Nullable String targetType;
    private @Nullable Weight weight;

    Builder(String type) {
      this.type = type;
    }

    /**
     * The type on the target. Default: the source type.
     *
     * @throws IllegalArgumentException if it is blank
     */
    public Builder targetType(String target) {
      targetType = Names.check(target, "targetType");
      return this;
    }

    /**
     * How the weight is computed. Default: the mapping's default weight, if it has one.
     *
     * @throws IllegalStateException if a weight is already set
     */
    public Builder weight(Weight rule) {
      requireNonNull(rule, "rule");
      if (weight != null) {
        throw new IllegalStateException("type '" + type + "' already has the weight " + weight);
      }
      weight = rule;
      return this;
    }

    /** The rule; later changes to this builder do not affect it. */
    public RelationshipRule build() {
      return new RelationshipRule(type, Optional.ofNullable(targetType), properties(), Optional.ofNullable(weight));
    }
  }
}
