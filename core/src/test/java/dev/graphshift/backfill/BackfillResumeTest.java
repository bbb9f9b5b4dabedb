package dev.graphshift.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.GraphDatabase;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kill a backfill at several points (a non-retryable failure stands for the kill; the reliability suite
 * adds a real SIGKILL), then run a new backfiller on the same checkpoint store: the target must equal
 * the source, parallel relationships included, with no record written twice.
 */
class BackfillResumeTest {

  private final InMemoryGraphDatabase source = Graphs.sourceGraph("source", 400);
  private final InMemoryGraphDatabase target = InMemoryGraphDatabase.named("target");

  private Backfiller backfiller(GraphDatabase to, CheckpointStore store, int parallelism) {
    return Backfiller.builder(source, to).checkpoints(store).batchSize(25).parallelism(parallelism).build();
  }

  @ParameterizedTest(name = "killed at node write {0} / relationship write {1}, parallelism {2}")
  @CsvSource({
      "4, 0, 1",   // in the nodes
      "4, 0, 3",   // in the nodes, three partitions at once
      "0, 1, 1",   // between the nodes and the relationships
      "0, 1, 3",
      "0, 9, 1",   // in the relationships
      "0, 9, 3"})
  void shouldResumeWithNoGapAndNoDuplicateWhenKilled(int nodeWrite, int relationshipWrite, int parallelism) {
    // given: a first run killed
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    assertThatThrownBy(() -> backfiller(new DyingDatabase(target, nodeWrite, relationshipWrite), store, parallelism).run())
        .isInstanceOf(BackfillException.class)
        .hasMessageContaining("killed");
    long nodesBefore = target.countNodes();
    long relationshipsBefore = target.countRelationships();
    BackfillCheckpoint saved = store.load().orElseThrow();
    assertThat(saved.complete()).isFalse();
    assertThat(saved.partitions().stream().mapToLong(PartitionCheckpoint::written).sum())
        .isEqualTo(nodesBefore + relationshipsBefore);

    // when: a new backfiller on the same store
    BackfillReport report = backfiller(target, store, parallelism).run();

    // then
    Graphs.assertSameGraph(source, target);
    assertThat(report.resumed()).isTrue();
    assertThat(report.reconciles()).isTrue();
    assertThat(report.nodes().read()).isEqualTo(source.countNodes());
    assertThat(report.nodes().written()).isEqualTo(source.countNodes());
    assertThat(report.relationships().written()).isEqualTo(source.countRelationships());
    assertThat(report.skipped()).isZero();
    assertThat(store.load()).isEmpty();
  }

  @Test
  void shouldWriteOneBatchAgainAsSkippedWhenKilledBetweenWriteAndCheckpoint() {
    // given: a store that dies on its fifth save (the first save is the plan), after batch 4 was written
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    AtomicInteger saves = new AtomicInteger();
    CheckpointStore dying = new CheckpointStore() {
      @Override
      public Optional<BackfillCheckpoint> load() {
        return store.load();
      }

      @Override
      public void save(BackfillCheckpoint checkpoint) {
        if (saves.incrementAndGet() == 5) {
          throw new UncheckedIOException(new java.io.IOException("killed while saving"));
        }
        store.save(checkpoint);
      }

      @Override
      public void clear() {
        store.clear();
      }
    };
    assertThatThrownBy(() -> backfiller(target, dying, 1).run()).isInstanceOf(BackfillException.class)
        .hasMessageContaining("killed while saving");
    assertThat(target.countNodes()).isEqualTo(100);
    assertThat(store.load().orElseThrow().partitions().get(0).read()).isEqualTo(75);

    // when
    BackfillReport report = backfiller(target, store, 1).run();

    // then: the batch written but not saved is written again, and counted as skipped
    Graphs.assertSameGraph(source, target);
    assertThat(report.nodes().skipped()).isEqualTo(25);
    assertThat(report.nodes().written()).isEqualTo(source.countNodes() - 25);
    assertThat(report.nodes().read()).isEqualTo(source.countNodes());
    assertThat(report.reconciles()).isTrue();
  }

  @Test
  void shouldResumeFromACheckpointFileInANewBackfiller(@TempDir Path dir) throws Exception {
    // given
    Path file = dir.resolve("checkpoints/backfill.checkpoint.json");
    assertThatThrownBy(() -> backfiller(new DyingDatabase(target, 0, 5), FileCheckpointStore.at(file), 2).run())
        .isInstanceOf(BackfillException.class);
    assertThat(Files.readString(file)).contains("\"format\": \"graphshift.backfill.checkpoint\"");
    assertThat(dir.resolve("checkpoints/backfill.checkpoint.json.tmp")).doesNotExist();

    // when
    BackfillReport report = backfiller(target, FileCheckpointStore.at(file), 2).run();

    // then
    Graphs.assertSameGraph(source, target);
    assertThat(report.written()).isEqualTo(source.countNodes() + source.countRelationships());
    assertThat(file).doesNotExist();
  }

  @Test
  void shouldKeepResumingAcrossSeveralKills() {
    // given
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    int kills = 0;
    BackfillReport report = null;

    // when: every run dies after three more writes of either kind, until one gets through
    while (report == null) {
      try {
        report = backfiller(new DyingDatabase(target, 3, 3), store, 2).run();
      } catch (BackfillException e) {
        kills++;
        assertThat(kills).as("the backfill makes progress between kills").isLessThan(200);
      }
      if (kills > 0 && report == null && store.load().map(BackfillCheckpoint::complete).orElse(false)) {
        report = backfiller(target, store, 2).run();
      }
    }

    // then
    Graphs.assertSameGraph(source, target);
    assertThat(kills).isGreaterThan(3);
    assertThat(report.written() + report.skipped()).isEqualTo(source.countNodes() + source.countRelationships());
    assertThat(report.skipped()).isZero();
  }
}
