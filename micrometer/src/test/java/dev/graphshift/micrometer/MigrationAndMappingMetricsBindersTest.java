package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.MAPPING_EMBEDDER_FAILURES;
import static dev.graphshift.micrometer.GraphShiftMeters.MAPPING_RECORDS;
import static dev.graphshift.micrometer.GraphShiftMeters.MIGRATION_DURATION;
import static dev.graphshift.micrometer.GraphShiftMeters.MIGRATION_ELEMENTS;
import static dev.graphshift.micrometer.GraphShiftMeters.MIGRATION_LOCK_CONFLICTS;
import static dev.graphshift.micrometer.GraphShiftMeters.MIGRATION_NOOPS;
import static dev.graphshift.micrometer.GraphShiftMeters.MIGRATION_RUNS;
import static dev.graphshift.micrometer.Meters.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.mapping.NodeRule;
import dev.graphshift.mapping.SchemaMapper;
import dev.graphshift.mapping.SchemaMapping;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.migration.SchemaDatabase;
import dev.graphshift.migration.SchemaElement;
import dev.graphshift.migration.SchemaMigrator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationAndMappingMetricsBindersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void shouldCountElementsByOutcomeAndTimeEachRunWhenTheSchemaIsMigratedTwice() {
    // given: the source has two elements, the target one of them already
    SchemaDatabase source = new SchemaDatabase("neo4j");
    SchemaDatabase target = new SchemaDatabase("neo4j-new");
    source.create(SchemaElement.uniqueNode("Person", "id"));
    source.create(SchemaElement.nodeIndex("Person", "name"));
    target.create(SchemaElement.uniqueNode("Person", "id"));
    SchemaMigrator migrator = SchemaMigrator.builder(source, target).name("schema")
        .listener(new MeteringListener(registry)).build();
    new SchemaMigratorMetricsBinder(migrator).bindTo(registry);

    // when
    migrator.run();
    migrator.run();

    // then
    assertThat(count(registry, MIGRATION_RUNS, "name", "schema")).isEqualTo(2);
    assertThat(count(registry, MIGRATION_ELEMENTS, "name", "schema", "outcome", "created")).isEqualTo(1);
    assertThat(count(registry, MIGRATION_ELEMENTS, "name", "schema", "outcome", "present")).isEqualTo(1);
    assertThat(count(registry, MIGRATION_ELEMENTS, "name", "schema", "outcome", "already_applied"))
        .isEqualTo(migrator.metrics().alreadyApplied()).isEqualTo(2);
    assertThat(count(registry, MIGRATION_NOOPS, "name", "schema")).isZero();
    assertThat(count(registry, MIGRATION_LOCK_CONFLICTS, "name", "schema")).isZero();
    assertThat(registry.get(MIGRATION_DURATION).tags("name", "schema", "status", "applied").timer().count())
        .isEqualTo(1);
    assertThat(registry.get(MIGRATION_DURATION).tags("name", "schema", "status", "up_to_date").timer().count())
        .isEqualTo(1);
  }

  @Test
  void shouldCountANoOpWhenTheTargetHasNoSchema() {
    // given
    SchemaMigrator migrator = SchemaMigrator.builder(new SchemaDatabase("neo4j"), InMemoryGraphDatabase.named("engram"))
        .name("schema-to-engram").build();
    new SchemaMigratorMetricsBinder(migrator).bindTo(registry);

    // when
    migrator.run();

    // then
    assertThat(count(registry, MIGRATION_NOOPS, "name", "schema-to-engram")).isEqualTo(1);
    assertThat(count(registry, MIGRATION_RUNS, "name", "schema-to-engram")).isEqualTo(1);
  }

  @Test
  void shouldCountMappedAndRejectedRecordsByKindWhenTheMapperMapsBatches() {
    // given: people need a name
    SchemaMapper mapper = SchemaMapper.builder(SchemaMapping.builder("people")
        .node(NodeRule.builder("Person").require("name").build())
        .build()).build();
    new SchemaMapperMetricsBinder(mapper).bindTo(registry);

    // when
    mapper.mapNodes(List.of(Node.of("a", "Person", Map.of("name", "Ada")), Node.of("b", "Person", Map.of()),
        Node.of("c", "Person", Map.of("name", "Cy"))));
    mapper.mapRelationships(List.of(Relationship.of("r", "KNOWS", "a", "c", Map.of())));

    // then
    assertThat(count(registry, MAPPING_RECORDS, "name", "people", "kind", "node", "outcome", "mapped")).isEqualTo(2);
    assertThat(count(registry, MAPPING_RECORDS, "name", "people", "kind", "node", "outcome", "rejected")).isEqualTo(1);
    assertThat(count(registry, MAPPING_RECORDS, "name", "people", "kind", "relationship", "outcome", "mapped"))
        .isEqualTo(1);
    assertThat(count(registry, MAPPING_EMBEDDER_FAILURES, "name", "people")).isZero();
  }
}
