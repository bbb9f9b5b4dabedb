package dev.graphshift.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.Checked;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaMapperTest {

  static SchemaMapper mapper(SchemaMapping mapping) {
    return SchemaMapper.builder(mapping).build();
  }

  static Node node(String id, String label, Map<String, ?> properties) {
    return Node.of(id, label, properties);
  }

  static Node mapOne(SchemaMapper mapper, Node node) {
    Checked<Node> out = mapper.mapNodes(List.of(node));
    assertThat(out.rejected()).as("rejections").isEmpty();
    return out.accepted().get(0);
  }

  static Rejected rejectOne(SchemaMapper mapper, Node node) {
    Checked<Node> out = mapper.mapNodes(List.of(node));
    assertThat(out.accepted()).as("accepted").isEmpty();
    assertThat(out.rejected()).hasSize(1);
    Rejected r = out.rejected().get(0);
    assertThat(r.record()).isSameAs(node);
    return r;
  }

  static Rejected rejectOne(SchemaMapper mapper, Relationship rel) {
    Checked<Relationship> out = mapper.mapRelationships(List.of(rel));
    assertThat(out.accepted()).as("accepted").isEmpty();
    assertThat(out.rejected()).hasSize(1);
    assertThat(out.rejected().get(0).record()).isSameAs(rel);
    return out.rejected().get(0);
  }

  @Nested
  class Labels {

    @Test
    void shouldMapALabelToItsTargetAndKeepLabelsWithoutARule() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .node(NodeRule.builder("Person").targetLabel("people").build())
          .build());

      // when
      Node person = mapOne(mapper, node("p1", "Person", Map.of("name", "Ada")));
      Node city = mapOne(mapper, node("c1", "City", Map.of("name", "Paris")));

      // then
      assertThat(person).isEqualTo(new Node("p1", Set.of("people"), Map.of("name", "Ada")));
      assertThat(city.labels()).containsExactly("City");
      assertThat(mapper.label("Person")).contains("people");
      assertThat(mapper.label("City")).contains("City");
    }

    @Test
    void shouldMergeTheRulesOfSeveralLabelsInDeclarationOrder() {
      // given: Person is declared first, so its rule decides 'name'; both requirements apply
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .node(NodeRule.builder("Person").targetLabel("people").rename("name", "full_name").require("name").build())
          .node(NodeRule.builder("Employee").targetLabel("staff").drop("name").drop("salary").require("badge").build())
          .build());
      Node both = new Node("e1", Set.of("Employee", "Person"),
          Map.of("name", "Ada", "salary", 10L, "badge", "b-7", "team", "core"));

      // when
      Node mapped = mapOne(mapper, both);
      Rejected missingBadge = rejectOne(mapper,
          new Node("e2", Set.of("Person", "Employee"), Map.of("name", "Bob")));

      // then
      assertThat(mapped).isEqualTo(new Node("e1", Set.of("people", "staff"),
          Map.of("full_name", "Ada", "badge", "b-7", "team", "core")));
      assertThat(missingBadge.rule()).isEqualTo(Rules.REQUIRED_PROPERTY);
      assertThat(missingBadge.message()).isEqualTo("labels [Employee, Person]: the required property 'badge' is absent");
    }

    @Test
    void shouldMapNodesWithoutLabelsByTheDefaults() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .nodeDefaults(PropertyRules.builder().drop("secret").build())
          .build());

      // when
      Node mapped = mapOne(mapper, new Node("x", Set.of(), Map.of("secret", "s", "a", 1L)));

      // then
      assertThat(mapped).isEqualTo(new Node("x", Set.of(), Map.of("a", 1L)));
    }

    @Test
    void shouldKeepMappingCorrectlyPastThePlanCacheBound() {
      // given: more distinct labels than the mapper caches plans for
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .nodeDefaults(PropertyRules.builder().rename("a", "b").build())
          .build());
      List<Node> nodes = new ArrayList<>();
      for (int i = 0; i < SchemaMapper.MAX_CACHED_PLANS + 10; i++) {
        nodes.add(node("n" + i, "L" + i, Map.of("a", (long) i)));
      }

      // when
      Checked<Node> out = mapper.mapNodes(nodes);

      // then
      assertThat(out.rejected()).isEmpty();
      Node last = out.accepted().get(out.accepted().size() - 1);
      assertThat(last).isEqualTo(node("n" + (nodes.size() - 1), "L" + (nodes.size() - 1),
          Map.of("b", (long) nodes.size() - 1)));
    }
  }

  @Nested
  class Properties {

    @Test
    void shouldRenameDropAndKeepTheRest() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .node(NodeRule.builder("Person").rename("name", "full_name").drop("password").build())
          .build());

      // when
      Node mapped = mapOne(mapper, node("p", "Person", Map.of("name", "Ada", "password", "x", "age", 36L)));

      // then
      assertThat(mapped.properties()).isEqualTo(Map.of("full_name", "Ada", "age", 36L));
    }

    @Test
    void shouldDropUnmappedPropertiesWhenTold() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .node(NodeRule.builder("Book").unmapped(UnmappedProperties.DROP).rename("title", "name")
              .convert("pages", Conversion.LONG).build())
          .build());

      // when
      Node mapped = mapOne(mapper, node("b", "Book", Map.of("title", "Dune", "pages", "412", "isbn", "x")));

      // then
      assertThat(mapped.properties()).isEqualTo(Map.of("name", "Dune", "pages", 412L));
    }

    @Test
    void shouldInheritUnmappedFromTheDefaultsUnlessTheRuleSaysOtherwise() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .nodeDefaults(PropertyRules.builder().unmapped(UnmappedProperties.DROP).build())
          .node(NodeRule.builder("Open").unmapped(UnmappedProperties.KEEP).build())
          .build());

      // expect
      assertThat(mapOne(mapper, node("a", "Closed", Map.of("x", 1L))).properties()).isEmpty();
      assertThat(mapOne(mapper, node("b", "Open", Map.of("x", 1L))).properties()).isEqualTo(Map.of("x", 1L));
    }

    @Test
    void shouldConvertThenRename() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .node(NodeRule.builder("T").convert("n", Conversion.DOUBLE).rename("n", "score").build())
          .build());

      // expect
      assertThat(mapOne(mapper, node("t", "T", Map.of("n", 3L))).properties()).isEqualTo(Map.of("score", 3.0));
    }

    @Test
    void shouldRejectANodeWithoutARequiredProperty() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .node(NodeRule.builder("Person").require("name").build())
          .build());

      // when
      Rejected r = rejectOne(mapper, node("p", "Person", Map.of("age", 3L)));

      // then
      assertThat(r.rule()).isEqualTo(Rules.REQUIRED_PROPERTY);
      assertThat(r.message()).isEqualTo("label 'Person': the required property 'name' is absent");
    }

    @Test
    void shouldRejectARenameIntoANameAnotherPropertyHolds() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .node(NodeRule.builder("Person").rename("name", "full_name").build())
          .build());

      // when
      Rejected r = rejectOne(mapper, node("p", "Person", Map.of("name", "Ada", "full_name", "Ada L.")));
      Node fine = mapOne(mapper, node("q", "Person", Map.of("name", "Bob")));

      // then
      assertThat(r.rule()).isEqualTo(Rules.PROPERTY_CONFLICT);
      assertThat(r.message()).isEqualTo("label 'Person': property 'name' is renamed to 'full_name', but property "
          + "'full_name' of the same record is carried over under that name");
      assertThat(fine.properties()).isEqualTo(Map.of("full_name", "Bob"));
    }

    @Test
    void shouldRejectTwoPropertiesRenamedToOneNameByTheRulesOfTwoLabels() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .node(NodeRule.builder("A").rename("a", "x").build())
          .node(NodeRule.builder("B").rename("b", "x").build())
          .build());

      // when
      Rejected r = rejectOne(mapper, new Node("n", Set.of("A", "B"), Map.of("a", 1L, "b", 2L)));

      // then
      assertThat(r.rule()).isEqualTo(Rules.PROPERTY_CONFLICT);
    }

    @Test
    void shouldRejectARenameIntoAFieldAnotherLabelDerives() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .node(NodeRule.builder("A").rename("a", "x").build())
          .node(NodeRule.builder("B").derive("x", Derivation.constant(1L)).build())
          .build());

      // when
      Rejected r = rejectOne(mapper, new Node("n", Set.of("A", "B"), Map.of("a", 1L)));

      // then
      assertThat(r.rule()).isEqualTo(Rules.PROPERTY_CONFLICT);
      assertThat(r.message()).isEqualTo("labels [A, B]: property 'a' is renamed to 'x', a field the mapping 'm' derives");
    }

    @Test
    void shouldAllowRenamesThatSwapNames() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .node(NodeRule.builder("S").rename("a", "b").rename("b", "a").build())
          .build());

      // expect
      assertThat(mapOne(mapper, node("s", "S", Map.of("a", 1L, "b", 2L))).properties())
          .isEqualTo(Map.of("a", 2L, "b", 1L));
    }
  }

  @Nested
  class Conversions {

    static List<Arguments> accepted() {
      OffsetDateTime odt = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2));
      ZonedDateTime zdt = ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneId.of("Europe/Paris"));
      return List.of(
          Arguments.of(Conversion.STRING, "s", "s"),
          Arguments.of(Conversion.STRING, 42L, "42"),
          Arguments.of(Conversion.STRING, 2.5, "2.5"),
          Arguments.of(Conversion.STRING, true, "true"),
          Arguments.of(Conversion.STRING, LocalDate.of(2024, 1, 2), "2024-01-02"),
          Arguments.of(Conversion.STRING, odt, "2024-01-02T03:04:05+02:00"),
          Arguments.of(Conversion.LONG, 7L, 7L),
          Arguments.of(Conversion.LONG, 7.0, 7L),
          Arguments.of(Conversion.LONG, " -12 ", -12L),
          Arguments.of(Conversion.DOUBLE, 2.5, 2.5),
          Arguments.of(Conversion.DOUBLE, 3L, 3.0),
          Arguments.of(Conversion.DOUBLE, "1e3", 1000.0),
          Arguments.of(Conversion.BOOLEAN, false, false),
          Arguments.of(Conversion.BOOLEAN, "TRUE", true),
          Arguments.of(Conversion.BOOLEAN, "false", false),
          Arguments.of(Conversion.DATE_TIME, odt, odt),
          Arguments.of(Conversion.DATE_TIME, zdt, zdt.toOffsetDateTime()),
          Arguments.of(Conversion.DATE_TIME, 0L, OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
          Arguments.of(Conversion.DATE_TIME, "2024-01-02T03:04:05+02:00", odt),
          Arguments.of(Conversion.EPOCH_MILLIS, odt, odt.toInstant().toEpochMilli()),
          Arguments.of(Conversion.EPOCH_MILLIS, zdt, zdt.toInstant().toEpochMilli()),
          Arguments.of(Conversion.EPOCH_MILLIS, 5L, 5L),
          Arguments.of(Conversion.FLOAT_VECTOR, new double[] {1, 2}, new float[] {1, 2}),
          Arguments.of(Conversion.FLOAT_VECTOR, List.of(1.5, 2L), new float[] {1.5f, 2}),
          Arguments.of(Conversion.DOUBLE_VECTOR, new float[] {1, 2}, new double[] {1, 2}),
          Arguments.of(Conversion.DOUBLE_VECTOR, List.of(1.5, 2L), new double[] {1.5, 2}),
          Arguments.of(Conversion.DOUBLE_VECTOR, new double[] {3}, new double[] {3}));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("accepted")
    void shouldConvertEveryAcceptedKind(Conversion conversion, Object value, Object expected) {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .node(NodeRule.builder("T").convert("v", conversion).build())
          .build());

      // when
      Node mapped = mapOne(mapper, node("t", "T", Map.of("v", value)));

      // then
      assertThat(dev.graphshift.PropertyValues.valueEquals(mapped.properties().get("v"), expected))
          .as("%s became %s", value, dev.graphshift.PropertyValues.valueToString(mapped.properties().get("v")))
          .isTrue();
    }

    static List<Arguments> rejected() {
      return List.of(
          Arguments.of(Conversion.STRING, List.of("a"), Rules.CONVERSION, "only scalars and temporals"),
          Arguments.of(Conversion.LONG, 2.5, Rules.CONVERSION, "has a fraction or is out of range"),
          Arguments.of(Conversion.LONG, 1e300, Rules.CONVERSION, "has a fraction or is out of range"),
          Arguments.of(Conversion.LONG, "abc", Rules.CONVERSION, "property 'v' (String 'abc') cannot be converted to long: it is not a decimal integer"),
          Arguments.of(Conversion.LONG, true, Rules.CONVERSION, "only numbers"),
          Arguments.of(Conversion.DOUBLE, "x", Rules.CONVERSION, "it is not a number"),
          Arguments.of(Conversion.DOUBLE, "NaN", Rules.VALUE_NOT_FINITE, "converts to NaN, which is not finite"),
          Arguments.of(Conversion.DOUBLE, Double.POSITIVE_INFINITY, Rules.VALUE_NOT_FINITE, "not finite"),
          Arguments.of(Conversion.DOUBLE, true, Rules.CONVERSION, "only numbers"),
          Arguments.of(Conversion.BOOLEAN, "yes", Rules.CONVERSION, "only booleans"),
          Arguments.of(Conversion.BOOLEAN, 1L, Rules.CONVERSION, "only booleans"),
          Arguments.of(Conversion.DATE_TIME, LocalDateTime.of(2024, 1, 1, 0, 0), Rules.CONVERSION, "with an offset"),
          Arguments.of(Conversion.DATE_TIME, "2024-01-01", Rules.CONVERSION, "could not be parsed"),
          Arguments.of(Conversion.EPOCH_MILLIS, "2024", Rules.CONVERSION, "only date-times"),
          Arguments.of(Conversion.EPOCH_MILLIS, OffsetDateTime.MAX, Rules.CONVERSION, "out of the range"),
          Arguments.of(Conversion.FLOAT_VECTOR, "v", Rules.CONVERSION, "is not a vector"),
          Arguments.of(Conversion.FLOAT_VECTOR, List.of("a"), Rules.CONVERSION, "element 0 (String 'a') is not a number"),
          Arguments.of(Conversion.FLOAT_VECTOR, new double[] {1e300}, Rules.VALUE_NOT_FINITE, "element 1.0E300 at index 0, which is not a finite float"),
          Arguments.of(Conversion.FLOAT_VECTOR, new float[] {1, Float.NaN}, Rules.VALUE_NOT_FINITE, "at index 1"),
          Arguments.of(Conversion.DOUBLE_VECTOR, new double[] {Double.NaN}, Rules.VALUE_NOT_FINITE, "not a finite double"),
          Arguments.of(Conversion.DOUBLE_VECTOR, List.of(true), Rules.CONVERSION, "is not a number"),
          Arguments.of(Conversion.DOUBLE_VECTOR, 3L, Rules.CONVERSION, "is not a vector"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rejected")
    void shouldRejectWhatCannotBeConverted(Conversion conversion, Object value, String rule, String message) {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .node(NodeRule.builder("T").convert("v", conversion).build())
          .build());

      // when
      Rejected r = rejectOne(mapper, node("t", "T", Map.of("v", value)));

      // then
      assertThat(r.rule()).isEqualTo(rule);
      assertThat(r.message()).startsWith("label 'T': ").contains(message);
    }
  }

  @Nested
  class Derived {

    @Test
    void shouldAddConstantsAndCopiesReplacingPropertiesOfTheSameName() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .nodeDefaults(PropertyRules.builder()
              .derive("strength", Derivation.constant(1.0))
              .derive("last_accessed", Derivation.copy("created_at"))
              .build())
          .node(NodeRule.builder("Doc").convert("created_at", Conversion.DATE_TIME).build())
          .build());
      OffsetDateTime t = OffsetDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneOffset.UTC);

      // when
      Node mapped = mapOne(mapper, node("d", "Doc",
          Map.of("created_at", t.toInstant().toEpochMilli(), "strength", 0.2, "last_accessed", "old")));

      // then: the copy takes the converted value
      assertThat(mapped.properties()).isEqualTo(Map.of("created_at", t, "strength", 1.0, "last_accessed", t));
    }

    @Test
    void shouldLeaveACopyAbsentWhenItsSourceIsAbsentAndCopyADroppedSource() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .nodeDefaults(PropertyRules.builder().drop("ts").derive("when", Derivation.copy("ts")).build())
          .build());

      // expect
      assertThat(mapOne(mapper, node("a", "X", Map.of("y", 1L))).properties()).isEqualTo(Map.of("y", 1L));
      assertThat(mapOne(mapper, node("b", "X", Map.of("ts", 5L))).properties()).isEqualTo(Map.of("when", 5L));
    }

    @Test
    void shouldLetALabelRuleOverrideADefaultDerivation() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .nodeDefaults(PropertyRules.builder().derive("kind", Derivation.constant("thing")).build())
          .node(NodeRule.builder("Book").derive("kind", Derivation.constant("book")).build())
          .build());

      // expect
      assertThat(mapOne(mapper, node("b", "Book", Map.of())).properties()).isEqualTo(Map.of("kind", "book"));
      assertThat(mapOne(mapper, node("c", "Cup", Map.of())).properties()).isEqualTo(Map.of("kind", "thing"));
    }
  }

  @Nested
  class ValuePolicyRules {
    private final Map<String, Object> values = Map.of(
        "v", new float[] {1, 2}, "l", List.of("a"), "t", LocalDate.of(2024, 1, 1), "s", "text");

    private SchemaMapper with(ValuePolicies policies) {
      return mapper(SchemaMapping.builder("m").values(policies).build());
    }

    @Test
    void shouldKeepEverythingAndReturnTheSameInstanceByDefault() {
      // given
      Node n = node("n", "X", values);

      // expect
      assertThat(mapOne(with(ValuePolicies.KEEP_ALL), n)).isSameAs(n);
    }

    @Test
    void shouldDropEachKindWhenTold() {
      // expect
      assertThat(mapOne(with(new ValuePolicies(ValuePolicy.DROP, ValuePolicy.KEEP, ValuePolicy.KEEP)),
          node("n", "X", values)).properties()).containsOnlyKeys("l", "t", "s");
      assertThat(mapOne(with(new ValuePolicies(ValuePolicy.KEEP, ValuePolicy.DROP, ValuePolicy.KEEP)),
          node("n", "X", values)).properties()).containsOnlyKeys("v", "t", "s");
      assertThat(mapOne(with(new ValuePolicies(ValuePolicy.KEEP, ValuePolicy.KEEP, ValuePolicy.DROP)),
          node("n", "X", values)).properties()).containsOnlyKeys("v", "l", "s");
    }

    @Test
    void shouldRejectEachKindWhenTold() {
      // when
      Rejected vector = rejectOne(with(new ValuePolicies(ValuePolicy.REJECT, ValuePolicy.KEEP, ValuePolicy.KEEP)),
          node("n", "X", values));
      Rejected list = rejectOne(with(new ValuePolicies(ValuePolicy.KEEP, ValuePolicy.REJECT, ValuePolicy.KEEP)),
          node("n", "X", values));
      Rejected temporal = rejectOne(with(new ValuePolicies(ValuePolicy.KEEP, ValuePolicy.KEEP, ValuePolicy.REJECT)),
          node("n", "X", values));

      // then
      assertThat(List.of(vector.rule(), list.rule(), temporal.rule())).containsOnly(Rules.VALUE_FORBIDDEN);
      assertThat(vector.message()).isEqualTo("label 'X': property 'v' (float[2]) is of a kind the mapping "
          + "'m' rejects (values.vectors: reject)");
      assertThat(list.message()).contains("property 'l'").contains("values.lists: reject");
      assertThat(temporal.message()).contains("property 't'").contains("values.temporals: reject");
    }

    @Test
    void shouldApplyPoliciesToRenamedAndConvertedProperties() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .values(new ValuePolicies(ValuePolicy.REJECT, ValuePolicy.DROP, ValuePolicy.KEEP))
          .node(NodeRule.builder("X").rename("l", "list").convert("d", Conversion.FLOAT_VECTOR).build())
          .build());

      // expect
      assertThat(mapOne(mapper, node("a", "X", Map.of("l", List.of(1L), "s", "x"))).properties())
          .isEqualTo(Map.of("s", "x"));
      assertThat(rejectOne(mapper, node("b", "X", Map.of("d", List.of(1.0)))).rule()).isEqualTo(Rules.VALUE_FORBIDDEN);
    }
  }

  @Nested
  class Relationships {

    @Test
    void shouldMapTypesAndRelationshipPropertiesAndKeepIdsAndEndpoints() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .relationship(RelationshipRule.builder("READ").targetType("VIEWED").rename("at", "viewed_at").build())
          .relationshipDefaults(PropertyRules.builder().drop("etl").build())
          .build());

      // when
      Checked<Relationship> out = mapper.mapRelationships(List.of(
          Relationship.of("r1", "READ", "a", "b", Map.of("at", 5L, "etl", "x")),
          Relationship.of("r2", "KNOWS", "a", "c", Map.of("etl", "x", "since", 2020L))));

      // then
      assertThat(out.accepted()).containsExactly(
          Relationship.of("r1", "VIEWED", "a", "b", Map.of("viewed_at", 5L)),
          Relationship.of("r2", "KNOWS", "a", "c", Map.of("since", 2020L)));
      assertThat(mapper.relationshipType("READ")).contains("VIEWED");
      assertThat(mapper.relationshipType("KNOWS")).contains("KNOWS");
      assertThat(mapper.nodeId("a")).isEqualTo("a");
      assertThat(mapper.relationshipId("r1")).isEqualTo("r1");
    }

    @Test
    void shouldComputeWeightsPerTypeAndReplaceAnExistingWeight() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .relationship(RelationshipRule.builder("R").weight(Weight.scaled("d", 10, 2)).build())
          .relationship(RelationshipRule.builder("S").weight(Weight.property("s")).build())
          .defaultWeight(Weight.constant(0.25))
          .weightProperty("w")
          .build());

      // when
      List<Relationship> out = mapper.mapRelationships(List.of(
          Relationship.of("1", "R", "a", "b", Map.of("d", 5L)),
          Relationship.of("2", "R", "a", "b", Map.of("d", 50.0)),
          Relationship.of("3", "S", "a", "b", Map.of("s", 0.9, "w", 7L)),
          Relationship.of("4", "T", "a", "b", Map.of()))).accepted();

      // then
      assertThat(out).extracting(r -> r.properties().get("w")).containsExactly(0.5, 2.0, 0.9, 0.25);
      assertThat(out.get(2).properties()).isEqualTo(Map.of("s", 0.9, "w", 0.9));
    }

    @Test
    void shouldLeaveRelationshipsWithoutAWeightWhenTheMappingHasNone() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m").build());
      Relationship r = Relationship.of("1", "T", "a", "b", Map.of("x", 1L));

      // expect
      assertThat(mapper.mapRelationships(List.of(r)).accepted().get(0)).isSameAs(r);
    }

    @Test
    void shouldRejectARelationshipWhoseWeightCannotBeComputed() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .relationship(RelationshipRule.builder("R").weight(Weight.scaled("d", 300, 1)).build())
          .build());

      // when
      Rejected missing = rejectOne(mapper, Relationship.of("1", "R", "a", "b", Map.of()));
      Rejected text = rejectOne(mapper, Relationship.of("2", "R", "a", "b", Map.of("d", "12")));
      Rejected nan = rejectOne(mapper, Relationship.of("3", "R", "a", "b", Map.of("d", Double.NaN)));

      // then
      assertThat(missing.rule()).isEqualTo(Rules.REQUIRED_PROPERTY);
      assertThat(missing.message()).isEqualTo("type 'R': the weight needs the property 'd', which is absent");
      assertThat(text.rule()).isEqualTo(Rules.CONVERSION);
      assertThat(text.message()).isEqualTo("type 'R': the weight needs the property 'd' to be a number, but it is a String '12'");
      assertThat(nan.rule()).isEqualTo(Rules.VALUE_NOT_FINITE);
      assertThat(nan.message()).isEqualTo("type 'R': the weight computed from 'd' (NaN) is NaN, which is not finite");
    }

    @Test
    void shouldRejectARelationshipWithoutARequiredPropertyOrWithAnUnconvertibleOne() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .relationship(RelationshipRule.builder("R").require("since").convert("since", Conversion.LONG).build())
          .build());

      // expect
      assertThat(rejectOne(mapper, Relationship.of("1", "R", "a", "b", Map.of())).rule())
          .isEqualTo(Rules.REQUIRED_PROPERTY);
      assertThat(rejectOne(mapper, Relationship.of("2", "R", "a", "b", Map.of("since", "soon"))).rule())
          .isEqualTo(Rules.CONVERSION);
    }
  }

  @Nested
  class Embeddings {
    private final SchemaMapping copyOnly = SchemaMapping.builder("m")
        .embedding(new EmbeddingRule("embedding", "embedding", 4, MissingEmbedding.REJECT))
        .build();

    @Test
    void shouldCarryAFloatVectorOverWithoutCopyingIt() {
      // given
      float[] v = {0.1f, 0.2f, 0.3f, 0.4f};

      // when
      Node mapped = mapOne(mapper(copyOnly), node("n", "X", Map.of("embedding", v, "a", 1L)));

      // then
      assertThat(mapped.properties().get("embedding")).isSameAs(v);
      assertThat(mapped.properties().get("a")).isEqualTo(1L);
    }

    @Test
    void shouldConvertDoubleVectorsAndListsToFloats() {
      // expect
      assertThat((float[]) mapOne(mapper(copyOnly), node("n", "X", Map.of("embedding", new double[] {1, 2, 3, 4})))
          .properties().get("embedding")).containsExactly(1, 2, 3, 4);
      assertThat((float[]) mapOne(mapper(copyOnly), node("n", "X", Map.of("embedding", List.of(1.0, 2.0, 3L, 4.5))))
          .properties().get("embedding")).containsExactly(1, 2, 3, 4.5f);
    }

    @Test
    void shouldMoveTheEmbeddingFromItsSourceToItsTargetProperty() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .embedding(new EmbeddingRule("vector", "embedding", 2, MissingEmbedding.OMIT))
          .build());

      // when
      Node mapped = mapOne(mapper, node("n", "X", Map.of("vector", new float[] {1, 2}, "embedding", "stale")));
      Node without = mapOne(mapper, node("m", "X", Map.of("a", 1L)));

      // then
      assertThat(mapped.properties()).containsOnlyKeys("embedding");
      assertThat((float[]) mapped.properties().get("embedding")).containsExactly(1, 2);
      assertThat(without.properties()).isEqualTo(Map.of("a", 1L));
    }

    @Test
    void shouldRejectEmbeddingsOfTheWrongDimensionNotFiniteOrNotVectors() {
      // given
      SchemaMapper mapper = mapper(copyOnly);

      // when
      Rejected dimension = rejectOne(mapper, node("a", "X", Map.of("embedding", new float[3])));
      Rejected nan = rejectOne(mapper, node("b", "X", Map.of("embedding", new float[] {0, Float.NaN, 0, 0})));
      Rejected inf = rejectOne(mapper, node("c", "X", Map.of("embedding", List.of(0.0, 0.0, Double.POSITIVE_INFINITY, 0.0))));
      Rejected text = rejectOne(mapper, node("d", "X", Map.of("embedding", "[1,2,3,4]")));
      Rejected missing = rejectOne(mapper, node("e", "X", Map.of()));

      // then
      assertThat(dimension.rule()).isEqualTo(Rules.EMBEDDING_DIMENSION);
      assertThat(dimension.message()).isEqualTo("label 'X': property 'embedding' has 3 dimensions, expected 4");
      assertThat(nan.rule()).isEqualTo(Rules.VALUE_NOT_FINITE);
      assertThat(nan.message()).isEqualTo("label 'X': property 'embedding' has the element NaN at index 1, which is not a finite float");
      assertThat(inf.rule()).isEqualTo(Rules.VALUE_NOT_FINITE);
      assertThat(text.rule()).isEqualTo(Rules.CONVERSION);
      assertThat(missing.rule()).isEqualTo(Rules.REQUIRED_PROPERTY);
      assertThat(missing.message()).isEqualTo("label 'X': the embedding property 'embedding' is absent");
    }
  }

  @Nested
  class Generation {
    private final SchemaMapping generating = SchemaMapping.builder("gen")
        .embedding(new EmbeddingRule("embedding", "embedding", 8, MissingEmbedding.GENERATE))
        .build();

    @Test
    void shouldGenerateMissingEmbeddingsFromTheContentInChunks() {
      // given
      ScriptedEmbedder embedder = new ScriptedEmbedder(8);
      SchemaMapper mapper = SchemaMapper.builder(generating).embedder(embedder).embeddingBatchSize(2).build();
      List<Node> nodes = List.of(
          node("a", "X", Map.of("t", "one")),
          node("b", "X", Map.of("t", "two", "embedding", new float[8])),
          node("c", "X", Map.of("t", "three")),
          node("d", "X", Map.of("t", "four")));

      // when
      Checked<Node> out = mapper.mapNodes(nodes);

      // then
      assertThat(out.rejected()).isEmpty();
      assertThat(out.accepted()).extracting(Node::id).containsExactly("a", "b", "c", "d");
      assertThat(embedder.calls).containsExactly(
          List.of("{\"labels\":[\"X\"],\"properties\":{\"t\":\"one\"}}",
              "{\"labels\":[\"X\"],\"properties\":{\"t\":\"three\"}}"),
          List.of("{\"labels\":[\"X\"],\"properties\":{\"t\":\"four\"}}"));
      Node a = out.accepted().get(0);
      assertThat((float[]) a.properties().get("embedding"))
          .containsExactly(ScriptedEmbedder.vector(EngramModel.content(a.withProperties(Map.of("t", "one"))), 8));
      assertThat(mapper.metrics().embeddingsGenerated()).isEqualTo(3);
    }

    @Test
    void shouldRejectTheNodesOfAChunkWhenTheEmbedderThrowsAndGoOn() {
      // given
      ScriptedEmbedder embedder = new ScriptedEmbedder(8);
      embedder.failOnCall = 1;
      RecordingListener listener = new RecordingListener();
      SchemaMapper mapper = SchemaMapper.builder(generating).embedder(embedder).embeddingBatchSize(2)
          .listener(listener).clock(java.time.Clock.fixed(java.time.Instant.EPOCH, ZoneOffset.UTC)).build();
      List<Node> nodes = List.of(node("a", "X", Map.of("t", 1L)), node("b", "X", Map.of("t", 2L)),
          node("c", "X", Map.of("t", 3L)));

      // when
      Checked<Node> out = mapper.mapNodes(nodes);

      // then
      assertThat(out.accepted()).extracting(Node::id).containsExactly("c");
      assertThat(out.rejected()).extracting(Rejected::recordId).containsExactly("a", "b");
      assertThat(out.rejected()).allSatisfy(r -> {
        assertThat(r.rule()).isEqualTo(Rules.EMBEDDING_FAILED);
        assertThat(r.message()).isEqualTo("label 'X': the embedder 'scripted' threw java.lang.IllegalStateException: "
            + "model unavailable (a batch of 2 nodes)");
      });
      assertThat(listener.events).containsExactly(new EmbedderFailedEvent("gen", java.time.Instant.EPOCH, "scripted",
          List.of("a", "b"), "threw java.lang.IllegalStateException: model unavailable"));
      assertThat(mapper.metrics()).isEqualTo(new SchemaMapperMetrics("gen", 1, 2, 0, 0, 1, 1, 0));
    }

    @Test
    void shouldRejectEveryNodeOfAChunkWhenTheEmbedderAnswersWithTheWrongNumberOfVectors() {
      // given
      ScriptedEmbedder embedder = new ScriptedEmbedder(8);
      embedder.dropLast = true;
      SchemaMapper mapper = SchemaMapper.builder(generating).embedder(embedder).build();

      // when
      Checked<Node> out = mapper.mapNodes(List.of(node("a", "X", Map.of()), node("b", "X", Map.of("k", 1L))));

      // then
      assertThat(out.accepted()).isEmpty();
      assertThat(out.rejected()).extracting(Rejected::rule).containsOnly(Rules.EMBEDDING_FAILED);
      assertThat(out.rejected().get(0).message())
          .isEqualTo("label 'X': the embedder 'scripted' returned 1 vectors for 2 texts (a batch of 2 nodes)");
      assertThat(mapper.metrics().embedderFailures()).isEqualTo(1);
    }

    @Test
    void shouldRejectOneNodeWhoseGeneratedVectorIsMissingMalformedOrNotFinite() {
      // given
      ScriptedEmbedder embedder = new ScriptedEmbedder(8);
      embedder.override.put("{\"labels\":[\"X\"],\"properties\":{\"k\":\"null\"}}", null);
      embedder.override.put("{\"labels\":[\"X\"],\"properties\":{\"k\":\"short\"}}", new float[7]);
      float[] nan = new float[8];
      nan[5] = Float.NaN;
      embedder.override.put("{\"labels\":[\"X\"],\"properties\":{\"k\":\"nan\"}}", nan);
      SchemaMapper mapper = SchemaMapper.builder(generating).embedder(embedder).build();

      // when
      Checked<Node> out = mapper.mapNodes(List.of(node("1", "X", Map.of("k", "null")),
          node("2", "X", Map.of("k", "short")), node("3", "X", Map.of("k", "nan")), node("4", "X", Map.of("k", "ok"))));

      // then
      assertThat(out.accepted()).extracting(Node::id).containsExactly("4");
      assertThat(out.rejected()).extracting(Rejected::rule)
          .containsExactly(Rules.EMBEDDING_FAILED, Rules.EMBEDDING_DIMENSION, Rules.VALUE_NOT_FINITE);
      assertThat(out.rejected().get(0).message()).isEqualTo("label 'X': the embedder 'scripted' returned no vector for this node");
      assertThat(out.rejected().get(1).message())
          .isEqualTo("label 'X', embedder 'scripted': property 'embedding' has 7 dimensions, expected 8");
    }

    @Test
    void shouldCountAListenerThatThrowsAndStillRejectTheNodes() {
      // given
      ScriptedEmbedder embedder = new ScriptedEmbedder(8);
      embedder.failOnCall = 1;
      SchemaMapper mapper = SchemaMapper.builder(generating).embedder(embedder)
          .listener(new SchemaMapperListener() {
            @Override
            public void onEmbedderFailed(EmbedderFailedEvent event) {
              throw new IllegalStateException("listener bug");
            }
          })
          .build();

      // when
      Checked<Node> out = mapper.mapNodes(List.of(node("a", "X", Map.of())));

      // then
      assertThat(out.rejected()).hasSize(1);
      assertThat(mapper.metrics().listenerFailures()).isEqualTo(1);
    }

    @Test
    void shouldRefuseToBuildWithoutAnEmbedderOrWithOneOfAnotherDimension() {
      // expect
      assertThatThrownBy(() -> SchemaMapper.builder(generating).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("the mapping 'gen' generates missing embeddings");
      assertThatThrownBy(() -> SchemaMapper.builder(generating).embedder(new ScriptedEmbedder(3)).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the embedder 'scripted' gives 3 dimensions but the mapping 'gen' expects 8");
      assertThatThrownBy(() -> SchemaMapper.builder(generating).embedder(new ScriptedEmbedder(8))
          .embedder(new ScriptedEmbedder(8)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the embedder is already set to scripted");
      assertThatThrownBy(() -> SchemaMapper.builder(generating).embeddingBatchSize(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("embeddingBatchSize must be at least 1: 0");
    }
  }

  @Nested
  class Batches {

    @Test
    void shouldKeepInputOrderAndMakeCountsAddUp() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.builder("m")
          .node(NodeRule.builder("P").require("name").convert("age", Conversion.LONG).build())
          .build());
      List<Node> nodes = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        Map<String, Object> props = new HashMap<>();
        if (i % 3 != 0) {
          props.put("name", "n" + i);
        }
        props.put("age", i % 5 == 0 ? "old" : String.valueOf(i));
        nodes.add(node("n" + i, "P", props));
      }

      // when
      Checked<Node> out = mapper.mapNodes(nodes);

      // then
      assertThat(out.size()).isEqualTo(100);
      assertThat(out.accepted()).extracting(Node::id)
          .isEqualTo(nodes.stream().map(Node::id).filter(id -> {
            int i = Integer.parseInt(id.substring(1));
            return i % 3 != 0 && i % 5 != 0;
          }).toList());
      assertThat(mapper.metrics().nodesMapped() + mapper.metrics().nodesRejected()).isEqualTo(100);
      assertThat(mapper.metrics().nodesRejected()).isEqualTo(out.rejected().size());
    }

    @Test
    void shouldMapARecordAloneExactlyAsInABatch() {
      // given
      SchemaMapper mapper = SchemaMapper.builder(SchemaMapping.neo4jToEngram()).embedder(HashingEmbedder.ofDefaults())
          .embeddingBatchSize(3).build();
      List<Node> nodes = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        nodes.add(node("n" + i, "Note", Map.of("text", "note " + i, "created_at", (long) i)));
      }

      // when
      List<Node> batch = mapper.mapNodes(nodes).accepted();
      List<Node> alone = nodes.stream().map(n -> mapper.mapNodes(List.of(n)).accepted().get(0)).toList();

      // then
      assertThat(alone).isEqualTo(batch);
    }

    @Test
    void shouldMapFromSeveralThreadsAsFromOne() throws Exception {
      // given: labels first seen in data, so threads race to compile and cache their plans
      SchemaMapping mapping = SchemaMapping.builder("m")
          .nodeDefaults(PropertyRules.builder().rename("a", "b").derive("k", Derivation.constant(1L)).build())
          .build();
      List<List<Node>> batches = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        List<Node> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
          batch.add(new Node("n" + t + "-" + i, Set.of("L" + i % 50, "M" + (i + t) % 3), Map.of("a", (long) i)));
        }
        batches.add(batch);
      }
      List<List<Node>> expected = new ArrayList<>();
      SchemaMapper sequential = mapper(mapping);
      for (List<Node> batch : batches) {
        expected.add(sequential.mapNodes(batch).accepted());
      }
      SchemaMapper shared = mapper(mapping);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);

      // when
      List<java.util.concurrent.Future<List<Node>>> futures = new ArrayList<>();
      try {
        for (List<Node> batch : batches) {
          futures.add(pool.submit(() -> shared.mapNodes(batch).accepted()));
        }
        // then
        for (int t = 0; t < batches.size(); t++) {
          assertThat(futures.get(t).get()).isEqualTo(expected.get(t));
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(shared.metrics().nodesMapped()).isEqualTo(8 * 500);
    }

    @Test
    void shouldMapAnEmptyBatch() {
      // given
      SchemaMapper mapper = mapper(SchemaMapping.neo4jToNeptune());

      // expect
      assertThat(mapper.mapNodes(List.of()).size()).isZero();
      assertThat(mapper.mapRelationships(List.of()).size()).isZero();
    }
  }

  /** A real, scriptable embedder: deterministic vectors, with failures switched on by the test. */
  static final class ScriptedEmbedder implements Embedder {
    final int dimension;
    final List<List<String>> calls = new ArrayList<>();
    final Map<String, float[]> override = new HashMap<>();
    int failOnCall = -1;
    boolean dropLast;

    ScriptedEmbedder(int dimension) {
      this.dimension = dimension;
    }

    static float[] vector(String text, int dimension) {
      float[] v = new float[dimension];
      Arrays.fill(v, 0.01f);
      v[Math.floorMod(text.hashCode(), dimension)] = 1f;
      v[0] = text.length();
      return v;
    }

    @Override
    public int dimension() {
      return dimension;
    }

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public synchronized List<float[]> embed(List<String> texts) {
      calls.add(List.copyOf(texts));
      if (calls.size() == failOnCall) {
        throw new IllegalStateException("model unavailable");
      }
      List<float[]> out = new ArrayList<>();
      for (String t : texts) {
        out.add(override.containsKey(t) ? override.get(t) : vector(t, dimension));
      }
      if (dropLast) {
        out.remove(out.size() - 1);
      }
      return out;
    }
  }

  /** Records the events it receives. */
  static final class RecordingListener implements SchemaMapperListener {
    final List<EmbedderFailedEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEmbedderFailed(EmbedderFailedEvent event) {
      events.add(event);
    }
  }
}
