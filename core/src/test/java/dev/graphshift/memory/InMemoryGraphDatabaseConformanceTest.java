package dev.graphshift.memory;

import dev.graphshift.GraphDatabase;
import dev.graphshift.conformance.GraphDatabaseContract;

class InMemoryGraphDatabaseConformanceTest extends GraphDatabaseContract {

  @Override
  protected GraphDatabase openEmptyDatabase() {
    return InMemoryGraphDatabase.named("memory-under-test");
  }
}
