package dev.graphshift.mapping;

import static java.util.Objects.requireNonNull;

import dev.graphshift.config.ConfigSection;
import dev.graphshift.config.Yaml;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How the records of a source graph become the records of a target: the declaration a {@link
 * SchemaMapper} compiles. It says, per source label, which label the nodes carry on the target (a
 * Neptune vertex label, an Engram memory type/space) and what happens to their properties (renames,
 * drops, conversions, required properties, derived fields); per relationship type, the target type, the
 * property rules and a weight; how nodes get their embedding; and what happens to vectors, lists and
 * temporals. Labels and types without a rule keep their name and follow the defaults.
 *
 * <p>Declared with a builder:
 *
 * <pre>{@code
 * SchemaMapping mapping = SchemaMapping.builder("people")
 *     .node(NodeRule.builder("Person").targetLabel("people").rename("name", "full_name").build())
 *     .relationship(RelationshipRule.builder("KNOWS").weight(Weight.property("since_years")).build())
 *     .build();
 * }</pre>
 *
 * or loaded from YAML ({@link #fromYaml(String)}; the format is in {@code docs/mapping.md}), or taken
 * ready-made: {@link #neo4jToEngram()}, {@link #neo4jToNeptune()}; {@link #toBuilder()} starts a
 * variant of any of them.
 *
 * <p>Immutable.
 */
public final class SchemaMapping {
  /** The default name of the weight property of mapped relationships: {@value}. */
  public static final String DEFAULT_WEIGHT_PROPERTY = EngramModel.WEIGHT;

  private final SchemaMappingConfig config;

  private SchemaMapping(SchemaMappingConfig config) {
    this.config = config;
  }

  /**
   * A builder for a mapping that, until told otherwise, changes nothing.
   *
   * @param name the mapping's name, for messages, events and metrics
   * @throws IllegalArgumentException if the name is blank
   */
  public static Builder builder(String name) {
    return new Builder(Names.check(name, "name"));
  }

  /**
   * A mapping from its declaration.
   *
   * @throws IllegalStateException if the declaration's settings conflict (see {@link Builder#build()})
   */
  public static SchemaMapping of(SchemaMappingConfig config) {
    requireNonNull(config, "config");
    Builder b = new Builder(config.name());
    b.load(config);
    return b.build();
  }

  /**
   * Neo4j to Engram memories, as users describe it: the node id becomes the memory id; labels the memory
   * type/space (kept as they are; add node rules to rename them); properties the memory content (kept);
   * the {@value EngramModel#EMBEDDING} property copied when present (checked to have {@value
   * EngramModel#DIMENSION} finite dimensions) and otherwise generated through the mapper's {@link
   * Embedder} from the node's {@linkplain EngramModel#content content}; {@value EngramModel#STRENGTH}
   * initialised to 1.0; {@value EngramModel#LAST_ACCESSED} copied from {@value EngramModel#CREATED_AT}.
   * Relationships become weighted edges (a {@value EngramModel#WEIGHT} property): {@code READ} weighs
   * {@code min(duration / 300, 1)}, {@code SIMILAR_TO} its {@code similarity}, any other type 0.5.
   *
   * <p>Its YAML form is in {@code docs/mapping.md}.
   */
  public static SchemaMapping neo4jToEngram() {
    return builder("neo4j-to-engram")
        .nodeDefaults(PropertyRules.builder()
            .derive(EngramModel.STRENGTH, Derivation.constant(EngramModel.INITIAL_STRENGTH))
            .derive(EngramModel.LAST_ACCESSED, Derivation.copy(EngramModel.CREATED_AT))
            .build())
        .embedding(EmbeddingRule.engram())
        .relationship(RelationshipRule.builder("READ")
            .weight(Weight.scaled("duration", EngramModel.READ_FULL_DURATION, 1.0))
            .build())
        .relationship(RelationshipRule.builder("SIMILAR_TO").weight(Weight.property("similarity")).build())
        .defaultWeight(Weight.constant(EngramModel.DEFAULT_WEIGHT))
        .build();
  }

  /**
   * Neo4j to Amazon Neptune: the identity of structure (same ids, labels, types and properties). Vectors,
   * lists and temporals are kept, for the Neptune adapter to store by its own value policies; make a
   * variant with {@link Builder#values(ValuePolicies)} to drop or reject them before they reach it.
   *
   * <p>Its YAML form is in {@code docs/mapping.md}.
   */
  public static SchemaMapping neo4jToNeptune() {
    return builder("neo4j-to-neptune").values(ValuePolicies.KEEP_ALL).build();
  }

  /**
   * Reads a mapping from YAML (the format is in {@code docs/mapping.md}).
   *
   * @throws dev.graphshift.config.YamlException if the text is not YAML that {@link Yaml} reads
   * @throws dev.graphshift.ConfigurationException if the mapping is wrong, naming the path of the key
   */
  public static SchemaMapping fromYaml(String yaml) {
    return fromConfig(ConfigSection.root(Yaml.parseMapping(yaml)));
  }

  /** Reads a mapping from YAML, as {@link #fromYaml(String)}; the reader is not closed. */
  public static SchemaMapping fromYaml(Reader yaml) {
    return fromConfig(ConfigSection.root(Yaml.parseMapping(yaml)));
  }

  /**
   * Reads a mapping from a parsed section of a configuration file (for a mapping inside {@code
   * graphshift.yaml}); errors name the section's path.
   *
   * @throws dev.graphshift.ConfigurationException if the mapping is wrong
   */
  public static SchemaMapping fromConfig(ConfigSection section) {
    return MappingYaml.read(section);
  }

  /** This mapping as YAML that {@link #fromYaml(String)} reads back to an equal mapping. */
  public String toYaml() {
    return MappingYaml.write(config);
  }

  /** Everything this mapping declares. */
  public SchemaMappingConfig config() {
    return config;
  }

  /** The mapping's name. */
  public String name() {
    return config.name();
  }

  /** The rule for a source label, if the mapping declares one. */
  public Optional<NodeRule> nodeRule(String label) {
    return config.nodeRules().stream().filter(r -> r.label().equals(label)).findFirst();
  }

  /** The rule for a source relationship type, if the mapping declares one. */
  public Optional<RelationshipRule> relationshipRule(String type) {
    return config.relationshipRules().stream().filter(r -> r.type().equals(type)).findFirst();
  }

  /** A builder that starts from this mapping; every setting may be given again once. */
  public Builder toBuilder() {
    Builder b = new Builder(config.name());
    b.load(config);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SchemaMapping other && config.equals(other.config);
  }

  @Override
  public int hashCode() {
    return config.hashCode();
  }

  @Override
  public String toString() {
    return "SchemaMapping[" + config.name() + ", " + config.nodeRules().size() + " label rules, "
        + config.relationshipRules().size() + " type rules]";
  }

  /**
   * Builds a {@link SchemaMapping}. Defaults: no rules (labels, types and properties kept), no
   * embedding rule, no weight, {@link ValuePolicies#KEEP_ALL}, weight property {@value
   * #DEFAULT_WEIGHT_PROPERTY}.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private String name;
    private final Map<String, NodeRule> nodeRules = new LinkedHashMap<>();
    private final Map<String, RelationshipRule> relationshipRules = new LinkedHashMap<>();
    private PropertyRules nodeDefaults = PropertyRules.NONE;
    private PropertyRules relationshipDefaults = PropertyRules.NONE;
    private @Nullable Weight defaultWeight;
    private String weightProperty = DEFAULT_WEIGHT_PROPERTY;
    private @Nullable EmbeddingRule embedding;
    private ValuePolicies values = ValuePolicies.KEEP_ALL;
    /** The singular settings given on this builder (not loaded by {@link SchemaMapping#toBuilder()}). */
    private final List<String> set = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    private void load(SchemaMappingConfig c) {
      c.nodeRules().forEach(r -> nodeRules.put(r.label(), r));
      c.relationshipRules().forEach(r -> relationshipRules.put(r.type(), r));
      nodeDefaults = c.nodeDefaults();
      relationshipDefaults = c.relationshipDefaults();
      defaultWeight = c.defaultWeight().orElse(null);
      weightProperty = c.weightProperty();
      embedding = c.embedding().orElse(null);
      values = c.values();
    }

    private void once(String setting, @Nullable Object earlier) {
      if (set.contains(setting)) {
        throw new IllegalStateException(setting + " was already set to " + earlier);
      }
      set.add(setting);
    }

    /**
     * Renames the mapping (for a variant made with {@link SchemaMapping#toBuilder()}).
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public Builder name(String newName) {
      once("name", name);
      name = Names.check(newName, "name");
      return this;
    }

    /**
     * Adds the rule for a source label.
     *
     * @throws IllegalStateException if this builder has a rule for that label already
     */
    public Builder node(NodeRule rule) {
      requireNonNull(rule, "rule");
      NodeRule earlier = nodeRules.putIfAbsent(rule.label(), rule);
      if (earlier != null) {
        throw new IllegalStateException("label '" + rule.label() + "' already has a rule: " + earlier);
      }
      return this;
    }

    /**
     * Adds the rule for a source relationship type.
     *
     * @throws IllegalStateException if this builder has a rule for that type already
     */
    public Builder relationship(RelationshipRule rule) {
      requireNonNull(rule, "rule");
      RelationshipRule earlier = relationshipRules.putIfAbsent(rule.type(), rule);
      if (earlier != null) {
        throw new IllegalStateException("type '" + rule.type() + "' already has a rule: " + earlier);
      }
      return this;
    }

    /**
     * Property rules for every node, below the rules of its labels. Default: none.
     *
     * @throws IllegalStateException if already set on this builder
     */
    public Builder nodeDefaults(PropertyRules rules) {
      requireNonNull(rules, "rules");
      once("nodeDefaults", nodeDefaults);
      nodeDefaults = rules;
      return this;
    }

    /**
     * Property rules for every relationship, below the rule of its type. Default: none.
     *
     * @throws IllegalStateException if already set on this builder
     */
    public Builder relationshipDefaults(PropertyRules rules) {
      requireNonNull(rules, "rules");
      once("relationshipDefaults", relationshipDefaults);
      relationshipDefaults = rules;
      return this;
    }

    /**
     * The weight of relationships whose type's rule has none. Default: none (no weight property).
     *
     * @throws IllegalStateException if already set on this builder
     */
    public Builder defaultWeight(Weight weight) {
      requireNonNull(weight, "weight");
      once("defaultWeight", defaultWeight);
      defaultWeight = weight;
      return this;
    }

    /**
     * The name of the weight property of mapped relationships. Default {@value #DEFAULT_WEIGHT_PROPERTY}.
     *
     * @throws IllegalArgumentException if it is blank
     * @throws IllegalStateException if already set on this builder
     */
    public Builder weightProperty(String property) {
      Names.check(property, "property");
      once("weightProperty", weightProperty);
      weightProperty = property;
      return this;
    }

    /**
     * How nodes get their embedding. Default: none (an embedding is an ordinary property).
     *
     * @throws IllegalStateException if already set on this builder
     */
    public Builder embedding(EmbeddingRule rule) {
      requireNonNull(rule, "rule");
      once("embedding", embedding);
      embedding = rule;
      return this;
    }

    /**
     * What happens to vectors, lists and temporals. Default {@link ValuePolicies#KEEP_ALL}.
     *
     * @throws IllegalStateException if already set on this builder
     */
    public Builder values(ValuePolicies policies) {
      requireNonNull(policies, "policies");
      once("values", values);
      values = policies;
      return this;
    }

    /**
     * The mapping; later changes to this builder do not affect it.
     *
     * @throws IllegalStateException if a derived field or rename target of the nodes has the name of
     *     the embedding's target property, or a rule renames, drops, converts or copies the embedding's
     *     source property, or a derived field or rename target of the relationships has the name of the
     *     weight property
     */
    public SchemaMapping build() {
      if (embedding != null) {
        checkEmbeddingSourceUntouched(embedding.property(), nodeDefaults, "node defaults");
        for (NodeRule r : nodeRules.values()) {
          checkEmbeddingSourceUntouched(embedding.property(), r.properties(), "label '" + r.label() + "'");
        }
        String target = embedding.targetProperty();
        checkNotDerived(target, "the embedding's target property", nodeDefaults, "node defaults");
        for (NodeRule r : nodeRules.values()) {
          checkNotDerived(target, "the embedding's target property", r.properties(), "label '" + r.label() + "'");
        }
      }
      for (NodeRule r : nodeRules.values()) {
        checkAgainstDefaults(r.properties(), nodeDefaults, "label '" + r.label() + "'", "node defaults");
      }
      for (RelationshipRule r : relationshipRules.values()) {
        checkAgainstDefaults(r.properties(), relationshipDefaults, "type '" + r.type() + "'", "relationship defaults");
      }
      checkNotDerived(weightProperty, "the weight property", relationshipDefaults, "relationship defaults");
      for (RelationshipRule r : relationshipRules.values()) {
        checkNotDerived(weightProperty, "the weight property", r.properties(), "type '" + r.type() + "'");
      }
      return new SchemaMapping(new SchemaMappingConfig(name, new ArrayList<>(nodeRules.values()), nodeDefaults,
          new ArrayList<>(relationshipRules.values()), relationshipDefaults, Optional.ofNullable(defaultWeight),
          weightProperty, Optional.ofNullable(embedding), values));
    }

    /** A rule's rename must not target a field its defaults derive, nor the defaults' a field it derives. */
    private static void checkAgainstDefaults(PropertyRules rule, PropertyRules defaults, String where,
        String defaultsName) {
      for (Map.Entry<String, String> e : rule.renames().entrySet()) {
        if (defaults.derived().containsKey(e.getValue())) {
          throw new IllegalStateException("the " + where + " renames '" + e.getKey() + "' to '" + e.getValue()
              + "', a field the " + defaultsName + " derive (" + defaults.derived().get(e.getValue()) + ")");
        }
      }
      for (Map.Entry<String, String> e : defaults.renames().entrySet()) {
        if (rule.derived().containsKey(e.getValue())) {
          throw new IllegalStateException("the " + defaultsName + " rename '" + e.getKey() + "' to '" + e.getValue()
              + "', a field the " + where + " derives (" + rule.derived().get(e.getValue()) + ")");
        }
      }
    }

    private static void checkEmbeddingSourceUntouched(String source, PropertyRules rules, String where) {
      boolean copied = rules.derived().values().stream()
          .anyMatch(d -> d instanceof Derivation.Copy c && c.sourceProperty().equals(source));
      if (rules.renames().containsKey(source) || rules.drops().contains(source)
          || rules.conversions().containsKey(source) || copied) {
        throw new IllegalStateException("'" + source + "' is the embedding's source property; the " + where
            + " cannot also rename, drop, convert or copy it (set the embedding rule's property and target instead)");
      }
    }

    private static void checkNotDerived(String name, String what, PropertyRules rules, String where) {
      if (rules.derived().containsKey(name)) {
        throw new IllegalStateException("'" + name + "' is " + what + " and also a derived field of the "
            + where + " (" + rules.derived().get(name) + ")");
      }
      if (rules.renames().containsValue(name)) {
        throw new IllegalStateException("'" + name + "' is " + what + " and also the target of a rename in the "
            + where);
      }
    }
  }
}
