package dev.graphshift.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each "instance" opens its own store on the shared directory, as separate JVMs would. */
class FileCutoverControlStoreTest extends CutoverControlStoreContract {
  @TempDir
  Path directory;

  @Override
  protected CutoverControlStore openStore() {
    return FileCutoverControlStore.in(directory);
  }

  @Override
  protected CutoverControlStore openSameStoreAgain(CutoverControlStore store) {
    return FileCutoverControlStore.in(((FileCutoverControlStore) store).directory());
  }

  @Test
  void shouldKeepEachRouterInAFileNamedSafelyWhenTheNameHoldsPathCharacters() throws Exception {
    // given
    FileCutoverControlStore store = FileCutoverControlStore.in(directory);

    // when
    store.compareAndSet("../eu/orders", 0, state(1, 100, CutoverPhase.RUNNING));

    // then
    Path file = store.stateFile("../eu/orders");
    assertThat(file.getParent()).isEqualTo(directory);
    assertThat(Files.readString(file)).contains("shareBasisPoints=100", "phase=RUNNING");
    assertThat(store.read("../eu/orders")).contains(state(1, 100, CutoverPhase.RUNNING));
  }

  @Test
  void shouldFailWithAStoreExceptionWhenTheStateFileIsCorrupt() throws Exception {
    // given
    FileCutoverControlStore store = FileCutoverControlStore.in(directory);
    Files.writeString(store.stateFile("orders"), "version=not-a-number\n");

    // when / then
    assertThatThrownBy(() -> store.read("orders")).isInstanceOf(CutoverControlStoreException.class)
        .hasMessageContaining("cannot parse");
  }

  @Test
  void shouldRejectANonPositiveLockTimeout() {
    assertThatThrownBy(() -> FileCutoverControlStore.in(directory, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
  }
}
