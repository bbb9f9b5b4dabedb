package dev.graphshift.reliability;

import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.dualwrite.DeliveryMode;
import dev.graphshift.dualwrite.DualWriteCoordinator;
import dev.graphshift.dualwrite.FileDeadLetterQueue;
import dev.graphshift.dualwrite.FsyncPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The process {@link DualWriteCrashIT} kills: dual-writes from the test JVM's embedded Neo4j (over Bolt)
 * to the Neptune adapter at the test JVM's Gremlin Server, which is stopped, with outbox delivery into a
 * {@link FileDeadLetterQueue}, and prints {@code ACK <i>} once the call for operation {@code i} has
 * returned. It writes until it is killed.
 *
 * <p>The plan of operations is a pure function of {@code i}, so the test computes what every id must hold
 * after the acknowledged operations: {@link #node(int)}, {@link #relationship(int)}, {@link #kind(int)}.
 *
 * <p>Arguments: the Bolt URI, the Gremlin host and port, the journal path, the {@link FsyncPolicy}.
 */
final class CrashingDualWriter {
  private CrashingDualWriter() {}

  /** Node ids the plan writes besides the hubs. */
  static final int NODE_IDS = 50;
  /** Relationship ids the plan writes, all between hubs (which are never deleted). */
  static final int RELATIONSHIP_IDS = 12;
  /** The hubs: written by the first operations, never deleted. */
  static final int HUBS = 3;

  /** What operation {@code i} does. */
  enum Kind { UPSERT_NODE, DELETE_NODE, UPSERT_RELATIONSHIP }

  static Kind kind(int i) {
    if (i < HUBS) {
      return Kind.UPSERT_NODE;
    }
    return switch (i % 10) {
      case 9 -> Kind.DELETE_NODE;
      case 4, 7 -> Kind.UPSERT_RELATIONSHIP;
      default -> Kind.UPSERT_NODE;
    };
  }

  /** The node id operation {@code i} names (for node operations). */
  static String nodeId(int i) {
    return i < HUBS ? "hub" + i : "n" + (i * 7 % NODE_IDS);
  }

  /** The node operation {@code i} upserts. */
  static Node node(int i) {
    return Node.of(nodeId(i), i % 4 == 0 ? "Account" : "Person", Map.of("v", (long) i, "name", "version " + i,
        "weight", i / 8.0, "even", i % 2 == 0));
  }

  /** The relationship operation {@code i} upserts. */
  static Relationship relationship(int i) {
    return Relationship.of("r" + (i % RELATIONSHIP_IDS), "LINKS", "hub" + (i % HUBS), "hub" + ((i / 3) % HUBS),
        Map.of("v", (long) i));
  }

  public static void main(String[] args) {
    URI bolt = URI.create(args[0]);
    String host = args[1];
    int port = Integer.parseInt(args[2]);
    Path journal = Path.of(args[3]);
    FsyncPolicy fsync = FsyncPolicy.valueOf(args[4]);
    FileDeadLetterQueue dlq = FileDeadLetterQueue.builder(journal).fsync(fsync).build();
    GraphDatabase primary = Servers.neo4j("neo4j-primary", bolt).build();
    GraphDatabase secondary = Servers.neptune("neptune-down", host, port).requestTimeout(Duration.ofSeconds(1)).build();
    DualWriteCoordinator dual = DualWriteCoordinator.builder(primary, secondary)
        .name("crash-child")
        .deadLetters(dlq)
        .delivery(DeliveryMode.OUTBOX)
        .build();
    System.out.println("READY");
    System.out.flush();
    for (int i = 0; ; i++) {
      switch (kind(i)) {
        case UPSERT_NODE -> dual.upsertNodes(List.of(node(i)));
        case DELETE_NODE -> dual.deleteNodes(List.of(nodeId(i)));
        case UPSERT_RELATIONSHIP -> dual.upsertRelationships(List.of(relationship(i)));
      }
      System.out.println("ACK " + i);
      System.out.flush();
    }
  }
}
