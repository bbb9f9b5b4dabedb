package dev.graphshift.engram;

import dev.graphshift.testing.engram.EngramStandIn;
import org.junit.jupiter.api.AfterEach;

/** A test that runs the adapter against an Engram stand-in; both are closed after each test. */
abstract class AgainstStandIn {
  protected EngramStandIn engram;
  protected EngramGraphDatabase db;

  @AfterEach
  final void closeAdapterAndStandIn() {
    if (db != null) {
      db.close();
    }
    if (engram != null) {
      engram.close();
    }
  }
}
