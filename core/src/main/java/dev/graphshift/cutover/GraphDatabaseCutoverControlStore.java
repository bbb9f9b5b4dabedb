package dev.graphshift.cutover;

import static java.util.Objects.requireNonNull;

import dev.graphshift.GraphDatabase;
import dev.graphshift.GraphShiftException;
import dev.graphshift.Node;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CutoverControlStore} kept in a {@link GraphDatabase} that every application instance reaches
 * (typically the primary itself, or a small database of its own), so that a whole fleet follows one
 * lever. It needs only the SPI: a database with {@link dev.graphshift.Capabilities#conditionalWrites()}
 * (an atomic {@link WriteMode#INSERT_IF_ABSENT}).
 *
 * <p><b>Design.</b> Each version of a router's state is its own node, labelled {@value #LABEL}, with
 * the id {@code graphshift.cutover/<router>/v<version, 19 digits>}; a compare-and-set from version
 * {@code n} inserts the node of version {@code n + 1} with {@code INSERT_IF_ABSENT}, so of two instances
 * racing for the same version exactly one creates it (the other's insert is skipped: it lost). A head
 * node ({@code graphshift.cutover/<router>/head}) records the latest version as a hint; a reader reads
 * the head, then probes the following versions until one is absent, so a stale head costs one more
 * read, never a wrong answer. After each successful change the version {@value
 * #DEFAULT_RETAINED_VERSIONS} back is deleted (where the database deletes nodes), which bounds what the
 * store keeps.
 *
 * <p>Thread-safe.
 */
public final class GraphDatabaseCutoverControlStore implements CutoverControlStore {
  /** The label of the state nodes. */
  public static final String LABEL = "GraphShiftCutoverState";
  /** How many versions of a router's state are kept: 16. */
  public static final int DEFAULT_RETAINED_VERSIONS = 16;

  private static final Logger log = LoggerFactory.getLogger(GraphDatabaseCutoverControlStore.class);
  private static final int MAX_PROBES = 10_000;

  private final GraphDatabase database;
  private final AtomicLong housekeepingFailures = new AtomicLong();

  private GraphDatabaseCutoverControlStore(GraphDatabase database) {
    this.database = database;
  }

  /**
   * A store over a database.
   *
   * @throws NullPointerException if database is null
   * @throws IllegalArgumentException if the database cannot insert-if-absent atomically
   */
  public static GraphDatabaseCutoverControlStore over(GraphDatabase database) {
    requireNonNull(database, "database");
    if (!database.capabilities().conditionalWrites()) {
      throw new IllegalArgumentException("database '" + database.name()
          + "' cannot hold a control store: it lacks conditionalWrites (an atomic INSERT_IF_ABSENT)");
    }
    return new GraphDatabaseCutoverControlStore(database);
  }

  /** Failed updates of the head hint and deletions of old versions (logged at WARN; harmless to correctness). */
  public long housekeepingFailures() {
    return housekeepingFailures.get();
  }

  @Override
  public Optional<CutoverState> read(String router) {
    requireNonNull(router, "router");
    try {
      long version = database.getNode(headId(router))
          .map(n -> n.properties().get("version"))
          .map(v -> ((Number) v).longValue())
          .orElse(0L);
      Optional<CutoverState> latest = Optional.empty();
      if (version > 0) {
        latest = database.getNode(versionId(router, version)).map(n -> parse(router, n));
      }
      for (int probes = 0; probes < MAX_PROBES; probes++) {
        Optional<Node> following = database.getNode(versionId(router, version + 1));
        if (following.isEmpty()) {
          return latest;
        }
        latest = Optional.of(parse(router, following.get()));
        version++;
      }
      throw new CutoverControlStoreException(describe(), "router '" + router + "' has more than " + MAX_PROBES
          + " versions past its head node", null);
    } catch (CutoverControlStoreException e) {
      throw e;
    } catch (GraphShiftException e) {
      throw new CutoverControlStoreException(describe(), "cannot read the state of router '" + router + "'", e);
    }
  }

  @Override
  public boolean compareAndSet(String router, long expectedVersion, CutoverState next) {
    requireNonNull(router, "router");
    requireNonNull(next, "next");
    CutoverControlStore.checkNextVersion(expectedVersion, next);
    try {
      if (expectedVersion > 0 && database.getNode(versionId(router, expectedVersion)).isEmpty()) {
        return false;
      }
      WriteResult result = database.upsertNodes(List.of(toNode(router, next)), WriteMode.INSERT_IF_ABSENT);
      if (!result.rejected().isEmpty()) {
        throw new CutoverControlStoreException(describe(), "the state of router '" + router + "' was rejected: "
            + result.rejected().get(0), null);
      }
      if (result.written() != 1) {
        return false;
      }
    } catch (CutoverControlStoreException e) {
      throw e;
    } catch (GraphShiftException e) {
      throw new CutoverControlStoreException(describe(), "cannot update the state of router '" + router + "'", e);
    }
    housekeeping(router, next.version());
    return true;
  }

  private void housekeeping(String router, long version) {
    try {
      database.upsertNode(Node.of(headId(router), LABEL, Map.of("router", router, "version", version)));
      long old = version - DEFAULT_RETAINED_VERSIONS;
      if (old > 0 && database.capabilities().nodeDeletes()) {
        database.deleteNodes(List.of(versionId(router, old)));
      }
    } catch (GraphShiftException e) {
      housekeepingFailures.incrementAndGet();
      log.warn("graphshift.cutover.store_housekeeping_failed store={} router={} version={} error={}",
          describe(), router, version, e.toString());
    }
  }

  private static Node toNode(String router, CutoverState s) {
    Map<String, Object> p = new HashMap<>();
    p.put("router", router);
    p.put("version", s.version());
    p.put("shareBasisPoints", (long) s.shareBasisPoints());
    p.put("phase", s.phase().name());
    p.put("step", (long) s.step());
    p.put("stepStartedAt", s.stepStartedAt().toString());
    p.put("changedAt", s.changedAt().toString());
    p.put("changedBy", s.changedBy());
    p.put("reason", s.reason());
    return new Node(versionId(router, s.version()), Set.of(LABEL), p);
  }

  private CutoverState parse(String router, Node n) {
    Map<String, Object> p = n.properties();
    try {
      return new CutoverState(
          ((Number) p.get("version")).longValue(),
          ((Number) p.get("shareBasisPoints")).intValue(),
          CutoverPhase.valueOf((String) p.get("phase")),
          ((Number) p.get("step")).intValue(),
          Instant.parse((String) p.get("stepStartedAt")),
          Instant.parse((String) p.get("changedAt")),
          (String) p.get("changedBy"),
          (String) p.get("reason"));
    } catch (RuntimeException e) {
      throw new CutoverControlStoreException(describe(), "cannot parse " + n.describe() + " of router '" + router
          + "': " + e, e);
    }
  }

  static String versionId(String router, long version) {
    return "graphshift.cutover/" + router + "/v" + String.format("%019d", version);
  }

  static String headId(String router) {
    return "graphshift.cutover/" + router + "/head";
  }

  private String describe() {
    return "graph control store " + database.name();
  }

  @Override
  public String toString() {
    return "GraphDatabaseCutoverControlStore[" + database.name() + "]";
  }
}
