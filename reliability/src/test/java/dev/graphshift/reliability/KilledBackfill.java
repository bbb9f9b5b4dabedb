package dev.graphshift.reliability;

import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.backfill.Backfiller;
import dev.graphshift.backfill.FileCheckpointStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child JVM of scenario 3: a backfill from the Neo4j adapter to the Neptune adapter with a file
 * checkpoint store, which freezes at a chosen {@link Point}, prints {@code FROZEN <point>} and waits to
 * be killed with SIGKILL. Once frozen, every further write of any backfill thread blocks before it
 * reaches Neptune, so what the target holds at the kill is what was written up to the freeze.
 *
 * <p>Arguments: the Bolt URI, the Gremlin host and port, the checkpoint file, the {@link Point}.
 */
final class KilledBackfill {
  private KilledBackfill() {}

  /** Where the backfill is killed. */
  enum Point {
    /** After the third node batch was written to Neptune, before its checkpoint is saved. */
    IN_NODES,
    /** Every node batch written and saved, before the first relationship batch reaches Neptune. */
    BETWEEN_NODES_AND_RELATIONSHIPS,
    /** After the third relationship batch was written, before its checkpoint is saved. */
    IN_RELATIONSHIPS
  }

  /** The backfill's name: the child and the resuming test must use the same configuration. */
  static final String NAME = "reliability-backfill";
  /** Records per batch. */
  static final int BATCH_SIZE = 50;
  /** Partitions at once. */
  static final int PARALLELISM = 2;
  /** The source adapter's name. */
  static final String SOURCE = "neo4j-source";
  /** The target adapter's name. */
  static final String TARGET = "neptune-target";

  /** The backfill both processes run. */
  static Backfiller.Builder backfill(GraphDatabase source, GraphDatabase target, Path checkpoint) {
    return Backfiller.builder(source, target)
        .name(NAME)
        .batchSize(BATCH_SIZE)
        .parallelism(PARALLELISM)
        .checkpoints(FileCheckpointStore.at(checkpoint));
  }

  public static void main(String[] args) throws InterruptedException {
    URI bolt = URI.create(args[0]);
    String host = args[1];
    int port = Integer.parseInt(args[2]);
    Path checkpoint = Path.of(args[3]);
    Point point = Point.valueOf(args[4]);
    GraphDatabase source = Servers.neo4j(SOURCE, bolt).build();
    GraphDatabase target = new Freezing(Servers.neptune(TARGET, host, port).build(), point);
    System.out.println("READY");
    System.out.flush();
    backfill(source, target, checkpoint).build().run();
    System.out.println("COMPLETED without reaching " + point);
    System.out.flush();
  }

  /** Passes writes to Neptune until the point is reached; from then on blocks every write forever. */
  private static final class Freezing extends ForwardingGraphDatabase {
    private final Point point;
    private final AtomicInteger nodeWrites = new AtomicInteger();
    private final AtomicInteger relationshipWrites = new AtomicInteger();
    private final AtomicBoolean frozen = new AtomicBoolean();
    private final CountDownLatch never = new CountDownLatch(1);

    Freezing(GraphDatabase delegate, Point point) {
      super(delegate);
      this.point = point;
    }

    @Override
    public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
      blockIfFrozen();
      WriteResult result = super.upsertNodes(nodes, mode);
      if (point == Point.IN_NODES && nodeWrites.incrementAndGet() == 3) {
        freeze();
      }
      return result;
    }

    @Override
    public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
      if (point == Point.BETWEEN_NODES_AND_RELATIONSHIPS) {
        freeze();
      }
      blockIfFrozen();
      WriteResult result = super.upsertRelationships(relationships, mode);
      if (point == Point.IN_RELATIONSHIPS && relationshipWrites.incrementAndGet() == 3) {
        freeze();
      }
      return result;
    }

    private void freeze() {
      if (frozen.compareAndSet(false, true)) {
        System.out.println("FROZEN " + point);
        System.out.flush();
      }
      blockIfFrozen();
    }

    private void blockIfFrozen() {
      if (frozen.get()) {
        try {
          never.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while frozen, waiting for SIGKILL", e);
        }
      }
    }
  }
}
