package dev.graphshift.engram;

import dev.graphshift.GraphDatabase;
import dev.graphshift.conformance.GraphDatabaseContract;
import dev.graphshift.testing.engram.EngramStandIn;

/**
 * The conformance kit against the Engram adapter talking to the Engram stand-in over HTTP. Each test
 * gets a fresh stand-in (an empty server). Kit nodes carry no embedding: the adapter's embedder hook
 * supplies a deterministic one from each memory's content (the kit compares what it reads back with the
 * node it wrote, and reads never return the embedding, so adding one in {@code adapt} would make every
 * read differ). Every write is verified (read after write). The kit asserts the rejections where Engram
 * lacks a capability (relationships, deletes).
 */
class EngramGraphDatabaseIT extends GraphDatabaseContract {

  private EngramStandIn standIn;

  @Override
  protected GraphDatabase openEmptyDatabase() {
    standIn = EngramStandIn.builder().build().start();
    return EngramGraphDatabase.builder("engram-under-test", standIn.baseUri())
        .embedder(new HashEmbedder())
        .verification(Verification.full())
        .build();
  }

  @Override
  protected void closeDatabase(GraphDatabase database) {
    database.close();
    standIn.close();
  }
}
