package dev.graphshift.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.GraphDatabase;
import dev.graphshift.backfill.BackfillCheckpoint;
import dev.graphshift.backfill.BackfillException;
import dev.graphshift.backfill.BackfillPartition;
import dev.graphshift.backfill.BackfillPhase;
import dev.graphshift.backfill.BackfillReport;
import dev.graphshift.backfill.DyingDatabase;
import dev.graphshift.backfill.Backfiller;
import dev.graphshift.backfill.FileCheckpointStore;
import dev.graphshift.backfill.Graphs;
import dev.graphshift.backfill.PartitionCheckpoint;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The backfill on the real adapter, both ways: Neo4j to the in-memory database and the in-memory
 * database to Neo4j, in parallel partitions cut from the adapter's internal-id ranges, killed (a
 * permanent failure on the K-th write, standing for a crash) and resumed from a checkpoint file by a new
 * backfiller: the target must then equal the source, parallel relationships and self-loops included, with
 * no record missing and none written twice.
 */
class Neo4jBackfillIT extends Neo4jToolTestSupport {

  @TempDir
  Path dir;

  private static Backfiller backfiller(GraphDatabase from, GraphDatabase to, FileCheckpointStore store) {
    return Backfiller.builder(from, to).checkpoints(store).batchSize(25).parallelism(3).consoleProgress(false)
        .build();
  }

  /**
   * Runs a backfill killed at a write, checks what the checkpoint file holds, resumes it with a new
   * backfiller on the same file and returns the resumed run's report.
   */
  private BackfillReport killAndResume(GraphDatabase from, GraphDatabase to, int nodeWrite, int relationshipWrite,
      GraphDatabase written) {
    FileCheckpointStore store = FileCheckpointStore.at(dir.resolve("backfill.checkpoint.json"));
    List<BackfillPartition> plan = backfiller(from, to, store).plan();
    assertThat(plan).filteredOn(p -> p.phase() == BackfillPhase.NODES).hasSizeGreaterThan(1);
    assertThat(plan).filteredOn(p -> p.phase() == BackfillPhase.RELATIONSHIPS).hasSizeGreaterThan(1);
    if (from == neo4j) {
      assertThat(plan).as("the adapter's internal-id ranges, each with its own end")
          .allSatisfy(p -> assertThat(p.until()).hasValueSatisfying(c -> assertThat(c).startsWith(
              p.phase() == BackfillPhase.NODES ? "n1:" : "r1:")));
    }
    assertThatThrownBy(() -> backfiller(from, new DyingDatabase(to, nodeWrite, relationshipWrite), store).run())
        .isInstanceOf(BackfillException.class).hasMessageContaining("killed at");
    BackfillCheckpoint saved = FileCheckpointStore.at(store.file()).load().orElseThrow();
    assertThat(saved.complete()).isFalse();
    assertThat(saved.partitions().stream().mapToLong(PartitionCheckpoint::written).sum())
        .as("every write the checkpoint counts is on the target, and nothing else")
        .isEqualTo(written.countNodes() + written.countRelationships());

    BackfillReport report = backfiller(from, to, FileCheckpointStore.at(store.file())).run();

    assertThat(report.resumed()).isTrue();
    assertThat(report.reconciles()).isTrue();
    assertThat(report.nodes().written()).isEqualTo(from.countNodes());
    assertThat(report.relationships().written()).isEqualTo(from.countRelationships());
    assertThat(report.skipped()).isZero();
    assertThat(report.rejected()).isZero();
    assertThat(store.file()).doesNotExist();
    return report;
  }

  @ParameterizedTest(name = "killed at node write {0} / relationship write {1}")
  @CsvSource({"5, 0", "0, 9"})
  void shouldResumeABackfillFromNeo4jWithNoGapAndNoDuplicateWhenKilled(int nodeWrite, int relationshipWrite) {
    // given
    Graphs.copy(memory, neo4j);
    InMemoryGraphDatabase target = InMemoryGraphDatabase.named("target");

    // when
    killAndResume(neo4j, target, nodeWrite, relationshipWrite, target);

    // then
    Graphs.assertSameGraph(neo4j, target);
    Graphs.assertSameGraph(memory, target);
  }

  @ParameterizedTest(name = "killed at node write {0} / relationship write {1}")
  @CsvSource({"5, 0", "0, 9"})
  void shouldResumeABackfillIntoNeo4jWithNoGapAndNoDuplicateWhenKilled(int nodeWrite, int relationshipWrite) {
    // when
    killAndResume(memory, neo4j, nodeWrite, relationshipWrite, neo4j);

    // then: the scans would fail on an id read twice; the counts come from Neo4j's count store
    Graphs.assertSameGraph(memory, neo4j);
    assertThat(cypher("MATCH ()-[r]->() WITH r.id AS id, count(*) AS n WHERE n > 1 RETURN id")).isEmpty();
    assertThat(cypher("MATCH (n:Entity) WITH n.id AS id, count(*) AS n WHERE n > 1 RETURN id")).isEmpty();
  }
}
