package dev.graphshift.dualwrite;

import dev.graphshift.GraphDatabase;
import dev.graphshift.conformance.GraphDatabaseContract;
import dev.graphshift.memory.InMemoryGraphDatabase;

/** The coordinator is a {@link GraphDatabase} like any other: it answers as its primary does. */
class DualWriteCoordinatorConformanceTest extends GraphDatabaseContract {

  @Override
  protected GraphDatabase openEmptyDatabase() {
    return DualWriteCoordinator.builder(InMemoryGraphDatabase.named("primary"), InMemoryGraphDatabase.named("secondary"))
        .name("dual-under-test")
        .deadLetters(InMemoryDeadLetterQueue.create())
        .build();
  }
}
