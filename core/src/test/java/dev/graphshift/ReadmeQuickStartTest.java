package dev.graphshift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.backfill.BackfillReport;
import dev.graphshift.backfill.Backfiller;
import dev.graphshift.backfill.FileCheckpointStore;
import dev.graphshift.cutover.CutoverSchedule;
import dev.graphshift.cutover.GradualCutoverRouter;
import dev.graphshift.dualwrite.DualWriteCoordinator;
import dev.graphshift.dualwrite.FileDeadLetterQueue;
import dev.graphshift.mapping.SchemaMapper;
import dev.graphshift.mapping.SchemaMapping;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.shadow.ShadowReadCoordinator;
import dev.graphshift.validation.ValidationReport;
import dev.graphshift.validation.Validator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, as it is printed there (between the {@code README} markers), so that the
 * README cannot show code that does not compile or does not work. Closing the outermost decorator
 * closes what it wraps, the databases included.
 */
class ReadmeQuickStartTest {
  @TempDir Path dir;

  @Test
  void shouldRunTheReadmeQuickStart() throws Exception {
    GraphDatabase neo4j = InMemoryGraphDatabase.named("neo4j");
    GraphDatabase neptune = InMemoryGraphDatabase.named("neptune");
    neo4j.upsertNodes(List.of(new Node("p1", Set.of("Person"), Map.of("name", "Ada")),
        new Node("p2", Set.of("Person"), Map.of("name", "Alan"))));
    neo4j.upsertRelationships(List.of(new Relationship("k1", "KNOWS", "p1", "p2", Map.of())));

    // README begin
    SchemaMapper mapper = SchemaMapper.builder(SchemaMapping.neo4jToNeptune()).build();

    // 1. Dual write: the application writes through `dual` from now on.
    try (DualWriteCoordinator dual = DualWriteCoordinator.builder(neo4j, neptune)
        .mapper(mapper)
        .deadLetters(FileDeadLetterQueue.open(dir.resolve("dead-letters.journal")))
        .build()) {
      dual.upsertNode(new Node("p3", Set.of("Person"), Map.of("name", "Grace")));

      // 2. Backfill history, never overwriting a newer dual write or reviving a deleted record.
      BackfillReport backfill = Backfiller.builder(neo4j, dual.backfillTarget())
          .mapper(mapper)
          .checkpoints(FileCheckpointStore.at(dir.resolve("backfill.checkpoint")))
          .build()
          .run();
      System.out.println(backfill.summary());

      // 3. Validate: counts, a deep sample, then a full diff.
      ValidationReport validation = Validator.builder(neo4j, neptune).mapper(mapper).build().full();
      System.out.println(validation.toText());

      // 4. Shadow reads and 5. gradual cutover: serve, compare, then move reads 1% -> 100%.
      try (ShadowReadCoordinator shadow = ShadowReadCoordinator.builder(dual, neptune).mapper(mapper).build();
          GradualCutoverRouter router = GradualCutoverRouter.builder(shadow, neptune)
              .mapper(mapper)
              .schedule(CutoverSchedule.compressed(Duration.ofMinutes(10)))
              .build()) {
        router.getNode("p1");               // the application reads through `router`
        router.rollback("by hand");         // the lever: every read back on Neo4j at once
        // README end
        assertThat(router.state().shareBasisPoints()).isZero();
        assertThat(router.getNode("p1")).map(Node::properties).contains(Map.of("name", "Ada"));
        assertThat(neptune.countNodes()).isEqualTo(3);
        assertThat(neptune.countRelationships()).isEqualTo(1);
      }
      assertThat(backfill.reconciles()).isTrue();
      assertThat(validation.passed()).as(validation.toText()).isTrue();
    }
  }
}
