// GraphShift notebook: a migration step by step, from an embedded Neo4j into an in-memory database.
// Start it from the repository root (see docs/walkthrough.md):
//   ./mvnw -B -q -pl examples -am verify -DskipTests -DskipITs dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
//   jshell --class-path "$(cat examples/target/classpath.txt)" examples/notebook.jsh
// Every step prints what it did. Run it top to bottom, or paste the steps one at a time.

import dev.graphshift.*;
import dev.graphshift.backfill.*;
import dev.graphshift.cutover.*;
import dev.graphshift.dualwrite.*;
import dev.graphshift.mapping.*;
import dev.graphshift.memory.*;
import dev.graphshift.neo4j.*;
import dev.graphshift.shadow.*;
import dev.graphshift.testing.*;
import dev.graphshift.validation.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;

void step(String title) { System.out.println(); System.out.println("== " + title); }
void check(boolean ok, String what) { if (!ok) throw new IllegalStateException("notebook check failed: " + what); System.out.println("ok: " + what); }

// 1. The databases: an embedded Neo4j (Bolt on a free port) as the source, an in-memory database as the target.
step("1. open the databases");
EmbeddedNeo4j server = EmbeddedNeo4j.start();
Neo4jGraphDatabase neo4j = Neo4jGraphDatabase.builder("neo4j", server.boltUri()).keyLabel("Entity").build();
InMemoryGraphDatabase target = InMemoryGraphDatabase.named("target");
System.out.println("source " + neo4j.name() + " at " + server.boltUri() + "; target " + target.name());

// 2. A small graph in Neo4j: people who know each other.
step("2. a small graph in Neo4j");
List<Node> people = new ArrayList<>();
for (int i = 0; i < 200; i++) people.add(Node.of("p" + i, "Person", Map.of("name", "Person " + i, "age", 20 + i % 50)));
List<Relationship> knows = new ArrayList<>();
for (int i = 0; i < 200; i++) knows.add(Relationship.of("k" + i, "KNOWS", "p" + i, "p" + ((i + 1) % 200), Map.of("since", 2000L + i % 25)));
System.out.println("nodes: " + neo4j.upsertNodes(people) + "; relationships: " + neo4j.upsertRelationships(knows));

// 3. The mapping: Person.name becomes full_name on the target, and every person gets migrated = true.
step("3. define a mapping");
SchemaMapping mapping = SchemaMapping.builder("people").
    node(NodeRule.builder("Person").rename("name", "full_name").derive("migrated", Derivation.constant(true)).build()).
    build();
SchemaMapper mapper = SchemaMapper.builder(mapping).build();
System.out.println(mapping.toYaml());
System.out.println("p1 becomes " + mapper.mapNodes(List.of(people.get(1))).accepted());

// 4. Dual writes: Neo4j answers, the target follows asynchronously, failures go to a durable dead-letter queue.
step("4. dual write");
Path work = Files.createTempDirectory("graphshift-notebook-");
FileDeadLetterQueue deadLetters = FileDeadLetterQueue.open(work.resolve("dead-letters.journal"));
DualWriteCoordinator dual = DualWriteCoordinator.builder(neo4j, target).mapper(mapper).deadLetters(deadLetters).build();
System.out.println(dual.upsertNode(Node.of("p200", "Person", Map.of("name", "Grace", "age", 37))));
System.out.println(dual.upsertRelationship(Relationship.of("k200", "KNOWS", "p200", "p0", Map.of("since", 2024L))));
System.out.println(dual.upsertNode(Node.of("p1", "Person", Map.of("name", "Ada, renamed", "age", 36))));
System.out.println(dual.deleteNode("p2"));
long waitUntil = System.nanoTime() + 30_000_000_000L;
while (!dual.caughtUp() && System.nanoTime() < waitUntil) Thread.sleep(10);
System.out.println(dual.metrics());
check(dual.caughtUp(), "the target caught up with the dual writes");
System.out.println("target now holds " + target.countNodes() + " nodes (only what was dual-written)");

// 5. Backfill: copies what existed before the dual writes, through the dual write's race-safe view
//    (it never overwrites a newer dual write, nor brings p2 back).
step("5. backfill");
BackfillReport backfill = Backfiller.builder(neo4j, dual.backfillTarget()).mapper(mapper).
    checkpoints(new InMemoryCheckpointStore()).build().run();
System.out.println(backfill.summary());
check(backfill.reconciles(), "the backfill's counts reconcile");
check(target.getNode("p2").isEmpty(), "the deleted p2 was not brought back");
check(target.getNode("p1").orElseThrow().properties().get("full_name").equals("Ada, renamed"), "the newer p1 was kept");

// 6. Validation: counts, a sampled deep check, a full diff, all through the mapping.
step("6. validate");
Validator validator = Validator.builder(neo4j, target).mapper(mapper).sampleSize(100).build();
ValidationReport counts = validator.counts();
System.out.println(counts.toText());
ValidationReport full = validator.full();
System.out.println(full.toText());
check(counts.passed() && full.passed(), "counts and the full diff pass");

// 7. Shadow reads: Neo4j answers, the target is asked too and compared (synchronously here, for the notebook).
step("7. shadow reads");
ShadowReadCoordinator shadow = ShadowReadCoordinator.builder(dual, target).mapper(mapper).
    executor(Runnable::run).dispatchInterval(Duration.ZERO).build();
for (int i = 0; i < 200; i++) shadow.getNode("p" + i);
System.out.println(shadow.metrics());
check(shadow.metrics().matchRate().orElse(0) == 1.0, "every shadow read matched");

// 8. Cutover, step by step: 1 % -> 10 % -> 50 % -> 100 % of reads on the target, sticky per id.
step("8. gradual cutover");
GradualCutoverRouter router = GradualCutoverRouter.builder(shadow, target).mapper(mapper).build();
for (int share : List.of(100, 1_000, 5_000, 10_000)) {
  router.share(share);
  CutoverMetrics before = router.metrics();
  for (int i = 0; i < 200; i++) router.getNode("p" + i);
  CutoverMetrics after = router.metrics();
  System.out.printf("share %5.1f %%: %3d reads from Neo4j, %3d from the target%n", share / 100.0,
      after.routedToPrimary() - before.routedToPrimary(), after.routedToSecondary() - before.routedToSecondary());
}
check(router.state().shareBasisPoints() == 10_000, "every read is on the target");
System.out.println("p1 as the application now reads it: " + router.getNode("p1").orElseThrow());

// 9. Done: close everything (the router closes the shadow reads, the dual write and both databases).
step("9. close");
router.close();
shadow.close();
dual.close();
deadLetters.close();
server.close();
System.out.println("NOTEBOOK COMPLETE");
/exit
