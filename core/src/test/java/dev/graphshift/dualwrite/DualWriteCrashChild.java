package dev.graphshift.dualwrite;

import dev.graphshift.Node;
import dev.graphshift.faults.FaultyGraphDatabase;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The process {@link DualWriteCrashIT} kills: dual-writes to an in-memory primary while the secondary is
 * down, with outbox delivery into a {@link FileDeadLetterQueue}, and prints {@code ACK <i>} after the call
 * for operation {@code i} returned. It writes until it is killed.
 *
 * <p>Arguments: the journal path and the {@link FsyncPolicy}.
 */
final class DualWriteCrashChild {
  private DualWriteCrashChild() {}

  /** The ids the plan writes. */
  static final int IDS = 50;

  /** Operation {@code i} of the plan: every tenth deletes, the rest upsert version {@code i}. */
  static boolean isDelete(int i) {
    return i % 10 == 9;
  }

  static String id(int i) {
    return "n" + (i * 7 % IDS);
  }

  static Node node(int i) {
    float[] embedding = new float[8];
    for (int d = 0; d < embedding.length; d++) {
      embedding[d] = i + d / 8f;
    }
    return Node.of(id(i), "Person", Map.of("v", i, "embedding", embedding,
        "at", OffsetDateTime.of(2026, 1, 1, 0, 0, i % 60, 0, ZoneOffset.UTC)));
  }

  public static void main(String[] args) {
    Path journal = Path.of(args[0]);
    FsyncPolicy fsync = FsyncPolicy.valueOf(args[1]);
    FileDeadLetterQueue dlq = FileDeadLetterQueue.builder(journal).fsync(fsync).build();
    FaultyGraphDatabase secondary = new FaultyGraphDatabase(InMemoryGraphDatabase.named("secondary")).down();
    DualWriteCoordinator dual = DualWriteCoordinator.builder(InMemoryGraphDatabase.named("primary"), secondary)
        .name("crash-child")
        .deadLetters(dlq)
        .delivery(DeliveryMode.OUTBOX)
        .retryInterval(Duration.ofDays(1))
        .build();
    System.out.println("READY");
    System.out.flush();
    for (int i = 0; ; i++) {
      if (isDelete(i)) {
        dual.deleteNode(id(i));
      } else {
        dual.upsertNode(node(i));
      }
      System.out.println("ACK " + i);
      System.out.flush();
    }
  }
}
