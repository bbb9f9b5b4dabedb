package dev.graphshift.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRunbookStateStoreTest extends RunbookStateStoreContract {
  @TempDir Path dir;

  @Override
  protected RunbookStateStore openStore() {
    return FileRunbookStateStore.in(dir);
  }

  @Override
  protected RunbookStateStore openSameStoreAgain(RunbookStateStore store) {
    return FileRunbookStateStore.in(dir);
  }

  @Test
  void shouldKeepAReadableJsonFileAndNoTemporaryOnes() throws IOException {
    // given
    FileRunbookStateStore store = FileRunbookStateStore.in(dir);

    // when
    store.compareAndSet("people", 0, rich(1));

    // then
    String text = Files.readString(store.stateFile("people"));
    assertThat(text).contains("\"format\"", "graphshift.runbook.state/1", "\"BACKFILL\"", "backfillCompleted",
        "shareBasisPoints");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("people.runbook.json", "people.runbook.lock");
    }
  }

  @Test
  void shouldNameTheFileWhenItCannotBeParsed() throws IOException {
    // given
    FileRunbookStateStore store = FileRunbookStateStore.in(dir);
    Files.writeString(store.stateFile("people"), "{\"format\": \"something else\"}");

    // then
    assertThatThrownBy(() -> store.read("people")).isInstanceOf(RunbookStateStoreException.class)
        .hasMessageContaining("people.runbook.json").hasMessageContaining("unknown format");
  }
}
