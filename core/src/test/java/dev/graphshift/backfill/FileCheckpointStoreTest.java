package dev.graphshift.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest {

  @TempDir
  Path dir;

  private static BackfillCheckpoint checkpoint() {
    BackfillPartition nodes = new BackfillPartition("nodes/label:Odd \"label\"/0", BackfillPhase.NODES,
        Optional.of("Odd \"label\""), Optional.empty(), Optional.of("cursor\nwith newline"), List.of("A", "B"));
    BackfillPartition rels = new BackfillPartition("relationships/all/0", BackfillPhase.RELATIONSHIPS,
        Optional.empty(), Optional.of("ü\\"), Optional.empty(), List.of());
    return new BackfillCheckpoint("backfill", "abc123", "name=backfill;source=s", Instant.parse("2026-01-02T03:04:05Z"),
        List.of(
            PartitionCheckpoint.start(nodes).committed(Optional.of("c\"1"), 10, 7, 1, Map.of("value-kind", 2L)),
            PartitionCheckpoint.start(rels)));
  }

  @Test
  void shouldReadBackExactlyWhatItSaved() {
    // given
    FileCheckpointStore store = FileCheckpointStore.at(dir.resolve("sub/dir/cp.json"));

    // when
    store.save(checkpoint());

    // then
    assertThat(store.load()).contains(checkpoint());
    assertThat(FileCheckpointStore.at(store.file()).load()).contains(checkpoint());
    assertThat(dir.resolve("sub/dir/cp.json.tmp")).doesNotExist();
  }

  @Test
  void shouldBeEmptyBeforeTheFirstSaveAndAfterClear() {
    // given
    FileCheckpointStore store = FileCheckpointStore.at(dir.resolve("cp.json"));

    // then
    assertThat(store.load()).isEmpty();
    store.save(checkpoint());
    store.clear();
    assertThat(store.load()).isEmpty();
    assertThat(store.file()).doesNotExist();
  }

  @Test
  void shouldReplaceThePreviousStateWhole() throws Exception {
    // given
    FileCheckpointStore store = FileCheckpointStore.at(dir.resolve("cp.json"));
    store.save(checkpoint());
    BackfillCheckpoint later = new BackfillCheckpoint("backfill", "abc123", "c", Instant.EPOCH, List.of());

    // when
    store.save(later);

    // then
    assertThat(store.load()).contains(later);
    assertThat(Files.readString(store.file())).doesNotContain("relationships/all/0");
  }

  @Test
  void shouldRefuseAFileThatIsNotACheckpointWithAClearMessage() throws Exception {
    // given
    Path file = dir.resolve("cp.json");
    Files.writeString(file, "{\"format\": \"something else\"}");

    // when / then
    assertThatThrownBy(() -> FileCheckpointStore.at(file).load())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a GraphShift backfill checkpoint");
    Files.writeString(file, "{\"format\": \"graphshift.backfill.checkpoint\", \"version\": 1");
    assertThatThrownBy(() -> FileCheckpointStore.at(file).load())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("end of text");
  }
}
