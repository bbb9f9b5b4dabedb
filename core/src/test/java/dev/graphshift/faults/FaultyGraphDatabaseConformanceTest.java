package dev.graphshift.faults;

import dev.graphshift.GraphDatabase;
import dev.graphshift.conformance.GraphDatabaseContract;
import dev.graphshift.memory.InMemoryGraphDatabase;

/** With no fault switched on, the decorator must behave exactly as what it wraps. */
class FaultyGraphDatabaseConformanceTest extends GraphDatabaseContract {

  @Override
  protected GraphDatabase openEmptyDatabase() {
    return new FaultyGraphDatabase(InMemoryGraphDatabase.named("faulty-under-test"));
  }
}
