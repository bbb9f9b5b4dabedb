package dev.graphshift.mapping;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Everything a {@link SchemaMapping} declares.
 *
 * <p>Immutable.
 *
 * @param name the mapping's name, for messages, events and metrics
 * @param nodeRules per source label, in declaration order (which decides between the rules of a
 *     node's several labels)
 * @param nodeDefaults property rules for every node, below its labels' rules
 * @param relationshipRules per source type, in declaration order
 * @param relationshipDefaults property rules for every relationship, below its type's rule
 * @param defaultWeight the weight of relationships whose type's rule has none; empty for no weight
 * @param weightProperty the name of the weight property of mapped relationships
 * @param embedding how nodes get their embedding; empty to treat embeddings as ordinary properties
 * @param values what happens to vectors, lists and temporals
 * @see SchemaMapping.Builder
 */
public record SchemaMappingConfig(
    String name,
    List<NodeRule> nodeRules,
    PropertyRules nodeDefaults,
    List<RelationshipRule> relationshipRules,
    PropertyRules relationshipDefaults,
    Optional<Weight> defaultWeight,
    String weightProperty,
    Optional<EmbeddingRule> embedding,
    ValuePolicies values) {

  public SchemaMappingConfig {
    Names.check(name, "name");
    nodeRules = List.copyOf(nodeRules);
    requireNonNull(nodeDefaults, "nodeDefaults");
    relationshipRules = List.copyOf(relationshipRules);
    requireNonNull(relationshipDefaults, "relationshipDefaults");
    requireNonNull(defaultWeight, "defaultWeight");
    Names.check(weightProperty, "weightProperty");
    requireNonNull(embedding, "embedding");
    requireNonNull(values, "values");
  }
}
