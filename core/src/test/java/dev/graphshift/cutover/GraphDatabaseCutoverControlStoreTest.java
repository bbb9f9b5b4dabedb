package dev.graphshift.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.Capabilities;
import dev.graphshift.GraphDatabase;
import dev.graphshift.faults.FaultyGraphDatabase;
import dev.graphshift.memory.InMemoryGraphDatabase;
import org.junit.jupiter.api.Test;

/** Each "instance" opens its own store over the shared database. */
class GraphDatabaseCutoverControlStoreTest extends CutoverControlStoreContract {
  private final InMemoryGraphDatabase database = InMemoryGraphDatabase.named("control");

  @Override
  protected CutoverControlStore openStore() {
    return GraphDatabaseCutoverControlStore.over(database);
  }

  @Override
  protected CutoverControlStore openSameStoreAgain(CutoverControlStore store) {
    return GraphDatabaseCutoverControlStore.over(database);
  }

  @Test
  void shouldKeepABoundedNumberOfVersionsWhenTheStateChangesOften() {
    // given
    GraphDatabaseCutoverControlStore store = GraphDatabaseCutoverControlStore.over(database);

    // when
    for (int v = 1; v <= 100; v++) {
      assertThat(store.compareAndSet("orders", v - 1, state(v, v, CutoverPhase.PAUSED))).isTrue();
    }

    // then: the retained versions and the head node
    assertThat(database.countNodes(GraphDatabaseCutoverControlStore.LABEL))
        .isEqualTo(GraphDatabaseCutoverControlStore.DEFAULT_RETAINED_VERSIONS + 1);
    assertThat(store.read("orders")).get().satisfies(s -> assertThat(s.version()).isEqualTo(100));
  }

  @Test
  void shouldFindTheLatestVersionWhenTheHeadNodeLags() {
    // given: the head is lost (as if its update had failed)
    GraphDatabaseCutoverControlStore store = GraphDatabaseCutoverControlStore.over(database);
    store.compareAndSet("orders", 0, state(1, 100, CutoverPhase.RUNNING));
    store.compareAndSet("orders", 1, state(2, 1_000, CutoverPhase.RUNNING));
    database.deleteNode(GraphDatabaseCutoverControlStore.headId("orders"));

    // when / then
    assertThat(store.read("orders")).contains(state(2, 1_000, CutoverPhase.RUNNING));
  }

  @Test
  void shouldTranslateADatabaseOutageIntoAStoreException() {
    // given
    FaultyGraphDatabase faulty = new FaultyGraphDatabase(database).down();
    GraphDatabaseCutoverControlStore store = GraphDatabaseCutoverControlStore.over(faulty);

    // when / then
    assertThatThrownBy(() -> store.read("orders")).isInstanceOf(CutoverControlStoreException.class)
        .hasMessageContaining("orders").hasCauseInstanceOf(dev.graphshift.DatabaseUnavailableException.class);
  }

  @Test
  void shouldRefuseADatabaseWithoutConditionalWrites() {
    // a plain JDK proxy that forwards every call to the real database except capabilities()
    GraphDatabase noCas = (GraphDatabase) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {GraphDatabase.class}, (proxy, method, args) -> method.getName().equals("capabilities")
            ? Capabilities.builder().relationships(true).build()
            : method.invoke(database, args));
    assertThatThrownBy(() -> GraphDatabaseCutoverControlStore.over(noCas))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conditionalWrites");
  }
}
