package dev.graphshift.mapping;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The property operations shared by the builders of {@link NodeRule}, {@link RelationshipRule} and
 * {@link PropertyRules}; see {@link PropertyRules} for what each does.
 *
 * <p>Not thread-safe; confine to one thread.
 *
 * @param <B> the concrete builder, returned by every method so calls chain
 */
public abstract class PropertyRulesBuilder<B extends PropertyRulesBuilder<B>> {
  private final Map<String, String> renames = new LinkedHashMap<>();
  private final Set<String> drops = new LinkedHashSet<>();
  private final Map<String, Conversion> conversions = new LinkedHashMap<>();
  private final Set<String> required = new LinkedHashSet<>();
  private final Map<String, Derivation> derived = new LinkedHashMap<>();
  private @Nullable UnmappedProperties unmapped;

  PropertyRulesBuilder() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** Starts from existing rules. */
  final B from(PropertyRules rules) {
    rules.renames().forEach(this::rename);
    rules.drops().forEach(this::drop);
    rules.conversions().forEach(this::convert);
    rules.required().forEach(this::require);
    rules.derived().forEach(this::derive);
    rules.unmapped().ifPresent(this::unmapped);
    return self();
  }

  /**
   * Carries a property over under another name.
   *
   * @throws IllegalArgumentException if a name is blank
   * @throws IllegalStateException if the property is already renamed or dropped, or another property is
   *     already renamed to {@code to}, or {@code to} is a derived field
   */
  public B rename(String from, String to) {
    Names.check(from, "from");
    Names.check(to, "to");
    if (renames.containsKey(from)) {
      throw new IllegalStateException("property '" + from + "' is already renamed to '" + renames.get(from) + "'");
    }
    if (drops.contains(from)) {
      throw new IllegalStateException("property '" + from + "' is dropped (drop(\"" + from + "\")); it cannot be renamed");
    }
    for (Map.Entry<String, String> e : renames.entrySet()) {
      if (e.getValue().equals(to)) {
        throw new IllegalStateException("property '" + e.getKey() + "' is already renamed to '" + to + "'");
      }
    }
    if (derived.containsKey(to)) {
      throw new IllegalStateException("'" + to + "' is a derived field (" + derived.get(to) + "); a rename cannot target it");
    }
    renames.put(from, to);
    return self();
  }

  /**
   * Leaves a property out.
   *
   * @throws IllegalArgumentException if the name is blank
   * @throws IllegalStateException if the property is renamed or converted
   */
  public B drop(String property) {
    Names.check(property, "property");
    if (renames.containsKey(property)) {
      throw new IllegalStateException("property '" + property + "' is renamed to '" + renames.get(property) + "'; it cannot be dropped");
    }
    if (conversions.containsKey(property)) {
      throw new IllegalStateException("property '" + property + "' is converted (" + conversions.get(property).yamlName() + "); it cannot be dropped");
    }
    drops.add(property);
    return self();
  }

  /**
   * Converts a property's value.
   *
   * @throws IllegalArgumentException if the name is blank
   * @throws IllegalStateException if the property already has a conversion or is dropped
   */
  public B convert(String property, Conversion conversion) {
    Names.check(property, "property");
    requireNonNull(conversion, "conversion");
    if (conversions.containsKey(property)) {
      throw new IllegalStateException("property '" + property + "' is already converted (" + conversions.get(property).yamlName() + ")");
    }
    if (drops.contains(property)) {
      throw new IllegalStateException("property '" + property + "' is dropped (drop(\"" + property + "\")); it cannot be converted");
    }
    conversions.put(property, conversion);
    return self();
  }

  /**
   * Requires a property to be present in every source record the rule applies to.
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public B require(String property) {
    required.add(Names.check(property, "property"));
    return self();
  }

  /**
   * Adds a derived field.
   *
   * @throws IllegalArgumentException if the name is blank
   * @throws IllegalStateException if the field is already derived or is the target of a rename
   */
  public B derive(String field, Derivation derivation) {
    Names.check(field, "field");
    requireNonNull(derivation, "derivation");
    if (derived.containsKey(field)) {
      throw new IllegalStateException("field '" + field + "' is already derived (" + derived.get(field) + ")");
    }
    if (renames.containsValue(field)) {
      throw new IllegalStateException("'" + field + "' is the target of a rename; it cannot also be derived");
    }
    derived.put(field, derivation);
    return self();
  }

  /** What happens to properties that no rule names. Default: inherited, in the end {@link UnmappedProperties#KEEP}. */
  public B unmapped(UnmappedProperties policy) {
    unmapped = requireNonNull(policy, "policy");
    return self();
  }

  /** The rules declared so far. */
  final PropertyRules properties() {
    return new PropertyRules(renames, drops, conversions, required, derived, Optional.ofNullable(unmapped));
  }
}
