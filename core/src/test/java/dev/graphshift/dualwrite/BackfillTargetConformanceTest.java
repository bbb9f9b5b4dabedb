package dev.graphshift.dualwrite;

import dev.graphshift.GraphDatabase;
import dev.graphshift.conformance.GraphDatabaseContract;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.util.IdentityHashMap;
import java.util.Map;

/** The backfill view is a {@link GraphDatabase} too: the secondary, with ordered and filtered writes. */
class BackfillTargetConformanceTest extends GraphDatabaseContract {

  private final Map<GraphDatabase, DualWriteCoordinator> owners = new IdentityHashMap<>();

  @Override
  protected GraphDatabase openEmptyDatabase() {
    DualWriteCoordinator dual = DualWriteCoordinator.builder(InMemoryGraphDatabase.named("primary"),
            InMemoryGraphDatabase.named("secondary"))
        .name("view-under-test")
        .deadLetters(InMemoryDeadLetterQueue.create())
        .build();
    owners.put(dual.backfillTarget(), dual);
    return dual.backfillTarget();
  }

  @Override
  protected void closeDatabase(GraphDatabase database) {
    owners.remove(database).close();
  }
}
