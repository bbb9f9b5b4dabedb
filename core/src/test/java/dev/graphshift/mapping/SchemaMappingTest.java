package dev.graphshift.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.ConfigurationException;
import dev.graphshift.config.ConfigSection;
import dev.graphshift.config.Yaml;
import dev.graphshift.config.YamlException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaMappingTest {

  /** A mapping that uses every declaration. */
  static SchemaMapping everything() {
    return SchemaMapping.builder("everything")
        .nodeDefaults(PropertyRules.builder().drop("internal").derive("strength", Derivation.constant(1.0))
            .derive("last_accessed", Derivation.copy("created_at")).unmapped(UnmappedProperties.KEEP).build())
        .node(NodeRule.builder("Person").targetLabel("people").rename("name", "full name").drop("password")
            .convert("age", Conversion.LONG).convert("created_at", Conversion.DATE_TIME).require("name")
            .derive("tags", Derivation.constant(List.of("a", "b"))).derive("flag", Derivation.constant(true))
            .derive("code", Derivation.constant("true")).build())
        .node(NodeRule.builder("Book:Special").unmapped(UnmappedProperties.DROP).convert("pages", Conversion.LONG)
            .derive("n", Derivation.constant(3L)).build())
        .node(NodeRule.builder("Plain").build())
        .node(NodeRule.builder("we\"ird\tla\\bel\u0001").targetLabel("# not a comment").build())
        .relationshipDefaults(PropertyRules.builder().drop("etl").build())
        .relationship(RelationshipRule.builder("READ").targetType("VIEWED").weight(Weight.scaled("duration", 300, 1))
            .convert("duration", Conversion.DOUBLE).build())
        .relationship(RelationshipRule.builder("SIMILAR_TO").weight(Weight.property("similarity")).build())
        .relationship(RelationshipRule.builder("LINKS").weight(Weight.scaled("n", 2, Double.POSITIVE_INFINITY)).build())
        .relationship(RelationshipRule.builder("KNOWS").build())
        .defaultWeight(Weight.constant(0.5))
        .weightProperty("w")
        .embedding(new EmbeddingRule("vector", "embedding", 384, MissingEmbedding.OMIT))
        .values(new ValuePolicies(ValuePolicy.DROP, ValuePolicy.KEEP, ValuePolicy.REJECT))
        .build();
  }

  @Test
  void shouldRoundTripEveryDeclarationThroughYaml() {
    // given
    SchemaMapping mapping = everything();

    // when
    String yaml = mapping.toYaml();
    SchemaMapping read = SchemaMapping.fromYaml(yaml);

    // then
    assertThat(read).isEqualTo(mapping);
    assertThat(read.config()).isEqualTo(mapping.config());
    assertThat(SchemaMapping.fromYaml(new StringReader(yaml))).isEqualTo(mapping);
    assertThat(yaml).contains("\"full name\"").contains("\"true\"").contains("\"Book:Special\"");
  }

  @Test
  void shouldRoundTripTheReadyMadeMappingsThroughYaml() {
    // expect
    assertThat(SchemaMapping.fromYaml(SchemaMapping.neo4jToEngram().toYaml())).isEqualTo(SchemaMapping.neo4jToEngram());
    assertThat(SchemaMapping.fromYaml(SchemaMapping.neo4jToNeptune().toYaml())).isEqualTo(SchemaMapping.neo4jToNeptune());
  }

  @Test
  void shouldDeclareTheEngramRulesAsUsersDescribeThem() {
    // when
    SchemaMappingConfig c = SchemaMapping.neo4jToEngram().config();

    // then
    assertThat(c.name()).isEqualTo("neo4j-to-engram");
    assertThat(c.nodeRules()).isEmpty();
    assertThat(c.nodeDefaults().derived()).containsOnly(
        java.util.Map.entry("strength", Derivation.constant(1.0)),
        java.util.Map.entry("last_accessed", Derivation.copy("created_at")));
    assertThat(c.embedding()).contains(new EmbeddingRule("embedding", "embedding", 768, MissingEmbedding.GENERATE));
    assertThat(c.relationshipRules()).containsExactly(
        RelationshipRule.builder("READ").weight(Weight.scaled("duration", 300, 1)).build(),
        RelationshipRule.builder("SIMILAR_TO").weight(Weight.property("similarity")).build());
    assertThat(c.defaultWeight()).contains(Weight.constant(0.5));
    assertThat(c.weightProperty()).isEqualTo("weight");
    assertThat(c.values()).isEqualTo(ValuePolicies.KEEP_ALL);
  }

  @Test
  void shouldStartAVariantFromAMappingAndLetEachSettingBeGivenOnceMore() {
    // when
    SchemaMapping variant = SchemaMapping.neo4jToEngram().toBuilder()
        .name("engram-people")
        .node(NodeRule.builder("Person").targetLabel("people").build())
        .embedding(new EmbeddingRule("embedding", "embedding", 768, MissingEmbedding.REJECT))
        .build();

    // then
    assertThat(variant.name()).isEqualTo("engram-people");
    assertThat(variant.nodeRule("Person").flatMap(NodeRule::targetLabel)).contains("people");
    assertThat(variant.relationshipRule("READ")).isPresent();
    assertThat(variant.relationshipRule("NOPE")).isEmpty();
    assertThat(variant.config().embedding().map(EmbeddingRule::whenMissing)).contains(MissingEmbedding.REJECT);
    assertThat(SchemaMapping.of(variant.config())).isEqualTo(variant);
    assertThatThrownBy(() -> SchemaMapping.neo4jToEngram().toBuilder().values(ValuePolicies.KEEP_ALL)
        .values(ValuePolicies.KEEP_ALL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("values was already set to ValuePolicies[");
  }

  @Test
  void shouldRejectConflictingRuleDeclarations() {
    // expect
    assertThatThrownBy(() -> NodeRule.builder("P").rename("a", "b").rename("a", "c"))
        .isInstanceOf(IllegalStateException.class).hasMessage("property 'a' is already renamed to 'b'");
    assertThatThrownBy(() -> NodeRule.builder("P").rename("a", "x").rename("b", "x"))
        .isInstanceOf(IllegalStateException.class).hasMessage("property 'a' is already renamed to 'x'");
    assertThatThrownBy(() -> NodeRule.builder("P").drop("a").rename("a", "b"))
        .isInstanceOf(IllegalStateException.class).hasMessage("property 'a' is dropped (drop(\"a\")); it cannot be renamed");
    assertThatThrownBy(() -> NodeRule.builder("P").rename("a", "b").drop("a"))
        .isInstanceOf(IllegalStateException.class).hasMessage("property 'a' is renamed to 'b'; it cannot be dropped");
    assertThatThrownBy(() -> NodeRule.builder("P").convert("a", Conversion.LONG).drop("a"))
        .isInstanceOf(IllegalStateException.class).hasMessage("property 'a' is converted (long); it cannot be dropped");
    assertThatThrownBy(() -> NodeRule.builder("P").drop("a").convert("a", Conversion.LONG))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> NodeRule.builder("P").convert("a", Conversion.LONG).convert("a", Conversion.STRING))
        .isInstanceOf(IllegalStateException.class).hasMessage("property 'a' is already converted (long)");
    assertThatThrownBy(() -> NodeRule.builder("P").derive("x", Derivation.constant(1L)).derive("x", Derivation.copy("y")))
        .isInstanceOf(IllegalStateException.class).hasMessage("field 'x' is already derived (constant(1))");
    assertThatThrownBy(() -> NodeRule.builder("P").rename("a", "x").derive("x", Derivation.copy("y")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> NodeRule.builder("P").derive("x", Derivation.copy("y")).rename("a", "x"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RelationshipRule.builder("R").weight(Weight.constant(1)).weight(Weight.constant(2)))
        .isInstanceOf(IllegalStateException.class).hasMessage("type 'R' already has the weight Constant[value=1.0]");
    assertThatThrownBy(() -> SchemaMapping.builder("m").node(NodeRule.builder("P").build()).node(NodeRule.builder("P").build()))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("label 'P' already has a rule");
    assertThatThrownBy(() -> SchemaMapping.builder("m").relationship(RelationshipRule.builder("R").build())
        .relationship(RelationshipRule.builder("R").build()))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("type 'R' already has a rule");
  }

  @Test
  void shouldRejectMappingsWhoseRulesCollideWithWhatTheMappingProduces() {
    // expect
    assertThatThrownBy(() -> SchemaMapping.builder("m").embedding(EmbeddingRule.engram())
        .node(NodeRule.builder("P").derive("embedding", Derivation.constant(1L)).build()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("'embedding' is the embedding's target property and also a derived field of the label 'P' (constant(1))");
    assertThatThrownBy(() -> SchemaMapping.builder("m").embedding(EmbeddingRule.engram())
        .nodeDefaults(PropertyRules.builder().rename("vec", "embedding").build()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("'embedding' is the embedding's target property and also the target of a rename in the node defaults");
    assertThatThrownBy(() -> SchemaMapping.builder("m").embedding(EmbeddingRule.engram())
        .node(NodeRule.builder("P").drop("embedding").build()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("'embedding' is the embedding's source property; the label 'P' cannot also rename");
    assertThatThrownBy(() -> SchemaMapping.builder("m").embedding(EmbeddingRule.engram())
        .nodeDefaults(PropertyRules.builder().derive("copy", Derivation.copy("embedding")).build()).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SchemaMapping.builder("m").defaultWeight(Weight.constant(1))
        .relationship(RelationshipRule.builder("R").derive("weight", Derivation.constant(2L)).build()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("'weight' is the weight property and also a derived field of the type 'R'");
    assertThatThrownBy(() -> SchemaMapping.builder("m")
        .nodeDefaults(PropertyRules.builder().derive("strength", Derivation.constant(1.0)).build())
        .node(NodeRule.builder("P").rename("power", "strength").build()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the label 'P' renames 'power' to 'strength', a field the node defaults derive (constant(1.0))");
    assertThatThrownBy(() -> SchemaMapping.builder("m")
        .relationshipDefaults(PropertyRules.builder().rename("a", "kind").build())
        .relationship(RelationshipRule.builder("R").derive("kind", Derivation.constant("x")).build()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the relationship defaults rename 'a' to 'kind', a field the type 'R' derives (constant(x))");
  }

  @Test
  void shouldRejectBadValuesInDeclarations() {
    // expect
    assertThatThrownBy(() -> SchemaMapping.builder(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must be a non-blank, well-formed name: ' '");
    assertThatThrownBy(() -> NodeRule.builder("P").rename("a", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NodeRule.builder("P").targetLabel("\uD800")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Derivation.constant(new Object())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a derived constant has unsupported type java.lang.Object");
    assertThatThrownBy(() -> Derivation.constant(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Weight.constant(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a weight must be finite: Infinity");
    assertThatThrownBy(() -> Weight.scaled("d", 0, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a weight divisor must be finite and not zero: 0.0");
    assertThatThrownBy(() -> Weight.scaled("d", 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EmbeddingRule("e", "e", 0, MissingEmbedding.OMIT)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimension must be at least 1: 0");
    assertThatThrownBy(() -> NodeRule.builder("P").require(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("property");
  }

  @Test
  void shouldWidenDerivedConstantsAsTheModelDoes() {
    // expect
    assertThat(Derivation.constant(1)).isEqualTo(Derivation.constant(1L));
    assertThat(((Derivation.Constant) Derivation.constant(1.5f)).value()).isEqualTo(1.5);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no name             | 'nodes: {}'                                                        | the document: the key 'name' is required
      unknown top key     | 'name: m\\nlabels: {}'                                              | labels: unknown key (allowed here: embedding, name, nodes, relationships, values)
      unknown rule key    | 'name: m\\nnodes:\\n  labels:\\n    P:\\n      renam: {a: b}'            | nodes.labels.P.renam: unknown key
      bad conversion      | 'name: m\\nnodes:\\n  labels:\\n    P:\\n      convert: {age: lng}'      | nodes.labels.P.convert.age: unknown value 'lng' (allowed: string, long, double, boolean, date-time, epoch-millis, float-vector, double-vector)
      bad policy          | 'name: m\\nvalues: {lists: maybe}'                                   | values.lists: unknown value 'maybe' (allowed: keep, drop, reject)
      bad when-missing    | 'name: m\\nembedding: {when-missing: later}'                        | embedding.when-missing: unknown value 'later' (allowed: generate, reject, omit)
      bad dimension       | 'name: m\\nembedding: {dimension: 0}'                               | embedding.dimension: must be a positive integer: 0
      dimension as text   | 'name: m\\nembedding: {dimension: big}'                             | embedding.dimension: expected an integer, found a string (big)
      weight as text      | 'name: m\\nrelationships:\\n  types:\\n    R: {weight: heavy}'         | relationships.types.R.weight: expected a number, found a string (heavy)
      zero divisor        | 'name: m\\nrelationships:\\n  types:\\n    R: {weight: {property: d, divide-by: 0}}' | relationships.types.R.weight: a weight divisor must be finite and not zero: 0.0
      weight both         | 'name: m\\nrelationships:\\n  defaults: {weight: {constant: 1, max: 2}}' | relationships.defaults.weight: a constant weight takes no
      weight no property  | 'name: m\\nrelationships:\\n  defaults: {weight: {max: 2}}'          | relationships.defaults.weight: the key 'property' is required
      derive both         | 'name: m\\nnodes:\\n  defaults: {derive: {x: {copy: a, constant: 1}}}' | nodes.defaults.derive.x: give exactly one of
      derive bad constant | 'name: m\\nnodes:\\n  defaults: {derive: {x: [[1]]}}'              | nodes.defaults.derive.x: a derived constant is a list with an element of unsupported type
      conflicting rules   | 'name: m\\nnodes:\\n  labels:\\n    P: {drop: [a], rename: {a: b}}'  | nodes.labels.P: property 'a' is renamed to 'b'; it cannot be dropped
      blank rename        | 'name: m\\nnodes:\\n  defaults: {rename: {a: \" \"}}'              | nodes.defaults.rename.a: must not be blank
      drop not a list     | 'name: m\\nnodes:\\n  defaults: {drop: {a: b}}'                     | drop: expected a list of strings, found a mapping
      embedding collision | 'name: m\\nembedding: {}\\nnodes:\\n  defaults: {derive: {embedding: 1}}' | the mapping: 'embedding' is the embedding's target property
      """)
  void shouldNameThePathOfWhatIsWrongInYaml(String what, String yaml, String message) {
    // expect
    assertThatThrownBy(() -> SchemaMapping.fromYaml(yaml.replace("\\n", "\n")))
        .as(what)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(message);
  }

  @Test
  void shouldReportYamlSyntaxErrorsWithTheLine() {
    // expect
    assertThatThrownBy(() -> SchemaMapping.fromYaml("name: m\nnodes:\n  labels: &a {}"))
        .isInstanceOf(YamlException.class)
        .hasMessage("line 3: anchors and aliases ('&', '*') are not supported");
  }

  @Test
  void shouldReadAMappingFromASectionOfALargerFile() {
    // given
    ConfigSection root = ConfigSection.root(Yaml.parseMapping("""
        source: {uri: "bolt://localhost"}
        mapping:
          name: inner
          nodes:
            labels:
              P: {target: people, drop: [x]}
        """));

    // when
    SchemaMapping mapping = SchemaMapping.fromConfig(root.section("mapping"));

    // then
    assertThat(mapping).isEqualTo(SchemaMapping.builder("inner")
        .node(NodeRule.builder("P").targetLabel("people").drop("x").build()).build());
    assertThatThrownBy(() -> SchemaMapping.fromConfig(ConfigSection.root(Yaml.parseMapping(
        "mapping:\n  name: m\n  nodes: {labels: {P: {drop: 3}}}")).section("mapping")))
        .hasMessage("mapping.nodes.labels.P.drop: expected a list of strings, found a integer");
  }

  @Test
  void shouldDefaultEmbeddingSettingsInYamlToEngrams() {
    // when
    SchemaMapping m = SchemaMapping.fromYaml("name: m\nembedding: {}\n");

    // then
    assertThat(m.config().embedding()).isEqualTo(Optional.of(EmbeddingRule.engram()));
  }
}
