package dev.graphshift.shadow;

import dev.graphshift.GraphDatabase;
import dev.graphshift.conformance.GraphDatabaseContract;
import dev.graphshift.memory.InMemoryGraphDatabase;

/**
 * The shadow-read coordinator is a {@link GraphDatabase} like any other. Its secondary here stays empty,
 * so nearly every comparison is a mismatch: none of that may show in what the caller sees.
 */
class ShadowReadCoordinatorConformanceTest extends GraphDatabaseContract {

  @Override
  protected GraphDatabase openEmptyDatabase() {
    return ShadowReadCoordinator.builder(InMemoryGraphDatabase.named("shadow-under-test"), InMemoryGraphDatabase.named("empty"))
        .name("shadow-under-test")
        .build();
  }
}
