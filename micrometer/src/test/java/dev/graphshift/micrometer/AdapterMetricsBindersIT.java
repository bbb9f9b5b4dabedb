package dev.graphshift.micrometer;

import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_NEAR_DUPLICATES;
import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_REJECTED;
import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_REMEMBERED;
import static dev.graphshift.micrometer.GraphShiftMeters.ENGRAM_REQUESTS;
import static dev.graphshift.micrometer.GraphShiftMeters.NEO4J_DELETED;
import static dev.graphshift.micrometer.GraphShiftMeters.NEO4J_RECORDS;
import static dev.graphshift.micrometer.GraphShiftMeters.NEO4J_SCANNED;
import static dev.graphshift.micrometer.GraphShiftMeters.NEPTUNE_CONFLICTS;
import static dev.graphshift.micrometer.GraphShiftMeters.NEPTUNE_INFLIGHT;
import static dev.graphshift.micrometer.GraphShiftMeters.NEPTUNE_RECORDS;
import static dev.graphshift.micrometer.GraphShiftMeters.NEPTUNE_REQUESTS;
import static dev.graphshift.micrometer.GraphShiftMeters.NEPTUNE_RETRIES;
import static dev.graphshift.micrometer.Meters.count;
import static dev.graphshift.micrometer.Meters.gauge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graphshift.Node;
import dev.graphshift.ScanRequest;
import dev.graphshift.WriteMode;
import dev.graphshift.engram.EngramGraphDatabase;
import dev.graphshift.neo4j.Neo4jGraphDatabase;
import dev.graphshift.neptune.NeptuneGraphDatabase;
import dev.graphshift.testing.EmbeddedGremlinServer;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.testing.EmbeddedNeo4jExtension;
import dev.graphshift.testing.SharedGremlinServerExtension;
import dev.graphshift.testing.engram.EngramStandIn;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;

/** The adapters' binders against the real in-process servers: embedded Neo4j, Gremlin Server, the Engram stand-in. */
@ExtendWith({EmbeddedNeo4jExtension.class, SharedGremlinServerExtension.class})
class AdapterMetricsBindersIT {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static List<Node> people(String prefix, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> Node.of(prefix + i, "Person", Map.of("name", "person " + i))).toList();
  }

  private static void assertNamesAndTags(GraphShiftMeterBinder<?> binder, String prefix, String name, String database) {
    assertThat(binder.meters().stream().map(m -> m.getId().getName()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(Catalog.meterNames(prefix));
    assertThat(binder.meters()).extracting(Meter::getId)
        .allSatisfy(id -> assertThat(id.getTags()).contains(Tag.of("name", name), Tag.of("database", database)));
  }

  @Test
  void shouldCountWrittenSkippedDeletedAndScannedRecordsWhenNeo4jIsWritten(EmbeddedNeo4j neo4j) {
    // given
    neo4j.clear();
    try (Driver driver = org.neo4j.driver.GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none());
        Neo4jGraphDatabase db = Neo4jGraphDatabase.builder("neo4j-it", driver).keyLabel("Entity").build()) {
      Neo4jMetricsBinder binder = new Neo4jMetricsBinder(db);
      binder.bindTo(registry);

      // when
      db.upsertNodes(people("p", 5));
      db.upsertNodes(people("p", 3), WriteMode.INSERT_IF_ABSENT);
      db.scanNodes(ScanRequest.all(100));
      db.deleteNodes(List.of("p0", "p1"));

      // then
      assertNamesAndTags(binder, "graphshift.neo4j.", "neo4j-it", "neo4j");
      assertThat(count(registry, NEO4J_RECORDS, "name", "neo4j-it", "kind", "node", "outcome", "written"))
          .isEqualTo(5);
      assertThat(count(registry, NEO4J_RECORDS, "name", "neo4j-it", "kind", "node", "outcome", "skipped"))
          .isEqualTo(3);
      assertThat(count(registry, NEO4J_SCANNED, "name", "neo4j-it", "outcome", "read")).isEqualTo(5);
      assertThat(count(registry, NEO4J_DELETED, "name", "neo4j-it")).isEqualTo(2);
    }
  }

  @Test
  void shouldCountRequestsRetriesAndConflictsWhenNeptuneAnswersWithConcurrentModifications(
      EmbeddedGremlinServer server) {
    // given
    try (NeptuneGraphDatabase db = NeptuneGraphDatabase.builder(server.host()).name("neptune-it").port(server.port())
        .tls(false).lanes(1).retryInitialBackoff(Duration.ofMillis(1)).retryMaxBackoff(Duration.ofMillis(5)).build()) {
      NeptuneMetricsBinder binder = new NeptuneMetricsBinder(db);
      binder.bindTo(registry);
      server.failNextTraversals(2, EmbeddedGremlinServer.NEPTUNE_CONCURRENT_MODIFICATION_MESSAGE);

      // when
      db.upsertNodes(people("metrics-neptune-", 4));

      // then
      assertNamesAndTags(binder, "graphshift.neptune.", "neptune-it", "neptune");
      assertThat(count(registry, NEPTUNE_RETRIES, "name", "neptune-it")).isEqualTo(2);
      assertThat(count(registry, NEPTUNE_CONFLICTS, "name", "neptune-it")).isEqualTo(2);
      assertThat(count(registry, NEPTUNE_REQUESTS, "name", "neptune-it")).isEqualTo(db.metrics().requests())
          .isGreaterThanOrEqualTo(3);
      assertThat(count(registry, NEPTUNE_RECORDS, "name", "neptune-it", "outcome", "written")).isEqualTo(4);
      assertThat(gauge(registry, NEPTUNE_INFLIGHT, "name", "neptune-it")).isZero();
    }
  }

  @Test
  void shouldCountRememberedMemoriesAndHeldBackNearDuplicatesWhenEngramIsWritten() {
    // given: two nodes of the batch share an embedding, so Engram would keep only one
    float[] shared = vector(1);
    List<Node> batch = List.of(
        Node.of("a", "Doc", Map.of("title", "a", "embedding", shared)),
        Node.of("b", "Doc", Map.of("title", "b", "embedding", vector(2))),
        Node.of("a-again", "Doc", Map.of("title", "c", "embedding", shared)));
    try (EngramStandIn engram = EngramStandIn.builder().build().start();
        EngramGraphDatabase db = EngramGraphDatabase.builder("engram-it", engram.baseUri()).build()) {
      EngramMetricsBinder binder = new EngramMetricsBinder(db);
      binder.bindTo(registry);

      // when
      db.upsertNodes(batch);

      // then
      assertNamesAndTags(binder, "graphshift.engram.", "engram-it", "engram");
      assertThat(count(registry, ENGRAM_REMEMBERED, "name", "engram-it")).isEqualTo(2);
      assertThat(count(registry, ENGRAM_NEAR_DUPLICATES, "name", "engram-it")).isEqualTo(1);
      assertThat(count(registry, ENGRAM_REJECTED, "name", "engram-it")).isEqualTo(1);
      assertThat(count(registry, ENGRAM_REQUESTS, "name", "engram-it")).isEqualTo(db.metrics().requests()).isPositive();
    }
  }

  /** A pseudo-random 768-d vector: two seeds give nearly orthogonal vectors. */
  private static float[] vector(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[768];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }
}
