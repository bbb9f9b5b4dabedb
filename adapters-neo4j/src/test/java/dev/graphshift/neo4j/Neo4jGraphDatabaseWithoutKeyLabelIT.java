package dev.graphshift.neo4j;

import dev.graphshift.GraphDatabase;

/**
 * The conformance kit again with the fallback identity setting: property {@code id} and no key label, so
 * lookups and {@code MERGE} match unlabelled patterns.
 */
class Neo4jGraphDatabaseWithoutKeyLabelIT extends Neo4jGraphDatabaseIT {

  @Override
  protected GraphDatabase openEmptyDatabase() {
    Neo4jTestSupport.neo4j.clear();
    return Neo4jGraphDatabase.builder("neo4j-it-plain", Neo4jTestSupport.driver).build();
  }
}
