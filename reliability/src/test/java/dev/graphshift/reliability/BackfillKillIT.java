package dev.graphshift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.GraphDatabase;
import dev.graphshift.backfill.BackfillCheckpoint;
import dev.graphshift.backfill.BackfillReport;
import dev.graphshift.backfill.FileCheckpointStore;
import dev.graphshift.backfill.PartitionCheckpoint;
import dev.graphshift.reliability.KilledBackfill.Point;
import dev.graphshift.testing.EmbeddedGremlinServer;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.testing.EmbeddedNeo4jExtension;
import dev.graphshift.testing.SharedGremlinServerExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 3, a backfill killed and resumed, for real: a child JVM ({@link KilledBackfill}) backfills the
 * embedded Neo4j into the Neptune adapter (the in-process Gremlin Server) with a checkpoint file, freezes
 * at one of three {@link Point}s (in the nodes, between the nodes and the relationships, in the
 * relationships) and is killed there with SIGKILL. A new backfiller (this JVM) resumes from the file.
 *
 * <p>Asserted: the kill left a partial copy and an incomplete checkpoint whose written counts match what
 * the target holds; the resumed run reports that it resumed, reconciles (read = written + skipped +
 * rejected), reads every source record exactly once over both runs, rejects none, and clears the file;
 * the target then equals the source, parallel relationships and self-loops included, with no id twice
 * (the {@code Validator}'s full diff and a direct scan comparison).
 */
@ExtendWith({EmbeddedNeo4jExtension.class, SharedGremlinServerExtension.class})
class BackfillKillIT {

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Point.class)
  void shouldResumeAKilledBackfillWithNoGapAndNoDuplicate(Point point, EmbeddedNeo4j neo4j,
      EmbeddedGremlinServer gremlin) {
    // given: the source graph on Neo4j, an empty target
    int nodes = Loads.backfillNodes();
    neo4j.clear();
    gremlin.clear();
    Path checkpoint = dir.resolve("backfill.checkpoint.json");
    try (GraphDatabase source = Servers.neo4j(KilledBackfill.SOURCE, neo4j.boltUri()).build();
        GraphDatabase target = Servers.neptune(KilledBackfill.TARGET, gremlin).build()) {
      int relationships = SourceGraph.write(source, nodes, Loads.seed());

      // when: a child backfills and is killed at the point
      try (ChildJvm child = ChildJvm.start(KilledBackfill.class, List.of(), List.of(neo4j.boltUri().toString(),
          gremlin.host(), String.valueOf(gremlin.port()), checkpoint.toString(), point.name()), dir.resolve("child.err"))) {
        child.awaitLine("READY"::equals);
        child.awaitLine(("FROZEN " + point)::equals);
        child.kill();
      }

      // then: a partial copy, and a checkpoint that agrees with it
      long nodesAtKill = target.countNodes();
      long relationshipsAtKill = target.countRelationships();
      BackfillCheckpoint saved = FileCheckpointStore.at(checkpoint).load().orElseThrow();
      assertThat(saved.complete()).as("the checkpoint at the kill").isFalse();
      long savedWritten = saved.partitions().stream().mapToLong(PartitionCheckpoint::written).sum();
      switch (point) {
        case IN_NODES -> {
          assertThat(nodesAtKill).isPositive().isLessThan(nodes);
          assertThat(relationshipsAtKill).isZero();
          // the frozen batch was written but its checkpoint not saved
          assertThat(savedWritten).isLessThan(nodesAtKill);
        }
        case BETWEEN_NODES_AND_RELATIONSHIPS -> {
          assertThat(nodesAtKill).isEqualTo(nodes);
          assertThat(relationshipsAtKill).isZero();
          assertThat(savedWritten).isEqualTo(nodes);
        }
        case IN_RELATIONSHIPS -> {
          assertThat(nodesAtKill).isEqualTo(nodes);
          assertThat(relationshipsAtKill).isPositive().isLessThan(relationships);
          assertThat(savedWritten).isLessThan(nodes + relationshipsAtKill);
        }
      }

      // when: a new backfiller resumes from the file
      BackfillReport report = KilledBackfill.backfill(source, target, checkpoint).build().run();

      // then
      assertThat(report.resumed()).isTrue();
      assertThat(report.reconciles()).as(report.summary()).isTrue();
      assertThat(report.rejected()).as(report.summary()).isZero();
      assertThat(report.nodes().read()).as(report.summary()).isEqualTo(nodes);
      assertThat(report.relationships().read()).as(report.summary()).isEqualTo(relationships);
      assertThat(report.written() + report.skipped()).isEqualTo(nodes + relationships);
      assertThat(FileCheckpointStore.at(checkpoint).load()).as("the checkpoint is cleared when done").isEmpty();
      assertThat(target.countNodes()).isEqualTo(nodes);
      assertThat(target.countRelationships()).isEqualTo(relationships);
      Map<String, Object> agreement = Agreement.assertAgree(source, target, "backfill killed " + point);

      new Figures("backfill-kill-" + point.name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .put("point", point.name())
          .put("sourceNodes", nodes)
          .put("sourceRelationships", relationships)
          .put("batchSize", KilledBackfill.BATCH_SIZE)
          .put("parallelism", KilledBackfill.PARALLELISM)
          .put("nodesOnTargetAtKill", nodesAtKill)
          .put("relationshipsOnTargetAtKill", relationshipsAtKill)
          .put("writtenInCheckpointAtKill", savedWritten)
          .put("resumedWritten", report.written())
          .put("resumedSkipped", report.skipped())
          .put("rejected", report.rejected())
          .put("validation", agreement)
          .put("lost", 0)
          .put("duplicates", 0)
          .write();
    }
  }
}
