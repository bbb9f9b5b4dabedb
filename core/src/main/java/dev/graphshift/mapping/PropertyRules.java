package dev.graphshift.mapping;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a mapping does with the properties of the records a rule applies to. The operations, in the
 * order the mapper applies them to a record:
 *
 * <ol>
 *   <li>{@code required}: each must be present in the source record, or the record is rejected with
 *       {@link dev.graphshift.Rules#REQUIRED_PROPERTY};
 *   <li>{@code drops}: left out;
 *   <li>{@code conversions}: the value converted (see {@link Conversion});
 *   <li>{@code renames}: carried over under another name (after its conversion); a record whose other
 *       property already has that name is rejected with {@link dev.graphshift.Rules#PROPERTY_CONFLICT};
 *   <li>the others, by {@code unmapped}: kept unchanged (the default) or left out;
 *   <li>{@code derived}: fields computed from constants or other properties, replacing any property of
 *       the same name.
 * </ol>
 *
 * <p>All names are source property names, except the keys of {@code derived}, which are target names.
 *
 * <p>Immutable.
 *
 * @param renames source name to target name
 * @param drops source names left out
 * @param conversions source name to conversion
 * @param required source names that must be present
 * @param derived target name to derivation
 * @param unmapped what happens to properties no rule names; empty to inherit (from the mapping's
 *     defaults, and in the end {@link UnmappedProperties#KEEP})
 */
public record PropertyRules(
    Map<String, String> renames,
    Set<String> drops,
    Map<String, Conversion> conversions,
    Set<String> required,
    Map<String, Derivation> derived,
    Optional<UnmappedProperties> unmapped) {

  /** No operation: every property kept unchanged (unless the mapping's defaults say otherwise). */
  public static final PropertyRules NONE =
      new PropertyRules(Map.of(), Set.of(), Map.of(), Set.of(), Map.of(), Optional.empty());

  public PropertyRules {
    renames = Map.copyOf(requireNonNull(renames, "renames"));
    drops = Set.copyOf(requireNonNull(drops, "drops"));
    conversions = Map.copyOf(requireNonNull(conversions, "conversions"));
    required = Set.copyOf(requireNonNull(required, "required"));
    derived = Map.copyOf(requireNonNull(derived, "derived"));
    requireNonNull(unmapped, "unmapped");
  }

  /** A builder of property rules on their own, for the mapping's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether these rules change nothing. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /**
   * Builds {@link PropertyRules} on their own (for {@link SchemaMapping.Builder#nodeDefaults}).
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder extends PropertyRulesBuilder<Builder> {
    Builder() {}

    /** The rules; later changes to this builder do not affect them. */
    public PropertyRules build() {
      return properties();
    }
  }
}
