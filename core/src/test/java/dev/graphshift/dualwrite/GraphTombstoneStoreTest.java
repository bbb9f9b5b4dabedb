package dev.graphshift.dualwrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.memory.InMemoryGraphDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphTombstoneStoreTest extends TombstoneStoreContract {

  private final InMemoryGraphDatabase shared = InMemoryGraphDatabase.named("shared");

  @Override
  protected TombstoneStore openStore() {
    return GraphTombstoneStore.on(shared);
  }

  @Test
  void shouldKeepTombstonesAsNodesUnderAReservedLabelThatAnotherStoreSees() {
    // given
    store.recordNodeDeletes(List.of("a"), Instant.EPOCH);

    // when
    TombstoneStore other = GraphTombstoneStore.on(shared);

    // then
    assertThat(other.deletedNodes(List.of("a"))).containsExactly("a");
    assertThat(shared.countNodes(GraphTombstoneStore.TOMBSTONE_LABEL)).isEqualTo(1);
    assertThat(shared.getNode("graphshift:tombstone:n:a")).isPresent();
  }
}
