package dev.graphshift.benchmarks.backfill;

import dev.graphshift.GraphDatabase;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.neptune.NeptuneGraphDatabase;
import dev.graphshift.testing.EmbeddedGremlinServer;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The targets a run writes to, each one empty when opened: the in-memory database, and the in-process
 * Gremlin Server (TinkerGraph) through the Neptune adapter with its default settings.
 *
 * <p>Not thread-safe; confine to one thread.
 */
final class Targets implements AutoCloseable {

  /**
   * A kind of target.
   */
  enum Kind {
    /** {@code InMemoryGraphDatabase}: a target that costs next to nothing, so the source sets the pace. */
    MEMORY,
    /** {@code NeptuneGraphDatabase} against the in-process Gremlin Server. */
    GREMLIN;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind named {@code memory} or {@code gremlin}.
     *
     * @throws IllegalArgumentException for another name
     */
    static Kind parse(String key) {
      for (Kind k : values()) {
        if (k.key().equals(key.trim())) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown target '" + key + "': memory or gremlin");
    }
  }

  private @Nullable EmbeddedGremlinServer gremlin;

  /** An empty target of this kind; close it with {@link #discard}. */
  GraphDatabase open(Kind kind) {
    if (kind == Kind.MEMORY) {
      return InMemoryGraphDatabase.named("memory");
    }
    EmbeddedGremlinServer server = gremlin;
    if (server == null) {
      server = EmbeddedGremlinServer.start();
      gremlin = server;
    }
    server.clear();
    return NeptuneGraphDatabase.builder(server.host()).name("gremlin").port(server.port()).tls(false).build();
  }

  /** Closes a target and drops its data, so that the next phase starts from an empty one. */
  void discard(Kind kind, GraphDatabase target) {
    target.close();
    EmbeddedGremlinServer server = gremlin;
    if (kind == Kind.GREMLIN && server != null) {
      server.clear();
    }
  }

  @Override
  public void close() {
    EmbeddedGremlinServer server = gremlin;
    if (server != null) {
      server.close();
    }
  }
}
