package dev.graphshift.neo4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: adapters (or the partitions of a backfill) writing the first records of a key label or a
 * relationship type at the same moment all create the same schema {@code IF NOT EXISTS}, and Neo4j fails
 * the losers of that race with {@code EquivalentSchemaRuleAlreadyExists}, a client error that used to stop
 * the write (and with it a parallel backfill or copy). Every write must succeed.
 */
class Neo4jConcurrentSchemaIT extends Neo4jTestSupport {

  private static final int WRITERS = 4;
  private static final int ROUNDS = 5;

  @AfterEach
  void dropTheRacedSchema() {
    dropSchema(driver);
  }

  @Test
  void shouldWriteWhenSeveralAdaptersCreateTheSameSchemaAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        // given: fresh adapters, a key label and a relationship type nobody has written yet
        String keyLabel = "Raced" + round;
        String type = "RACED_" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<WriteResult>> writes = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          String a = "r" + round + "a" + w;
          String b = "r" + round + "b" + w;
          writes.add(pool.submit(() -> {
            try (Neo4jGraphDatabase db = Neo4jGraphDatabase.builder("racer", driver).keyLabel(keyLabel).build()) {
              assertThat(start.await(60, TimeUnit.SECONDS)).isTrue();
              db.upsertNodes(List.of(Node.of(a, "Person", Map.of()), Node.of(b, "Person", Map.of())));
              return db.upsertRelationships(List.of(Relationship.of(a + "-" + b, type, a, b, Map.of())));
            }
          }));
        }

        // when
        start.countDown();

        // then
        for (Future<WriteResult> write : writes) {
          assertThat(write.get(120, TimeUnit.SECONDS).written()).isEqualTo(1);
        }
        assertThat(cypher("MATCH (n:" + keyLabel + ") RETURN n")).hasSize(2 * WRITERS);
        assertThat(cypher("MATCH ()-[r:" + type + "]->() RETURN r")).hasSize(WRITERS);
        assertThat(cypher("SHOW CONSTRAINTS YIELD labelsOrTypes WHERE labelsOrTypes = [$l] RETURN 1",
            Map.of("l", keyLabel))).hasSize(1);
        assertThat(cypher("SHOW INDEXES YIELD labelsOrTypes WHERE labelsOrTypes = [$t] RETURN 1",
            Map.of("t", type))).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
