package dev.graphshift.cutover;

import dev.graphshift.GraphDatabase;
import dev.graphshift.conformance.GraphDatabaseContract;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.time.Duration;

/**
 * The router is a {@link GraphDatabase} like any other. Half the reads are routed to the secondary; the
 * secondary here is the primary itself (as after a complete backfill and dual write), so every read must
 * see every write whichever side answers it.
 */
class GradualCutoverRouterConformanceTest extends GraphDatabaseContract {

  @Override
  protected GraphDatabase openEmptyDatabase() {
    InMemoryGraphDatabase both = InMemoryGraphDatabase.named("router-under-test");
    return GradualCutoverRouter.builder(both, both)
        .name("router-under-test")
        .initialShare(5_000)
        .tickInterval(Duration.ZERO)
        .build();
  }
}
