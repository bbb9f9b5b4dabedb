package dev.graphshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.graphshift.DatabaseException;
import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.neo4j.Neo4jGraphDatabase;
import dev.graphshift.testing.engram.EngramStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code graphshift copy} against in-memory targets, the embedded Neo4j, the Gremlin Server and the Engram stand-in. */
class CopyCommandIT extends WithServers {
  private static final String API_KEY = "engram_key_cli_Xq7secretPart";

  private static EngramStandIn engram;

  @TempDir
  Path dir;

  @BeforeAll
  static void startEngram() {
    engram = EngramStandIn.builder().apiKey(API_KEY).build().start();
  }

  @AfterAll
  static void stop() {
    engram.close();
  }

  @BeforeEach
  void clean() {
    neo4j.clear();
    gremlin.clear();
  }

  /** People p1..p3 who know each other in a line, and a company p1 works at. */
  private static InMemoryGraphDatabase people(String name) {
    InMemoryGraphDatabase db = InMemoryGraphDatabase.named(name);
    db.upsertNodes(List.of(Node.of("p1", "Person", Map.of("name", "Ada")), Node.of("p2", "Person", Map.of("name", "Bob")),
        Node.of("p3", "Person", Map.of("name", "Cy")), Node.of("c1", "Company", Map.of("name", "Acme"))));
    db.upsertRelationships(List.of(Relationship.of("k1", "KNOWS", "p1", "p2", Map.of()),
        Relationship.of("k2", "KNOWS", "p2", "p3", Map.of()), Relationship.of("w1", "WORKS_AT", "p1", "c1", Map.of())));
    return db;
  }

  private static final String MEMORY_TARGETS = """
      targets:
        src:
          database: memory
        dst:
          database: memory
      """;

  @Test
  void shouldCopyTheChosenLabelsAndTypesAndExitZero() {
    // given
    CliRun.targetsFile(dir, MEMORY_TARGETS);
    InMemoryGraphDatabase src = people("src");
    InMemoryGraphDatabase dst = InMemoryGraphDatabase.named("dst");
    Cli cli = Cli.builder().workingDirectory(dir).memoryDatabase("src", src).memoryDatabase("dst", dst).build();

    // when
    CliRun.Result r = CliRun.run(cli, "copy", "--from", "src", "--to", "dst", "--node", "Person", "--relationship", "KNOWS");

    // then
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(dst.countNodesByLabel()).isEqualTo(Map.of("Person", 3L));
    assertThat(dst.countRelationshipsByType()).isEqualTo(Map.of("KNOWS", 2L));
    assertThat(r.out()).contains("copy src -> dst: read 5, written 5, skipped 0 (already on the target), rejected 0");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void shouldSkipWhatIsThereAlreadyWhenRunAgain() {
    // given: a first copy of everything
    CliRun.targetsFile(dir, MEMORY_TARGETS);
    InMemoryGraphDatabase dst = InMemoryGraphDatabase.named("dst");
    Cli cli = Cli.builder().workingDirectory(dir).memoryDatabase("src", people("src")).memoryDatabase("dst", dst).build();
    assertThat(CliRun.run(cli, "copy", "-f", "src", "-t", "dst").code()).isEqualTo(0);

    // when
    CliRun.Result again = CliRun.run(cli, "copy", "-f", "src", "-t", "dst");

    // then
    assertThat(again.code()).as(again.toString()).isEqualTo(0);
    assertThat(again.out()).contains("read 7, written 0, skipped 7");
    assertThat(dst.countNodes()).isEqualTo(4);
    assertThat(dst.countRelationships()).isEqualTo(3);
  }

  @Test
  void shouldExitOneAndShowTheRejectedRecordsWhenEndpointsAreMissing() {
    // given: relationships chosen without their endpoints, into an empty target
    CliRun.targetsFile(dir, MEMORY_TARGETS);
    Cli cli = Cli.builder().workingDirectory(dir).memoryDatabase("src", people("src"))
        .memoryDatabase("dst", InMemoryGraphDatabase.named("dst")).build();

    // when
    CliRun.Result r = CliRun.run(cli, "copy", "--from", "src", "--to", "dst", "--relationship", "KNOWS");

    // then
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("rejected 2").contains("[dangling-endpoint]").contains("'k1'").contains("'k2'");
  }

  @Test
  void shouldNameTheUnknownLabelAndListTheKnownOnes() {
    // given
    CliRun.targetsFile(dir, MEMORY_TARGETS);
    InMemoryGraphDatabase dst = InMemoryGraphDatabase.named("dst");
    Cli cli = Cli.builder().workingDirectory(dir).memoryDatabase("src", people("src")).memoryDatabase("dst", dst).build();

    // when
    CliRun.Result r = CliRun.run(cli, "copy", "--from", "src", "--to", "dst", "--node", "Persn");

    // then
    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.err()).contains("unknown node label 'Persn'").contains("Company").contains("Person");
    assertThat(dst.countNodes()).isZero();
  }

  @Test
  void shouldWriteJsonLinesThatParseAndReconcileWhenCopyingNeo4jToNeptune() throws Exception {
    // given: 50 people and 49 KNOWS in Neo4j
    try (Neo4jGraphDatabase seed = Neo4jGraphDatabase.builder("seed", neo4j.boltUri()).keyLabel("Entity").build()) {
      List<Node> nodes = new ArrayList<>();
      List<Relationship> rels = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        nodes.add(Node.of("p" + i, "Person", Map.of("name", "person " + i, "age", (long) i)));
        if (i > 0) {
          rels.add(Relationship.of("k" + i, "KNOWS", "p" + (i - 1), "p" + i, Map.of("since", 2000L + i)));
        }
      }
      seed.upsertNodes(nodes);
      seed.upsertRelationships(rels);
    }
    CliRun.targetsFile(dir, """
        targets:
          source:
            database: neo4j
            uri: %s
            key_label: Entity
            max_retry_time: 0s
        """.formatted(neo4j.boltUri()) + neptuneTarget("neptune"));
    Cli cli = Cli.builder().workingDirectory(dir).build();

    // when
    CliRun.Result r = CliRun.run(cli, "copy", "--from", "source", "--to", "neptune", "--json", "--batch-size", "7",
        "--parallelism", "2");

    // then: every line is JSON, and the completed line reconciles with what Neptune holds
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    List<JsonNode> lines = r.json();
    assertThat(lines).isNotEmpty();
    assertThat(r.events("started")).hasSize(1);
    assertThat(r.events("progress")).isNotEmpty();
    JsonNode completed = r.events("completed").get(0);
    for (String phase : List.of("nodes", "relationships")) {
      JsonNode p = completed.get(phase);
      assertThat(p.get("read").asLong())
          .isEqualTo(p.get("written").asLong() + p.get("skipped").asLong() + p.get("rejected").asLong());
    }
    assertThat(completed.at("/nodes/written").asLong()).isEqualTo(50);
    assertThat(completed.at("/relationships/written").asLong()).isEqualTo(49);
    assertThat(gremlin.graph().traversal().V().hasLabel("Person").count().next()).isEqualTo(50L);
    assertThat(gremlin.graph().traversal().E().hasLabel("KNOWS").count().next()).isEqualTo(49L);

    // and a full validation of the same pair passes
    CliRun.Result v = CliRun.run(cli, "validate", "--source", "source", "--target", "neptune", "--full");
    assertThat(v.code()).as(v.toString()).isEqualTo(0);
  }

  @Test
  void shouldCopyNodesToEngramWithTheKeyFromTheEnvironmentAndNeverShowIt() {
    // given: an Engram target whose API key comes from the environment, and the hashing embedder
    CliRun.targetsFile(dir, """
        targets:
          src:
            database: memory
          people:
            database: engram
            url: %s
            space: people
            api_key: ${ENGRAM_API_KEY}
        embedder: hashing
        """.formatted(engram.baseUri()));
    Map<String, String> env = Map.of("ENGRAM_API_KEY", API_KEY);
    Cli cli = Cli.builder().workingDirectory(dir).environment(name -> Optional.ofNullable(env.get(name)))
        .memoryDatabase("src", people("src")).build();

    // when
    CliRun.Result r = CliRun.run(cli, "copy", "--from", "src", "--to", "people", "--node", "Person", "--verbose");

    // then
    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(engram.memoryCount("people")).contains(3L);
    assertThat(r.all()).doesNotContain(API_KEY).doesNotContain("Xq7secretPart");
  }

  @Test
  void shouldResumeAStoppedCopyFromItsCheckpoint() {
    // given: a target that fails for good after two node batches
    CliRun.targetsFile(dir, MEMORY_TARGETS);
    InMemoryGraphDatabase src = InMemoryGraphDatabase.named("src");
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      nodes.add(Node.of(String.format("n%02d", i), "Item", Map.of("i", (long) i)));
    }
    src.upsertNodes(nodes);
    InMemoryGraphDatabase dst = InMemoryGraphDatabase.named("dst");
    AtomicInteger writes = new AtomicInteger();
    GraphDatabase failing = new ForwardingGraphDatabase(dst) {
      @Override
      public WriteResult upsertNodes(List<Node> batch, WriteMode mode) {
        if (writes.incrementAndGet() > 2) {
          throw new DatabaseException("dst", "the disk is full", batch.stream().map(Node::id).toList(), null);
        }
        return super.upsertNodes(batch, mode);
      }
    };
    String[] copy = {"copy", "--from", "src", "--to", "dst", "--batch-size", "4", "--parallelism", "1",
        "--checkpoint", "copy.checkpoint.json"};
    CliRun.Result stopped = CliRun.run(Cli.builder().workingDirectory(dir).memoryDatabase("src", src)
        .memoryDatabase("dst", failing).build(), copy);
    assertThat(stopped.code()).as(stopped.toString()).isEqualTo(4);
    assertThat(stopped.err()).contains("the copy stopped").contains("target 'dst'").contains("the disk is full");
    assertThat(dir.resolve("copy.checkpoint.json")).exists();
    assertThat(dst.countNodes()).isEqualTo(8);
    Cli healthy = Cli.builder().workingDirectory(dir).memoryDatabase("src", src).memoryDatabase("dst", dst).build();

    // when: running it again without --resume refuses, with --resume continues
    CliRun.Result refused = CliRun.run(healthy, copy);
    String[] resume = java.util.stream.Stream.concat(java.util.Arrays.stream(copy), java.util.stream.Stream.of("--resume"))
        .toArray(String[]::new);
    CliRun.Result resumed = CliRun.run(healthy, resume);

    // then
    assertThat(refused.code()).as(refused.toString()).isEqualTo(3);
    assertThat(refused.err()).contains("add --resume");
    assertThat(resumed.code()).as(resumed.toString()).isEqualTo(0);
    assertThat(resumed.out()).contains("(resumed)").contains("read 20, written 20, skipped 0");
    assertThat(dst.countNodes()).isEqualTo(20);
    assertThat(dir.resolve("copy.checkpoint.json")).doesNotExist();
  }

  @Test
  void shouldRefuseCheckpointFlagsThatDoNotFit() throws Exception {
    // given
    CliRun.targetsFile(dir, MEMORY_TARGETS);
    Cli cli = Cli.builder().workingDirectory(dir).memoryDatabase("src", people("src")).build();

    // when
    CliRun.Result noFile = CliRun.run(cli, "copy", "-f", "src", "-t", "dst", "--resume");
    CliRun.Result nothingToResume = CliRun.run(cli, "copy", "-f", "src", "-t", "dst", "--checkpoint", "c.json", "--resume");
    CliRun.Result badBatch = CliRun.run(cli, "copy", "-f", "src", "-t", "dst", "--batch-size", "0");

    // then
    assertThat(noFile.code()).as(noFile.toString()).isEqualTo(2);
    assertThat(noFile.err()).contains("--resume needs --checkpoint FILE");
    assertThat(nothingToResume.code()).as(nothingToResume.toString()).isEqualTo(3);
    assertThat(nothingToResume.err()).contains("nothing to resume");
    assertThat(badBatch.code()).isEqualTo(2);
    assertThat(badBatch.err()).contains("--batch-size must be at least 1: 0");
    assertThat(Files.exists(dir.resolve("c.json"))).isFalse();
  }
}
