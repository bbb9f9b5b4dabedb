package dev.graphshift.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.Checked;
import dev.graphshift.ConfigurationException;
import dev.graphshift.Node;
import dev.graphshift.Relationship;
import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.conformance.Eventually;
import dev.graphshift.mapping.RecordMapper;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchemaMigratorTest {

  /** Maps Person to Individual and drops Secret. */
  private static final RecordMapper RENAMING = new RecordMapper() {
    @Override
    public Checked<Node> mapNodes(List<Node> nodes) {
      return Checked.allAccepted(nodes);
    }

    @Override
    public Checked<Relationship> mapRelationships(List<Relationship> relationships) {
      return Checked.allAccepted(relationships);
    }

    @Override
    public Optional<String> label(String sourceLabel) {
      return sourceLabel.equals("Secret") ? Optional.empty()
          : Optional.of(sourceLabel.equals("Person") ? "Individual" : sourceLabel);
    }
  };

  private final SchemaDatabase neo4jSource = new SchemaDatabase("neo4j-source");
  private final SchemaDatabase neo4jTarget = new SchemaDatabase("neo4j-target");

  SchemaMigratorTest() {
    neo4jSource.create(SchemaElement.uniqueNode("Person", "id"));
    neo4jSource.create(SchemaElement.nodeIndex("Person", "name", "born"));
    neo4jSource.create(SchemaElement.uniqueNode("Company", "id"));
    neo4jSource.create(SchemaElement.relationshipIndex("KNOWS", "since"));
    neo4jSource.create(SchemaElement.uniqueNode("Secret", "id"));
  }

  @Test
  void shouldCreateTheSourceSchemaThroughTheMappingOnANeo4jTarget() {
    // given
    neo4jTarget.create(SchemaElement.uniqueNode("Company", "id"));
    List<MigrationAppliedEvent> applied = Collections.synchronizedList(new ArrayList<>());
    MigrationListener listener = new MigrationListener() {
      @Override
      public void onApplied(MigrationAppliedEvent event) {
        applied.add(event);
      }
    };
    SchemaMigrator migrator = SchemaMigrator.builder(neo4jSource, neo4jTarget).mapper(RENAMING).owner("test")
        .listener(listener).build();

    // when
    MigrationReport report = migrator.run();

    // then
    assertThat(report.status()).isEqualTo(MigrationReport.Status.APPLIED);
    assertThat(neo4jTarget.readSchema()).containsExactlyInAnyOrder(
        SchemaElement.uniqueNode("Company", "id"),
        SchemaElement.uniqueNode("Individual", "id"),
        SchemaElement.nodeIndex("Individual", "name", "born"),
        SchemaElement.relationshipIndex("KNOWS", "since"));
    assertThat(report.outcomes(MigrationOutcome.Result.CREATED)).extracting(MigrationOutcome::migrationName)
        .containsExactly("unique:node:Individual(id)", "index:node:Individual(name,born)",
            "index:relationship:KNOWS(since)");
    assertThat(report.outcomes(MigrationOutcome.Result.ALREADY_PRESENT)).extracting(MigrationOutcome::migrationName)
        .containsExactly("unique:node:Company(id)");
    assertThat(report.outcomes(MigrationOutcome.Result.NOT_CARRIED)).singleElement()
        .satisfies(o -> assertThat(o.detail()).contains("label 'Secret'"));
    assertThat(neo4jTarget.appliedMigrations()).extracting(AppliedMigration::name).containsExactly(
        "unique:node:Individual(id)", "index:node:Individual(name,born)", "unique:node:Company(id)",
        "index:relationship:KNOWS(since)");
    assertThat(neo4jTarget.appliedMigrations()).allSatisfy(m -> assertThat(m.appliedBy()).isEqualTo("test"));
    assertThat(applied).hasSize(4);
    assertThat(neo4jTarget.schema().lockHolder()).isEmpty();
    assertThat(report.toText()).contains("CREATED unique:node:Individual(id)").contains("NOT_CARRIED");
  }

  @Test
  void shouldReportTheTargetUpToDateWhenEveryMigrationWasAppliedBefore() {
    // given
    SchemaMigrator.builder(neo4jSource, neo4jTarget).build().run();
    neo4jSource.create(SchemaElement.nodeIndex("Company", "name"));
    SchemaMigrator again = SchemaMigrator.builder(neo4jSource, neo4jTarget).build();

    // when
    List<MigrationOutcome> plan = again.plan();
    MigrationReport second = again.run();
    MigrationReport third = SchemaMigrator.builder(neo4jSource, neo4jTarget).build().run();

    // then
    assertThat(plan).filteredOn(o -> o.result() == MigrationOutcome.Result.CREATED).singleElement()
        .satisfies(o -> assertThat(o.migrationName()).isEqualTo("index:node:Company(name)"));
    assertThat(second.status()).isEqualTo(MigrationReport.Status.APPLIED);
    assertThat(second.outcomes(MigrationOutcome.Result.CREATED)).hasSize(1);
    assertThat(second.outcomes(MigrationOutcome.Result.ALREADY_APPLIED)).hasSize(5);
    assertThat(third.status()).isEqualTo(MigrationReport.Status.UP_TO_DATE);
    assertThat(neo4jTarget.appliedMigrations()).hasSize(6);
  }

  @Test
  void shouldReportANoOpWhenTheTargetHasNoSchema() {
    // given: a Neptune- or Engram-like target
    InMemoryGraphDatabase neptune = InMemoryGraphDatabase.named("neptune");
    SchemaMigrator migrator = SchemaMigrator.builder(neo4jSource, neptune).build();

    // when
    MigrationReport report = migrator.run();

    // then
    assertThat(report.status()).isEqualTo(MigrationReport.Status.NOT_SUPPORTED);
    assertThat(report.outcomes()).isEmpty();
    assertThat(report.notes()).singleElement().asString().contains("'neptune' has no schema");
    assertThat(migrator.metrics().noOps()).isEqualTo(1);
    assertThat(migrator.plan()).isEmpty();
  }

  @Test
  void shouldRefuseToOverlapAnotherRunNamingTheHolderOfTheLock() throws Exception {
    // given: a first run that stops inside the lock, creating its first element
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SchemaDatabase slowTarget = new SchemaDatabase("slow-target") {
      @Override
      public boolean create(SchemaElement element) {
        inside.countDown();
        try {
          assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return super.create(element);
      }
    };
    CompletableFuture<MigrationReport> first = CompletableFuture.supplyAsync(
        () -> SchemaMigrator.builder(neo4jSource, slowTarget).owner("first run").build().run());
    assertThat(inside.await(60, TimeUnit.SECONDS)).isTrue();
    SchemaMigrator second = SchemaMigrator.builder(neo4jSource, slowTarget).owner("second run").build();

    // when / then
    assertThatThrownBy(second::run)
        .isInstanceOf(MigrationLockedException.class)
        .hasMessageContaining("held by 'first run'")
        .satisfies(e -> assertThat(((MigrationLockedException) e).holder()).isEqualTo("first run"));
    assertThat(second.metrics().lockConflicts()).isEqualTo(1);
    release.countDown();
    assertThat(first.get(60, TimeUnit.SECONDS).status()).isEqualTo(MigrationReport.Status.APPLIED);
    Eventually.await("the first run released the lock", () -> slowTarget.schema().lockHolder().isEmpty());
    assertThat(second.run().status()).isEqualTo(MigrationReport.Status.UP_TO_DATE);
  }

  @Test
  void shouldReleaseTheLockWhenApplyingFailsAndLetALaterRunFinish() {
    // given
    SchemaDatabase failing = new SchemaDatabase("failing") {
      private boolean failed;

      @Override
      public boolean create(SchemaElement element) {
        if (!failed && element.labelOrType().equals("Company")) {
          failed = true;
          throw new IllegalStateException("connection reset");
        }
        return super.create(element);
      }
    };

    // when
    assertThatThrownBy(() -> SchemaMigrator.builder(neo4jSource, failing).build().run())
        .hasMessageContaining("connection reset");
    MigrationReport retry = SchemaMigrator.builder(neo4jSource, failing).build().run();

    // then
    assertThat(failing.schema().lockHolder()).isEmpty();
    assertThat(retry.outcomes(MigrationOutcome.Result.ALREADY_APPLIED)).hasSize(2);
    assertThat(retry.outcomes(MigrationOutcome.Result.CREATED)).hasSize(3);
  }

  @Test
  void shouldKeepTheRunsFailureAndAttachTheReleaseFailureWhenBothFail() {
    // given: a target whose creation fails, and whose lock cannot be released either (the database is gone)
    SchemaDatabase gone = new SchemaDatabase("gone") {
      @Override
      public boolean create(SchemaElement element) {
        throw new IllegalStateException("connection reset during create");
      }

      @Override
      public MigrationLock lock(String owner) {
        MigrationLock lock = super.lock(owner);
        return new MigrationLock() {
          @Override
          public String owner() {
            return lock.owner();
          }

          @Override
          public java.time.Instant acquiredAt() {
            return lock.acquiredAt();
          }

          @Override
          public void close() {
            throw new IllegalStateException("connection refused during release");
          }
        };
      }
    };

    // when / then: the caller learns why the run stopped, and that the lock may still be held
    assertThatThrownBy(() -> SchemaMigrator.builder(neo4jSource, gone).build().run())
        .hasMessageContaining("connection reset during create")
        .satisfies(e -> assertThat(e.getSuppressed()).singleElement().satisfies(
            s -> assertThat(s).hasMessageContaining("connection refused during release")));
  }

  @Test
  void shouldBreakALockLeftByADeadRun() {
    // given
    neo4jTarget.lock("dead run");

    // when
    SchemaMigrator migrator = SchemaMigrator.builder(neo4jSource, neo4jTarget).build();
    assertThatThrownBy(migrator::run).isInstanceOf(MigrationLockedException.class).hasMessageContaining("dead run");
    migrator.breakLock();

    // then
    assertThat(migrator.run().status()).isEqualTo(MigrationReport.Status.APPLIED);
  }

  @Test
  void shouldSayWhatToDoWhenASchemaTargetOffersNoSchemaStore() {
    // given: a schema-capable target wrapped by something that hides its store
    ForwardingGraphDatabase wrapped = new ForwardingGraphDatabase(neo4jTarget) {};

    // when / then
    assertThatThrownBy(() -> SchemaMigrator.builder(neo4jSource, wrapped).build().run())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("targetSchema");
    assertThat(SchemaMigrator.builder(neo4jSource, wrapped).targetSchema(neo4jTarget).build().run().status())
        .isEqualTo(MigrationReport.Status.APPLIED);
    assertThatThrownBy(() -> SchemaMigrator.builder(neo4jSource, wrapped).mapper(RENAMING)
        .translation(Optional::of)).isInstanceOf(IllegalStateException.class).hasMessageContaining("mapper");
  }
}
