package dev.graphshift.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.DatabaseException;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.ScanRequest;
import dev.graphshift.mapping.NodeRule;
import dev.graphshift.mapping.SchemaMapper;
import dev.graphshift.mapping.SchemaMapping;
import dev.graphshift.migration.AppliedMigration;
import dev.graphshift.migration.MigrationAppliedEvent;
import dev.graphshift.migration.MigrationListener;
import dev.graphshift.migration.MigrationLock;
import dev.graphshift.migration.MigrationLockedException;
import dev.graphshift.migration.MigrationOutcome;
import dev.graphshift.migration.MigrationReport;
import dev.graphshift.migration.SchemaElement;
import dev.graphshift.migration.SchemaMigrator;
import dev.graphshift.testing.EmbeddedNeo4j;
import dev.graphshift.validation.ValidationReport;
import dev.graphshift.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/**
 * {@code migrations run} from a source Neo4j (the run's shared embedded server) to a target Neo4j (a
 * second embedded server of this class): the schema read and created, applied migrations recorded on the
 * target, the lock, and the bookkeeping kept out of the graph.
 */
class Neo4jSchemaMigrationIT extends Neo4jTestSupport {

  private static EmbeddedNeo4j targetServer;
  private static Driver targetDriver;

  private Neo4jGraphDatabase source;
  private Neo4jGraphDatabase target;

  @BeforeAll
  static void startTarget() {
    targetServer = EmbeddedNeo4j.start();
    targetDriver = org.neo4j.driver.GraphDatabase.driver(targetServer.boltUri(), AuthTokens.none());
  }

  @AfterAll
  static void stopTarget() {
    targetDriver.close();
    targetServer.close();
  }

  @BeforeEach
  void open() {
    dropSchema(driver);
    targetServer.clear();
    dropSchema(targetDriver);
    source = Neo4jGraphDatabase.builder("neo4j-source", driver).keyLabel("Entity").build();
    target = Neo4jGraphDatabase.builder("neo4j-target", targetDriver).keyLabel("Entity")
        .clock(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC)).build();
  }

  /** The shared server goes back to the other test classes without the schema of these tests. */
  @AfterEach
  void close() {
    source.close();
    target.close();
    dropSchema(driver);
  }

  private static List<Record> onTarget(String statement) {
    return targetDriver.executableQuery(statement).execute().records();
  }

  /** The application's schema on the source, of every kind the model carries and one it does not. */
  private static void sourceSchema() {
    cypher("CREATE CONSTRAINT person_email FOR (n:Person) REQUIRE n.email IS UNIQUE");
    cypher("CREATE CONSTRAINT knows_key FOR ()-[r:KNOWS]-() REQUIRE r.key IS UNIQUE");
    cypher("CREATE INDEX person_name FOR (n:Person) ON (n.name, n.born)");
    cypher("CREATE INDEX read_at FOR ()-[r:READ]-() ON (r.at)");
    cypher("CREATE TEXT INDEX person_bio FOR (n:Person) ON (n.bio)");
    cypher("CREATE POINT INDEX place_location FOR (n:Place) ON (n.location)");
    cypher("CREATE VECTOR INDEX document_embedding FOR (n:Document) ON (n.embedding) "
        + "OPTIONS {indexConfig: {`vector.dimensions`: 4, `vector.similarity_function`: 'euclidean'}}");
    cypher("CREATE FULLTEXT INDEX search FOR (n:Person|Document) ON EACH [n.bio]");
  }

  private static final List<String> SOURCE_MIGRATIONS = List.of(
      "unique:relationship:KNOWS(key)", "unique:node:Person(email)", "vector-index:node:Document(embedding)",
      "point-index:node:Place(location)", "text-index:node:Person(bio)", "index:node:Person(name,born)",
      "index:relationship:READ(at)");

  private void smallGraph(Neo4jGraphDatabase db) {
    db.upsertNodes(List.of(Node.of("p1", "Person", Map.of("email", "a@example.com")),
        Node.of("p2", "Person", Map.of("email", "b@example.com"))));
    db.upsertRelationships(List.of(Relationship.of("k1", "KNOWS", "p1", "p2", Map.of("key", "x"))));
  }

  @Test
  void shouldCreateTheSourceSchemaOnTheTargetAndReportItUpToDateWhenRunAgain() {
    // given: the application's schema, and the adapter's own (key constraint, relationship id index)
    sourceSchema();
    smallGraph(source);

    // when
    MigrationReport first = SchemaMigrator.builder(source, target).owner("it").build().run();
    MigrationReport second = SchemaMigrator.builder(source, target).owner("it").build().run();

    // then: every element of a kind the model has, none of the adapter's, the full-text index left out
    assertThat(source.readSchema()).extracting(SchemaElement::migrationName)
        .containsExactlyInAnyOrderElementsOf(SOURCE_MIGRATIONS);
    assertThat(first.status()).isEqualTo(MigrationReport.Status.APPLIED);
    assertThat(first.outcomes(MigrationOutcome.Result.CREATED)).extracting(MigrationOutcome::migrationName)
        .containsExactlyElementsOf(source.readSchema().stream().map(SchemaElement::migrationName).toList());
    assertThat(target.readSchema()).containsExactlyInAnyOrderElementsOf(source.readSchema());
    assertThat(target.readSchema()).filteredOn(e -> e.kind() == SchemaElement.Kind.VECTOR_INDEX).singleElement()
        .satisfies(e -> assertThat(e.options()).containsEntry("vector.dimensions", 4L)
            .containsEntry("vector.similarity_function", "EUCLIDEAN"));
    assertThat(onTarget("SHOW CONSTRAINTS YIELD name RETURN name")).extracting(r -> r.get("name").asString())
        .contains("unique:node:Person(email)", "unique:relationship:KNOWS(key)",
            "unique:node:__GraphShiftMigrationLock(lock)", "unique:node:__GraphShiftMigration(name)");
    assertThat(target.appliedMigrations()).extracting(AppliedMigration::name)
        .containsExactlyElementsOf(first.outcomes().stream().map(MigrationOutcome::migrationName).toList());
    assertThat(target.appliedMigrations()).allSatisfy(m -> assertThat(m.appliedBy()).isEqualTo("it"));
    assertThat(onTarget("MATCH (l:__GraphShiftMigrationLock) RETURN l")).isEmpty();
    assertThat(second.status()).isEqualTo(MigrationReport.Status.UP_TO_DATE);
    assertThat(second.outcomes()).hasSize(SOURCE_MIGRATIONS.size())
        .allSatisfy(o -> assertThat(o.result()).isEqualTo(MigrationOutcome.Result.ALREADY_APPLIED));
  }

  @Test
  void shouldReportWhatTheTargetHasAlreadyAsPresentWhateverItsName() {
    // given: the target has the email constraint under another name, and a constraint where an index is wanted
    sourceSchema();
    onTarget("CREATE CONSTRAINT their_email FOR (n:Person) REQUIRE n.email IS UNIQUE");
    onTarget("CREATE CONSTRAINT their_read_at FOR ()-[r:READ]-() REQUIRE r.at IS UNIQUE");

    // when
    MigrationReport report = SchemaMigrator.builder(source, target).build().run();

    // then
    assertThat(report.outcomes(MigrationOutcome.Result.ALREADY_PRESENT)).extracting(MigrationOutcome::migrationName)
        .containsExactlyInAnyOrder("unique:node:Person(email)", "index:relationship:READ(at)");
    assertThat(report.outcomes(MigrationOutcome.Result.CREATED)).hasSize(SOURCE_MIGRATIONS.size() - 2);
    assertThat(target.appliedMigrations()).hasSize(SOURCE_MIGRATIONS.size());
  }

  @Test
  void shouldCreateTheSchemaUnderTheTargetLabelWhenTheMappingRenamesALabel() {
    // given
    sourceSchema();
    SchemaMapper renaming = SchemaMapper.builder(SchemaMapping.builder("rename")
        .node(NodeRule.builder("Person").targetLabel("Individual").build()).build()).build();

    // when
    MigrationReport report = SchemaMigrator.builder(source, target).mapper(renaming).build().run();

    // then
    assertThat(report.status()).isEqualTo(MigrationReport.Status.APPLIED);
    assertThat(target.readSchema()).contains(SchemaElement.uniqueNode("Individual", "email"),
        SchemaElement.nodeIndex("Individual", "name", "born"),
        new SchemaElement(SchemaElement.Kind.TEXT_INDEX, SchemaElement.Entity.NODE, "Individual", List.of("bio")));
    assertThat(target.readSchema()).noneMatch(e -> e.labelOrType().equals("Person"));
    assertThat(target.appliedMigrations()).extracting(AppliedMigration::name).contains("unique:node:Individual(email)");
  }

  /** Stops the run it listens to at its first applied migration, inside the lock, until released. */
  private static MigrationListener stoppingInside(CountDownLatch inside, CountDownLatch release) {
    return new MigrationListener() {
      @Override
      public void onApplied(MigrationAppliedEvent event) {
        inside.countDown();
        try {
          assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    };
  }

  @Test
  void shouldRefuseARunWhileAnotherHoldsTheLockNamingTheHolder() throws Exception {
    // given: a first run stopped inside the lock
    sourceSchema();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<MigrationReport> first = CompletableFuture.supplyAsync(() -> SchemaMigrator.builder(source, target)
        .listener(stoppingInside(inside, release)).owner("first run").build().run());
    assertThat(inside.await(60, TimeUnit.SECONDS)).isTrue();
    SchemaMigrator second = SchemaMigrator.builder(source, target).owner("second run").build();

    // when / then
    assertThatThrownBy(second::run).isInstanceOf(MigrationLockedException.class)
        .hasMessageContaining("held by 'first run' since 2026-01-02T03:04:05Z")
        .satisfies(e -> assertThat(((MigrationLockedException) e).holder()).isEqualTo("first run"));
    assertThat(onTarget("MATCH (l:__GraphShiftMigrationLock) RETURN l.owner AS owner"))
        .singleElement().satisfies(r -> assertThat(r.get("owner").asString()).isEqualTo("first run"));
    release.countDown();
    assertThat(first.get(60, TimeUnit.SECONDS).status()).isEqualTo(MigrationReport.Status.APPLIED);
    assertThat(onTarget("MATCH (l:__GraphShiftMigrationLock) RETURN l")).isEmpty();
    assertThat(second.run().status()).isEqualTo(MigrationReport.Status.UP_TO_DATE);
    assertThat(second.metrics().lockConflicts()).isEqualTo(1);
  }

  @Test
  void shouldGiveTheLockToExactlyOneOfConcurrentCallers() throws Exception {
    // given
    int callers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<MigrationLock>> attempts = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        String owner = "caller " + i;
        attempts.add(pool.submit(() -> {
          assertThat(start.await(60, TimeUnit.SECONDS)).isTrue();
          return target.lock(owner);
        }));
      }

      // when
      start.countDown();
      List<MigrationLock> held = new ArrayList<>();
      List<String> refusedBy = new ArrayList<>();
      for (Future<MigrationLock> attempt : attempts) {
        try {
          held.add(attempt.get(60, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(MigrationLockedException.class);
          refusedBy.add(((MigrationLockedException) e.getCause()).holder());
        }
      }

      // then
      assertThat(held).hasSize(1);
      assertThat(refusedBy).hasSize(callers - 1).containsOnly(held.get(0).owner());
      held.get(0).close();
      held.get(0).close();
      assertThat(onTarget("MATCH (l:__GraphShiftMigrationLock) RETURN l")).isEmpty();
      target.lock("after").close();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldReleaseTheLockWhenACreationFailsAndFinishOnALaterRun() {
    // given: duplicate emails on the target, which the uniqueness constraint cannot be created over
    sourceSchema();
    onTarget("CREATE (:Person {email: 'same'}), (:Person {email: 'same'})");

    // when
    assertThatThrownBy(() -> SchemaMigrator.builder(source, target).build().run())
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("create unique:node:Person(email)");
    List<AppliedMigration> beforeFix = target.appliedMigrations();
    onTarget("MATCH (p:Person {email: 'same'}) WITH p LIMIT 1 DELETE p");
    MigrationReport retry = SchemaMigrator.builder(source, target).build().run();

    // then
    assertThat(onTarget("MATCH (l:__GraphShiftMigrationLock) RETURN l")).isEmpty();
    assertThat(beforeFix).extracting(AppliedMigration::name).containsExactly("unique:relationship:KNOWS(key)");
    assertThat(retry.outcomes(MigrationOutcome.Result.ALREADY_APPLIED)).hasSize(1);
    assertThat(retry.outcomes(MigrationOutcome.Result.CREATED)).hasSize(SOURCE_MIGRATIONS.size() - 1);
  }

  @Test
  void shouldBreakALockLeftByADeadRun() {
    // given
    sourceSchema();
    target.lock("dead run");
    SchemaMigrator migrator = SchemaMigrator.builder(source, target).build();
    assertThatThrownBy(migrator::run).isInstanceOf(MigrationLockedException.class).hasMessageContaining("dead run");

    // when
    migrator.breakLock();

    // then
    assertThat(migrator.run().status()).isEqualTo(MigrationReport.Status.APPLIED);
  }

  @Test
  void shouldRefuseToPassOffAnElementOfTheSameNameButAnotherDefinitionAsPresent() {
    // given: the name the migration would use, taken by an index on other properties
    sourceSchema();
    onTarget("CREATE INDEX `index:node:Person(name,born)` FOR (n:Person) ON (n.nickname)");

    // when / then
    assertThatThrownBy(() -> SchemaMigrator.builder(source, target).build().run())
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("named 'index:node:Person(name,born)' exists with another definition");
    assertThat(onTarget("MATCH (l:__GraphShiftMigrationLock) RETURN l")).isEmpty();
  }

  @Test
  void shouldKeepTheBookkeepingNodesOutOfScansCountsAndValidation() {
    // given: the same graph on both sides, and the target's migration log and a held lock
    sourceSchema();
    smallGraph(source);
    smallGraph(target);
    SchemaMigrator.builder(source, target).build().run();
    MigrationLock held = target.lock("holder");

    // when
    ValidationReport full = Validator.builder(source, target).build().full();
    ValidationReport counts = Validator.builder(source, target).build().counts();

    // then
    assertThat(onTarget("MATCH (n) WHERE n:__GraphShiftMigration OR n:__GraphShiftMigrationLock RETURN n"))
        .hasSize(SOURCE_MIGRATIONS.size() + 1);
    assertThat(target.countNodes()).isEqualTo(2);
    assertThat(target.countNodesByLabel()).containsOnlyKeys("Person");
    assertThat(items(pages(target::scanNodes, ScanRequest.all(3)))).extracting(Node::id).containsExactlyInAnyOrder("p1", "p2");
    assertThat(rejected(pages(target::scanNodes, ScanRequest.all(3)))).isEmpty();
    assertThat(target.sampleNodes(10, 1)).extracting(Node::id).containsExactlyInAnyOrder("p1", "p2");
    assertThat(full.passed()).as(full.toText()).isTrue();
    assertThat(full.notes()).isEmpty();
    assertThat(counts.passed()).as(counts.toText()).isTrue();
    held.close();
  }
}
