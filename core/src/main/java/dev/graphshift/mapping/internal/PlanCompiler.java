package dev.graphshift.mapping.internal;

import dev.graphshift.mapping.Derivation;
import dev.graphshift.mapping.EmbeddingRule;
import dev.graphshift.mapping.NodeRule;
import dev.graphshift.mapping.PropertyRules;
import dev.graphshift.mapping.RelationshipRule;
import dev.graphshift.mapping.SchemaMappingConfig;
import dev.graphshift.mapping.UnmappedProperties;
import dev.graphshift.mapping.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a mapping's rules into plans: for a set of labels, the rules of those labels (in the
 * mapping's declaration order) over the node defaults; for a type, its rule over the relationship
 * defaults. Every name is resolved here, once per label set or type, so that mapping a record looks up
 * nothing by rule name.
 *
 * <p>Immutable.
 */
public final class PlanCompiler {
  private final SchemaMappingConfig config;

  public PlanCompiler(SchemaMappingConfig config) {
    this.config = config;
  }

  /** The plan for the nodes with exactly these labels. */
  public NodePlan nodePlan(Collection<String> labels) {
    List<PropertyRules> layers = new ArrayList<>();
    Map<String, String> targets = new HashMap<>();
    for (NodeRule rule : config.nodeRules()) {
      if (labels.contains(rule.label())) {
        layers.add(rule.properties());
        targets.put(rule.label(), rule.resolvedTargetLabel());
      }
    }
    layers.add(config.nodeDefaults());
    Set<String> targetLabels = new LinkedHashSet<>();
    boolean unchanged = true;
    for (String label : labels) {
      String target = targets.getOrDefault(label, label);
      unchanged &= target.equals(label);
      targetLabels.add(target);
    }
    unchanged &= targetLabels.size() == labels.size();
    String context = labels.isEmpty() ? "node without labels"
        : labels.size() == 1 ? "label '" + labels.iterator().next() + "'"
        : "labels " + new TreeSet<>(labels);
    EmbeddingRule embedding = config.embedding().orElse(null);
    Set<String> produced = embedding == null ? Set.of() : Set.of(embedding.targetProperty());
    PropertyPlan plan = properties(context, layers, produced, embedding == null ? null : embedding.property());
    return new NodePlan(plan, Set.copyOf(targetLabels), unchanged, embedding);
  }

  /** The plan for the relationships of a type. */
  public RelationshipPlan relationshipPlan(String type) {
    RelationshipRule rule = null;
    for (RelationshipRule r : config.relationshipRules()) {
      if (r.type().equals(type)) {
        rule = r;
        break;
      }
    }
    List<PropertyRules> layers = new ArrayList<>();
    Weight weight = config.defaultWeight().orElse(null);
    String targetType = type;
    if (rule != null) {
      layers.add(rule.properties());
      weight = rule.weight().orElse(weight);
      targetType = rule.resolvedTargetType();
    }
    layers.add(config.relationshipDefaults());
    Set<String> produced = weight == null ? Set.of() : Set.of(config.weightProperty());
    PropertyPlan plan = properties("type '" + type + "'", layers, produced, null);
    Double constant = weight instanceof Weight.Constant c ? c.value() : null;
    Weight.FromProperty from = weight instanceof Weight.FromProperty f ? f : null;
    return new RelationshipPlan(plan, targetType, targetType.equals(type), config.weightProperty(), constant,
        from == null ? null : from.property(), from == null ? 1 : from.divisor(),
        from == null ? Double.POSITIVE_INFINITY : from.max());
  }

  private PropertyPlan properties(String context, List<PropertyRules> layers, Set<String> producedByMapping,
      @Nullable String embeddingSource) {
    UnmappedProperties unmapped = UnmappedProperties.KEEP;
    for (int i = layers.size() - 1; i >= 0; i--) {
      unmapped = layers.get(i).unmapped().orElse(unmapped);
    }
    boolean keep = unmapped == UnmappedProperties.KEEP;
    Map<String, PropertyOp> ops = new LinkedHashMap<>();
    Set<String> required = new LinkedHashSet<>();
    Map<String, Derivation> derived = new LinkedHashMap<>();
    for (PropertyRules layer : layers) {
      Set<String> named = new TreeSet<>(layer.renames().keySet());
      named.addAll(layer.drops());
      named.addAll(layer.conversions().keySet());
      for (String key : named) {
        if (!ops.containsKey(key)) {
          PropertyOp op = new PropertyOp(key, layer.drops().contains(key) ? null : layer.renames().getOrDefault(key, key));
          op.conversion = layer.conversions().get(key);
          ops.put(key, op);
        }
      }
      required.addAll(new TreeSet<>(layer.required()));
      new TreeMap<>(layer.derived()).forEach(derived::putIfAbsent);
    }
    List<String> constantNames = new ArrayList<>();
    List<Object> constantValues = new ArrayList<>();
    for (Map.Entry<String, Derivation> e : derived.entrySet()) {
      if (e.getValue() instanceof Derivation.Copy copy) {
        PropertyOp op = ops.computeIfAbsent(copy.sourceProperty(), k -> new PropertyOp(k, keep ? k : null));
        op.copyTo = append(op.copyTo, e.getKey());
      } else {
        constantNames.add(e.getKey());
        constantValues.add(((Derivation.Constant) e.getValue()).value());
      }
    }
    Set<String> produced = new LinkedHashSet<>(derived.keySet());
    produced.addAll(producedByMapping);
    for (String name : produced) {
      PropertyOp op = ops.computeIfAbsent(name, k -> new PropertyOp(k, null));
      if (name.equals(op.target)) {
        op.target = null;
      }
    }
    if (embeddingSource != null) {
      PropertyOp op = ops.computeIfAbsent(embeddingSource, k -> new PropertyOp(k, null));
      op.embedding = true;
      op.target = null;
      op.conversion = null;
    }
    for (PropertyOp op : ops.values()) {
      String target = op.target;
      if (target == null || target.equals(op.source)) {
        continue;
      }
      op.alwaysConflicts = produced.contains(target);
      List<String> conflicts = new ArrayList<>();
      PropertyOp atTarget = ops.get(target);
      if (atTarget == null ? keep : target.equals(atTarget.target)) {
        conflicts.add(target);
      }
      for (PropertyOp other : ops.values()) {
        if (other != op && target.equals(other.target) && !other.source.equals(target)) {
          conflicts.add(other.source);
        }
      }
      op.conflicts = conflicts.toArray(PropertyOp.NONE);
    }
    return new PropertyPlan(context, config.name(), ops.isEmpty() ? Map.of() : new HashMap<>(ops),
        required.toArray(PropertyOp.NONE), keep, config.values(), constantNames.toArray(PropertyOp.NONE),
        constantValues.toArray());
  }

  private static String[] append(String[] a, String s) {
    String[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = s;
    return b;
  }
}
