package dev.graphshift.mapping;

import dev.graphshift.ConfigurationException;
import dev.graphshift.config.ConfigSection;
import dev.graphshift.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The YAML form of a {@link SchemaMapping}: reading (with errors naming the key's path) and writing. */
final class MappingYaml {
  private static final List<String> TOP = List.of("name", "nodes", "relationships", "embedding", "values");
  private static final List<String> RULE_KEYS = List.of("rename", "drop", "convert", "require", "derive", "unmapped");
  private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  /** Plain words that YAML reads as something other than a string. */
  private static final Set<String> RESERVED =
      Set.of("true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL");

  private MappingYaml() {}

  static SchemaMapping read(ConfigSection root) {
    root.allowOnly(TOP);
    SchemaMapping.Builder b = SchemaMapping.builder(nonBlank(root, "name", root.string("name")));
    root.optionalSection("nodes").ifPresent(nodes -> {
      nodes.allowOnly(List.of("defaults", "labels"));
      nodes.optionalSection("defaults").ifPresent(d -> {
        d.allowOnly(RULE_KEYS);
        b.nodeDefaults(guard(d, () -> rules(d, PropertyRules.builder()).build()));
      });
      nodes.optionalSection("labels").ifPresent(labels -> {
        for (String label : labels.keys()) {
          ConfigSection s = labels.section(label);
          s.allowOnly(concat(RULE_KEYS, "target"));
          b.node(guard(s, () -> {
            NodeRule.Builder r = NodeRule.builder(label);
            s.optionalString("target").ifPresent(r::targetLabel);
            return rules(s, r).build();
          }));
        }
      });
    });
    root.optionalSection("relationships").ifPresent(rels -> {
      rels.allowOnly(List.of("defaults", "types", "weight-property"));
      rels.optionalString("weight-property").ifPresent(b::weightProperty);
      rels.optionalSection("defaults").ifPresent(d -> {
        d.allowOnly(concat(RULE_KEYS, "weight"));
        b.relationshipDefaults(guard(d, () -> rules(d, PropertyRules.builder()).build()));
        d.optionalValue("weight").ifPresent(w -> b.defaultWeight(weight(d, w)));
      });
      rels.optionalSection("types").ifPresent(types -> {
        for (String type : types.keys()) {
          ConfigSection s = types.section(type);
          s.allowOnly(concat(RULE_KEYS, "target", "weight"));
          b.relationship(guard(s, () -> {
            RelationshipRule.Builder r = RelationshipRule.builder(type);
            s.optionalString("target").ifPresent(r::targetType);
            s.optionalValue("weight").ifPresent(w -> r.weight(weight(s, w)));
            return rules(s, r).build();
          }));
        }
      });
    });
    root.optionalSection("embedding").ifPresent(e -> {
      e.allowOnly(List.of("property", "target", "dimension", "when-missing"));
      EmbeddingRule d = EmbeddingRule.engram();
      String property = e.optionalString("property").orElse(d.property());
      String target = e.optionalString("target").orElse(property);
      long dimension = e.optionalLong("dimension").orElse((long) d.dimension());
      if (dimension < 1 || dimension > Integer.MAX_VALUE) {
        throw e.error("dimension", "must be a positive integer: " + dimension);
      }
      MissingEmbedding missing = e.optionalString("when-missing")
          .map(m -> named(e, "when-missing", MissingEmbedding.class, m))
          .orElse(d.whenMissing());
      b.embedding(guard(e, () -> new EmbeddingRule(property, target, (int) dimension, missing)));
    });
    root.optionalSection("values").ifPresent(v -> {
      v.allowOnly(List.of("vectors", "lists", "temporals"));
      b.values(new ValuePolicies(policy(v, "vectors"), policy(v, "lists"), policy(v, "temporals")));
    });
    return guard(root, b::build);
  }

  private static <B extends PropertyRulesBuilder<B>> B rules(ConfigSection s, B b) {
    s.optionalSection("rename").ifPresent(r -> {
      for (String from : r.keys()) {
        b.rename(from, nonBlank(r, from, r.string(from)));
      }
    });
    s.strings("drop").forEach(b::drop);
    s.optionalSection("convert").ifPresent(c -> {
      for (String property : c.keys()) {
        b.convert(property, named(c, property, Conversion.class, c.string(property)));
      }
    });
    s.strings("require").forEach(b::require);
    s.optionalSection("derive").ifPresent(d -> {
      for (String field : d.keys()) {
        b.derive(field, derivation(d, field));
      }
    });
    s.optionalString("unmapped").ifPresent(u -> b.unmapped(named(s, "unmapped", UnmappedProperties.class, u)));
    return b;
  }

  private static Derivation derivation(ConfigSection d, String field) {
    Object v = d.value(field);
    if (!(v instanceof Map)) {
      return guardValue(d, field, () -> Derivation.constant(v));
    }
    ConfigSection s = d.section(field);
    s.allowOnly(List.of("constant", "copy"));
    if (s.has("constant") == s.has("copy")) {
      throw d.error(field, "give exactly one of 'constant: <value>' or 'copy: <property>'");
    }
    return s.has("copy")
        ? Derivation.copy(nonBlank(s, "copy", s.string("copy")))
        : guardValue(s, "constant", () -> Derivation.constant(s.value("constant")));
  }

  private static Weight weight(ConfigSection parent, Object w) {
    if (!(w instanceof Map)) {
      double value = parent.number("weight", w);
      return guardValue(parent, "weight", () -> Weight.constant(value));
    }
    ConfigSection s = parent.section("weight");
    s.allowOnly(List.of("constant", "property", "divide-by", "max"));
    if (s.has("constant")) {
      if (s.has("property") || s.has("divide-by") || s.has("max")) {
        throw parent.error("weight", "a constant weight takes no 'property', 'divide-by' or 'max'");
      }
      double value = s.number("constant", s.value("constant"));
      return guardValue(s, "constant", () -> Weight.constant(value));
    }
    String property = nonBlank(s, "property", s.string("property"));
    double divisor = s.optionalDouble("divide-by").orElse(1.0);
    double max = s.optionalDouble("max").orElse(Double.POSITIVE_INFINITY);
    return guardValue(parent, "weight", () -> Weight.scaled(property, divisor, max));
  }

  private static ValuePolicy policy(ConfigSection v, String key) {
    return v.optionalString(key).map(p -> named(v, key, ValuePolicy.class, p)).orElse(ValuePolicy.KEEP);
  }

  private static <E extends Enum<E>> E named(ConfigSection s, String key, Class<E> type, String name) {
    return YamlNames.parse(type, name).orElseThrow(() ->
        s.error(key, "unknown value '" + name + "' (allowed: " + YamlNames.all(type) + ")"));
  }

  private static String nonBlank(ConfigSection s, String key, String value) {
    if (value.isBlank()) {
      throw s.error(key, "must not be blank");
    }
    return value;
  }

  private static List<String> concat(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  /** Runs a builder step, turning its precondition failures into errors that name the section. */
  private static <T> T guard(ConfigSection s, Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigurationException(null, (s.path().isEmpty() ? "the mapping" : s.path()) + ": "
          + e.getMessage(), e);
    }
  }

  private static <T> T guardValue(ConfigSection s, String key, Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(null, s.pathOf(key) + ": " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------------------------------ writing

  static String write(SchemaMappingConfig c) {
    StringBuilder y = new StringBuilder();
    y.append("name: ").append(scalar(c.name())).append('\n');
    if (!c.nodeDefaults().isEmpty() || !c.nodeRules().isEmpty()) {
      y.append("nodes:\n");
      if (!c.nodeDefaults().isEmpty()) {
        y.append("  defaults:\n");
        rules(y, "    ", c.nodeDefaults());
      }
      if (!c.nodeRules().isEmpty()) {
        y.append("  labels:\n");
        for (NodeRule r : c.nodeRules()) {
          y.append("    ").append(scalar(r.label())).append(':');
          if (r.targetLabel().isEmpty() && r.properties().isEmpty()) {
            y.append(" {}\n");
            continue;
          }
          y.append('\n');
          r.targetLabel().ifPresent(t -> y.append("      target: ").append(scalar(t)).append('\n'));
          rules(y, "      ", r.properties());
        }
      }
    }
    boolean relDefaults = !c.relationshipDefaults().isEmpty() || c.defaultWeight().isPresent();
    boolean weightProperty = !c.weightProperty().equals(SchemaMapping.DEFAULT_WEIGHT_PROPERTY);
    if (relDefaults || weightProperty || !c.relationshipRules().isEmpty()) {
      y.append("relationships:\n");
      if (weightProperty) {
        y.append("  weight-property: ").append(scalar(c.weightProperty())).append('\n');
      }
      if (relDefaults) {
        y.append("  defaults:\n");
        c.defaultWeight().ifPresent(w -> y.append("    weight: ").append(weight(w)).append('\n'));
        rules(y, "    ", c.relationshipDefaults());
      }
      if (!c.relationshipRules().isEmpty()) {
        y.append("  types:\n");
        for (RelationshipRule r : c.relationshipRules()) {
          y.append("    ").append(scalar(r.type())).append(':');
          if (r.targetType().isEmpty() && r.properties().isEmpty() && r.weight().isEmpty()) {
            y.append(" {}\n");
            continue;
          }
          y.append('\n');
          r.targetType().ifPresent(t -> y.append("      target: ").append(scalar(t)).append('\n'));
          r.weight().ifPresent(w -> y.append("      weight: ").append(weight(w)).append('\n'));
          rules(y, "      ", r.properties());
        }
      }
    }
    c.embedding().ifPresent(e -> {
      y.append("embedding:\n");
      y.append("  property: ").append(scalar(e.property())).append('\n');
      if (!e.targetProperty().equals(e.property())) {
        y.append("  target: ").append(scalar(e.targetProperty())).append('\n');
      }
      y.append("  dimension: ").append(e.dimension()).append('\n');
      y.append("  when-missing: ").append(e.whenMissing().yamlName()).append('\n');
    });
    ValuePolicies v = c.values();
    y.append("values:\n");
    y.append("  vectors: ").append(v.vectors().yamlName()).append('\n');
    y.append("  lists: ").append(v.lists().yamlName()).append('\n');
    y.append("  temporals: ").append(v.temporals().yamlName()).append('\n');
    return y.toString();
  }

  private static void rules(StringBuilder y, String indent, PropertyRules p) {
    if (!p.renames().isEmpty()) {
      y.append(indent).append("rename:\n");
      new TreeMap<>(p.renames()).forEach((from, to) ->
          y.append(indent).append("  ").append(scalar(from)).append(": ").append(scalar(to)).append('\n'));
    }
    if (!p.drops().isEmpty()) {
      y.append(indent).append("drop: ").append(list(p.drops())).append('\n');
    }
    if (!p.conversions().isEmpty()) {
      y.append(indent).append("convert:\n");
      new TreeMap<>(p.conversions()).forEach((property, conversion) -> y.append(indent).append("  ")
          .append(scalar(property)).append(": ").append(conversion.yamlName()).append('\n'));
    }
    if (!p.required().isEmpty()) {
      y.append(indent).append("require: ").append(list(p.required())).append('\n');
    }
    if (!p.derived().isEmpty()) {
      y.append(indent).append("derive:\n");
      new TreeMap<>(p.derived()).forEach((field, d) -> y.append(indent).append("  ").append(scalar(field))
          .append(": ").append(derivation(d)).append('\n'));
    }
    p.unmapped().ifPresent(u -> y.append(indent).append("unmapped: ").append(u.yamlName()).append('\n'));
  }

  private static String derivation(Derivation d) {
    if (d instanceof Derivation.Copy copy) {
      return "{copy: " + scalar(copy.sourceProperty()) + "}";
    }
    return "{constant: " + value(((Derivation.Constant) d).value()) + "}";
  }

  private static String weight(Weight w) {
    if (w instanceof Weight.Constant c) {
      return "{constant: " + c.value() + "}";
    }
    Weight.FromProperty p = (Weight.FromProperty) w;
    StringBuilder sb = new StringBuilder("{property: ").append(scalar(p.property()));
    if (p.divisor() != 1.0) {
      sb.append(", divide-by: ").append(number(p.divisor()));
    }
    if (p.max() != Double.POSITIVE_INFINITY) {
      sb.append(", max: ").append(number(p.max()));
    }
    return sb.append('}').toString();
  }

  private static String number(double d) {
    if (d == Double.NEGATIVE_INFINITY) {
      return "-.inf";
    }
    return Double.toString(d);
  }

  private static String value(Object v) {
    if (v instanceof String s) {
      return scalar(s);
    } else if (v instanceof Long || v instanceof Boolean) {
      return v.toString();
    } else if (v instanceof Double d) {
      return number(d);
    } else if (v instanceof List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(value(list.get(i)));
      }
      return sb.append(']').toString();
    }
    throw new IllegalStateException("a derived constant of type " + v.getClass().getName()
        + " cannot be written as YAML (YAML mappings hold strings, numbers, booleans and lists)");
  }

  private static String list(Set<String> names) {
    StringBuilder sb = new StringBuilder("[");
    for (String n : new TreeSet<>(names)) {
      sb.append(sb.length() > 1 ? ", " : "").append(scalar(n));
    }
    return sb.append(']').toString();
  }

  /** A string as a YAML scalar: plain when it reads back as the same string, else double-quoted. */
  static String scalar(String s) {
    if (PLAIN_SAFE.matcher(s).matches() && !RESERVED.contains(s)) {
      return s;
    }
    // JSON's string escapes are valid in a YAML double-quoted scalar
    StringBuilder sb = new StringBuilder(s.length() + 2);
    Json.quote(sb, s);
    return sb.toString();
  }
}
