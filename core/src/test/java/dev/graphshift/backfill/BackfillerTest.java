package dev.graphshift.backfill;

import dev.graphshift.ForwardingGraphDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graphshift.Checked;
import dev.graphshift.ConfigurationException;
import dev.graphshift.DatabaseException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import dev.graphshift.ScanPage;
import dev.graphshift.ScanRequest;
import dev.graphshift.TransientDatabaseException;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.conformance.Eventually;
import dev.graphshift.faults.FaultyGraphDatabase;
import dev.graphshift.mapping.RecordMapper;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackfillerTest {

  private final InMemoryGraphDatabase source = Graphs.sourceGraph("source", 300);
  private final InMemoryGraphDatabase target = InMemoryGraphDatabase.named("target");
  private final ManualClock clock = new ManualClock();
  private final FakeSleeper sleeper = new FakeSleeper(clock);

  private Backfiller.Builder backfill(GraphDatabase from, GraphDatabase to) {
    return Backfiller.builder(from, to).checkpoints(new InMemoryCheckpointStore()).clock(clock).sleeper(sleeper);
  }

  @Test
  void shouldCopyEveryNodeThenEveryRelationshipWhenTargetIsEmpty() {
    // given
    List<String> writes = Collections.synchronizedList(new ArrayList<>());
    GraphDatabase recording = new ForwardingGraphDatabase(target) {
      @Override
      public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
        assertThat(mode).isEqualTo(WriteMode.INSERT_IF_ABSENT);
        writes.add("nodes");
        return super.upsertNodes(nodes, mode);
      }

      @Override
      public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
        assertThat(mode).isEqualTo(WriteMode.INSERT_IF_ABSENT);
        writes.add("relationships");
        return super.upsertRelationships(relationships, mode);
      }
    };

    // when
    BackfillReport report = backfill(source, recording).batchSize(17).parallelism(3).build().run();

    // then
    Graphs.assertSameGraph(source, target);
    assertThat(writes.indexOf("relationships")).isGreaterThan(writes.lastIndexOf("nodes"));
    assertThat(report.reconciles()).isTrue();
    assertThat(report.nodes().read()).isEqualTo(source.countNodes());
    assertThat(report.nodes().written()).isEqualTo(source.countNodes());
    assertThat(report.relationships().written()).isEqualTo(source.countRelationships());
    assertThat(report.rejected()).isZero();
    assertThat(report.nodes().partitions()).isEqualTo(3);
    assertThat(report.resumed()).isFalse();
  }

  @Test
  void shouldLeaveNewerTargetRecordAloneAndCountItSkippedWhenDualWriteWasFirst() {
    // given
    Node newer = Node.of(Graphs.nodeId(4), "Person", Map.of("name", "renamed by the application"));
    target.upsertNode(newer);

    // when
    BackfillReport report = backfill(source, target).batchSize(50).build().run();

    // then
    assertThat(target.getNode(newer.id())).contains(newer);
    assertThat(report.nodes().skipped()).isEqualTo(1);
    assertThat(report.nodes().written()).isEqualTo(source.countNodes() - 1);
    assertThat(report.reconciles()).isTrue();
  }

  @Test
  void shouldRejectRecordsWithReasonsGroupedByRuleWhenMapperOrTargetRefuseThem() {
    // given: the mapper refuses every 10th node; relationships to those nodes dangle on the target
    RecordMapper picky = new RecordMapper() {
      @Override
      public Checked<Node> mapNodes(List<Node> nodes) {
        List<Node> ok = new ArrayList<>();
        List<Rejected> no = new ArrayList<>();
        for (Node n : nodes) {
          if (Integer.parseInt(n.id().substring(1)) % 10 == 0) {
            no.add(new Rejected(n, Rules.CONVERSION, "property 'age' cannot be converted"));
          } else {
            ok.add(n);
          }
        }
        return new Checked<>(ok, no);
      }

      @Override
      public Checked<Relationship> mapRelationships(List<Relationship> relationships) {
        return Checked.allAccepted(relationships);
      }
    };
    List<Rejected> heard = Collections.synchronizedList(new ArrayList<>());
    BackfillListener listener = new BackfillListener() {
      @Override
      public void onRecordsRejected(BackfillRecordsRejectedEvent event) {
        heard.addAll(event.rejected());
      }
    };

    // when
    BackfillReport report = backfill(source, target).mapper(picky).batchSize(40).listener(listener)
        .maxRejectedExamples(3).build().run();

    // then
    assertThat(report.reconciles()).isTrue();
    assertThat(report.nodes().rejectedByRule()).containsOnlyKeys(Rules.CONVERSION);
    assertThat(report.nodes().rejected()).isEqualTo(30);
    long dangling = Graphs.relationships(source).values().stream()
        .filter(r -> Integer.parseInt(r.startId().substring(1)) % 10 == 0
            || Integer.parseInt(r.endId().substring(1)) % 10 == 0)
        .count();
    assertThat(report.relationships().rejectedByRule()).containsEntry(Rules.DANGLING_ENDPOINT, dangling);
    assertThat(heard).hasSize((int) (30 + dangling));
    assertThat(report.relationships().rejectedExamples()).hasSize(3)
        .allSatisfy(r -> assertThat(r.message()).contains("does not exist in target"));
    assertThat(target.countNodes()).isEqualTo(270);
  }

  @Test
  void shouldCopyEachNodeOnceWhenPartitionedByLabel() {
    // given: nodes with two labels (Person, Customer) and unlabeled nodes
    List<String> nodeBatchIds = Collections.synchronizedList(new ArrayList<>());
    GraphDatabase recording = new ForwardingGraphDatabase(target) {
      @Override
      public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
        nodes.forEach(n -> nodeBatchIds.add(n.id()));
        return super.upsertNodes(nodes, mode);
      }
    };

    // when
    Backfiller backfiller = backfill(source, recording).partitioning(Partitioning.BY_LABEL).batchSize(13)
        .parallelism(4).build();
    List<BackfillPartition> plan = backfiller.plan();
    BackfillReport report = backfiller.run();

    // then
    assertThat(plan).extracting(BackfillPartition::id).contains("nodes/label:Company", "nodes/label:Customer",
        "nodes/label:Person", "nodes/other", "relationships/type:KNOWS", "relationships/type:LIKES",
        "relationships/type:WORKS_AT");
    Graphs.assertSameGraph(source, target);
    assertThat(nodeBatchIds).doesNotHaveDuplicates().hasSize((int) source.countNodes());
    assertThat(report.nodes().read()).isEqualTo(source.countNodes());
    assertThat(report.nodes().skipped()).isZero();
  }

  @Test
  void shouldRetryRetryableScanAndWriteFailuresWithDoublingBackoff() {
    // given
    FaultyGraphDatabase flakySource = new FaultyGraphDatabase(source, 11).failureRate(0.2);
    FaultyGraphDatabase flakyTarget = new FaultyGraphDatabase(target, 12).failureRate(0.3);
    List<BackfillBatchRetriedEvent> retried = Collections.synchronizedList(new ArrayList<>());
    BackfillListener listener = new BackfillListener() {
      @Override
      public void onBatchRetried(BackfillBatchRetriedEvent event) {
        retried.add(event);
      }
    };
    flakySource.failReads(false);

    // when
    Backfiller backfiller = Backfiller.builder(flakySource, flakyTarget).checkpoints(new InMemoryCheckpointStore())
        .clock(clock).sleeper(sleeper).batchSize(20).maxRetries(30).retryBackoff(Duration.ofMillis(10))
        .listener(listener).build();
    flakySource.failReads(true);
    BackfillReport report = backfiller.run();

    // then
    Graphs.assertSameGraph(source, target);
    assertThat(report.reconciles()).isTrue();
    assertThat(flakyTarget.failures()).isPositive();
    assertThat(flakySource.failures()).isPositive();
    assertThat(backfiller.metrics().retries()).isEqualTo(retried.size()).isPositive();
    assertThat(retried).extracting(BackfillBatchRetriedEvent::operation).contains("scan", "write");
    assertThat(retried).filteredOn(e -> e.attempt() == 2)
        .allSatisfy(e -> assertThat(e.delay()).isEqualTo(Duration.ofMillis(20)));
    assertThat(sleeper.waits).contains(Duration.ofMillis(10));
  }

  @Test
  void shouldStopWithErrorNamingThePartitionWhenWriteFailsPermanently() {
    // given
    FaultyGraphDatabase broken = new FaultyGraphDatabase(target)
        .failWith(() -> new DatabaseException("target", "constraint violated", null)).down();
    Backfiller backfiller = backfill(source, broken).batchSize(50).build();

    // when / then
    assertThatThrownBy(backfiller::run)
        .isInstanceOf(BackfillException.class)
        .hasMessageContaining("partition 'nodes/all/")
        .hasMessageContaining("constraint violated")
        .hasMessageContaining("resumes where it stopped")
        .hasCauseInstanceOf(DatabaseException.class)
        .satisfies(e -> assertThat(((BackfillException) e).partitionId()).isPresent());
    assertThat(backfiller.metrics().partitionsFailed()).isPositive();
    assertThat(backfiller.metrics().retries()).isZero();
  }

  @Test
  void shouldGiveUpAfterMaxRetriesAttachingEarlierAttempts() {
    // given
    FaultyGraphDatabase down = new FaultyGraphDatabase(target).down();
    Backfiller backfiller = backfill(source, down).batchSize(50).parallelism(1).maxRetries(3).build();

    // when / then
    assertThatThrownBy(backfiller::run)
        .isInstanceOf(BackfillException.class)
        .cause()
        .isInstanceOf(TransientDatabaseException.class)
        .satisfies(cause -> assertThat(cause.getSuppressed()).hasSize(3));
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
  }

  @Test
  void shouldHoldTheRateLimitWithATokenBucketOnAFakeClock() {
    // given: 1 000 nodes and no relationships, 100 per batch, at most 100 records per second
    InMemoryGraphDatabase nodesOnly = InMemoryGraphDatabase.named("nodes-only");
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      nodes.add(Node.of(Graphs.nodeId(i), "Thing", Map.of()));
    }
    nodesOnly.upsertNodes(nodes);

    // when
    BackfillReport report = backfill(nodesOnly, target).batchSize(100).parallelism(1).rateLimit(100).build().run();

    // then: the first second's worth is the burst; the other 900 records wait 9 s in all
    assertThat(report.nodes().written()).isEqualTo(1000);
    assertThat(sleeper.total().toMillis()).isBetween(8_999L, 9_001L);
    assertThat(report.nodes().recordsPerSecond()).isBetween(99.0, 112.0);
  }

  @Test
  void shouldPauseBetweenBatchesButNotAfterTheLast() {
    // given
    InMemoryGraphDatabase nodesOnly = InMemoryGraphDatabase.named("nodes-only");
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      nodes.add(Node.of(Graphs.nodeId(i), "Thing", Map.of()));
    }
    nodesOnly.upsertNodes(nodes);

    // when
    backfill(nodesOnly, target).batchSize(10).parallelism(1).pauseBetweenBatches(Duration.ofMillis(250))
        .build().run();

    // then: ten batches, the last one ending the scan
    assertThat(sleeper.waits).hasSize(9).containsOnly(Duration.ofMillis(250));
  }

  @Test
  void shouldReportProgressWithTotalCountedUpFrontRateAndEta() {
    // given
    List<BackfillProgress> progress = Collections.synchronizedList(new ArrayList<>());
    BackfillListener listener = new BackfillListener() {
      @Override
      public void onProgress(BackfillProgress p) {
        progress.add(p);
      }
    };
    long total = source.countNodes() + source.countRelationships();

    // when: one second passes between batches
    backfill(source, target).batchSize(100).parallelism(1).pauseBetweenBatches(Duration.ofSeconds(1))
        .listener(listener).build().run();

    // then
    assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p.total()).isEqualTo(total));
    assertThat(progress).extracting(BackfillProgress::done).isSorted();
    BackfillProgress middle = progress.get(progress.size() / 2);
    assertThat(middle.recordsPerSecond()).isPositive();
    assertThat(middle.eta()).isPresent();
    assertThat(middle.eta().get().toMillis())
        .isEqualTo((long) Math.ceil((total - middle.done()) / middle.recordsPerSecond() * 1000));
    BackfillProgress last = progress.get(progress.size() - 1);
    assertThat(last.done()).isEqualTo(total);
    assertThat(last.fraction()).isEqualTo(1.0);
    assertThat(last.eta()).contains(Duration.ZERO);
    assertThat(progress.get(0).phase()).isEqualTo(BackfillPhase.NODES);
    assertThat(last.phase()).isEqualTo(BackfillPhase.RELATIONSHIPS);
  }

  @Test
  void shouldReadTheNextBatchWhileWritingTheCurrentOneAndNoFurther() throws Exception {
    // given: a target whose first write waits until released
    AtomicInteger scans = new AtomicInteger();
    AtomicInteger writes = new AtomicInteger();
    List<Integer> scansAheadAtWrite = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch release = new CountDownLatch(1);
    GraphDatabase countingSource = new ForwardingGraphDatabase(source) {
      @Override
      public ScanPage<Node> scanNodes(ScanRequest request) {
        scans.incrementAndGet();
        return super.scanNodes(request);
      }
    };
    GraphDatabase gatedTarget = new ForwardingGraphDatabase(target) {
      @Override
      public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
        scansAheadAtWrite.add(scans.get() - writes.incrementAndGet());
        if (writes.get() == 1) {
          try {
            assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }
        return super.upsertNodes(nodes, mode);
      }
    };
    Backfiller backfiller = Backfiller.builder(countingSource, gatedTarget).checkpoints(new InMemoryCheckpointStore())
        .batchSize(30).parallelism(1).build();

    // when
    Thread runner = new Thread(backfiller::run);
    runner.start();

    // then: while batch 1 is being written, batch 2 is read, and nothing more
    Eventually.await("the second page read while the first write waits",
        () -> scans.get() == 2 && writes.get() == 1);
    assertThat(scans.get()).isEqualTo(2);
    release.countDown();
    runner.join(60_000);
    assertThat(runner.isAlive()).isFalse();
    Graphs.assertSameGraph(source, target);
    assertThat(scansAheadAtWrite).hasSize(10).isSubsetOf(0, 1);
  }

  @Test
  void shouldPlanPlainSerializablePartitions() throws Exception {
    // given
    Backfiller backfiller = backfill(source, target).parallelism(4).batchSize(10).build();

    // when
    List<BackfillPartition> plan = backfiller.plan();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new ArrayList<>(plan));
    }
    Object back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = in.readObject();
    }

    // then
    assertThat(plan).hasSize(8);
    assertThat(plan).filteredOn(p -> p.phase() == BackfillPhase.NODES).hasSize(4);
    assertThat(plan.get(0).from()).isEmpty();
    assertThat(plan.get(3).until()).isEmpty();
    assertThat(plan.get(1).from()).isEqualTo(plan.get(0).until());
    assertThat(back).isEqualTo(plan);
  }

  @Test
  void shouldCountAListenerThatThrowsAndStillComplete() {
    // given
    BackfillListener throwing = new BackfillListener() {
      @Override
      public void onBatchCommitted(BackfillBatchCommittedEvent event) {
        throw new IllegalStateException("listener bug");
      }
    };
    Backfiller backfiller = backfill(source, target).batchSize(100).parallelism(1).listener(throwing).build();

    // when
    BackfillReport report = backfiller.run();

    // then
    Graphs.assertSameGraph(source, target);
    assertThat(backfiller.metrics().listenerFailures()).isEqualTo(backfiller.metrics().batchesCommitted()).isPositive();
    assertThat(report.reconciles()).isTrue();
  }

  @Test
  void shouldCopyOnlyTheSelectedLabelsAndTypes() {
    // when
    BackfillReport report = backfill(source, target)
        .selection(BackfillSelection.only(Set.of("Person"), Set.of())).batchSize(25).build().run();

    // then
    assertThat(Graphs.nodes(target).values()).allSatisfy(n -> assertThat(n.labels()).contains("Person"));
    assertThat(target.countNodes()).isEqualTo(source.countNodes("Person"));
    assertThat(target.countRelationships()).isZero();
    assertThat(report.relationships().partitions()).isZero();
  }

  @Test
  void shouldRejectBadSettingsNamingTheValueOrTheEarlierSetting() {
    assertThatThrownBy(() -> Backfiller.builder(source, target).batchSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> Backfiller.builder(source, target).batchSize(5).batchSize(6))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("batchSize was already set to 5");
    assertThatThrownBy(() -> Backfiller.builder(source, target).rateLimit(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> Backfiller.builder(null, target)).isInstanceOf(NullPointerException.class)
        .hasMessage("source");
    assertThat(Backfiller.builder(source, target).build().config().batchSize())
        .isEqualTo(Backfiller.DEFAULT_BATCH_SIZE);
  }

  @Test
  void shouldRefuseToResumeFromACheckpointOfAnotherConfiguration() {
    // given: a checkpoint left by a backfill of Person nodes
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    FaultyGraphDatabase dies = new FaultyGraphDatabase(target)
        .failWith(() -> new DatabaseException("target", "killed", null)).down();
    assertThatThrownBy(() -> Backfiller.builder(source, dies).checkpoints(store)
        .selection(BackfillSelection.only(Set.of("Person"), Set.of())).build().run())
        .isInstanceOf(BackfillException.class);

    // when / then
    assertThatThrownBy(() -> Backfiller.builder(source, target).checkpoints(store).build().run())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("nodes=[Person]")
        .hasMessageContaining("nodes=*")
        .hasMessageContaining("clear the checkpoint store");
    assertThat(target.countNodes()).isZero();
  }

  /** A source whose scans take 3 s and a target whose writes take 5 s, by the manual clock. */
  private GraphDatabase slowSource() {
    return new ForwardingGraphDatabase(source) {
      @Override
      public ScanPage<Node> scanNodes(ScanRequest request) {
        clock.advance(Duration.ofSeconds(3));
        return super.scanNodes(request);
      }

      @Override
      public ScanPage<Relationship> scanRelationships(ScanRequest request) {
        clock.advance(Duration.ofSeconds(3));
        return super.scanRelationships(request);
      }
    };
  }

  private GraphDatabase slowTarget() {
    return new ForwardingGraphDatabase(target) {
      @Override
      public WriteResult upsertNodes(List<Node> nodes, WriteMode mode) {
        clock.advance(Duration.ofSeconds(5));
        return super.upsertNodes(nodes, mode);
      }

      @Override
      public WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode) {
        clock.advance(Duration.ofSeconds(5));
        return super.upsertRelationships(relationships, mode);
      }
    };
  }

  private static BackfillListener recordingBatches(List<BackfillBatchCommittedEvent> into) {
    return new BackfillListener() {
      @Override
      public void onBatchCommitted(BackfillBatchCommittedEvent event) {
        into.add(event);
      }
    };
  }

  @Test
  void shouldReportTheReadAsWaitedForWhenNothingCanReadAhead() {
    // given: an executor that takes no task, so every read runs on the partition's own thread when needed
    List<BackfillBatchCommittedEvent> batches = Collections.synchronizedList(new ArrayList<>());
    Backfiller backfiller = backfill(slowSource(), slowTarget()).batchSize(100).parallelism(1)
        .executor(task -> {
          throw new java.util.concurrent.RejectedExecutionException("no threads");
        })
        .listener(recordingBatches(batches)).build();

    // when
    backfiller.run();

    // then: each batch waited for its whole read, then wrote; nothing overlapped
    Graphs.assertSameGraph(source, target);
    assertThat(batches).filteredOn(b -> b.read() > 0).hasSizeGreaterThanOrEqualTo(4).allSatisfy(b -> {
      assertThat(b.readTime()).isEqualTo(Duration.ofSeconds(3));
      assertThat(b.waitTime()).isEqualTo(Duration.ofSeconds(3));
      assertThat(b.writeTime()).isEqualTo(Duration.ofSeconds(5));
      assertThat(b.batchTime()).isEqualTo(Duration.ofSeconds(8));
    });
  }

  @Test
  void shouldReportNoWaitWhenTheNextBatchWasReadBeforeTheWrite() {
    // given: a same-thread executor runs each read-ahead at once, before the batch before it is written
    List<BackfillBatchCommittedEvent> batches = Collections.synchronizedList(new ArrayList<>());
    Backfiller backfiller = backfill(slowSource(), slowTarget()).batchSize(100).parallelism(1)
        .executor(Runnable::run).listener(recordingBatches(batches)).build();

    // when
    backfiller.run();

    // then: no wait; a batch's time runs from the previous commit, so it holds the read ahead of the next
    // batch: the first batch 3 + 3 + 5 s, the middle one 3 + 5 s, the last one (nothing to read ahead) 5 s
    List<BackfillBatchCommittedEvent> nodes = batches.stream().filter(b -> b.phase() == BackfillPhase.NODES).toList();
    assertThat(nodes).hasSize(3).allSatisfy(b -> {
      assertThat(b.readTime()).isEqualTo(Duration.ofSeconds(3));
      assertThat(b.waitTime()).isZero();
      assertThat(b.writeTime()).isEqualTo(Duration.ofSeconds(5));
    });
    assertThat(nodes).extracting(BackfillBatchCommittedEvent::batchTime)
        .containsExactly(Duration.ofSeconds(11), Duration.ofSeconds(8), Duration.ofSeconds(5));
  }

  @Test
  void shouldLeaveRateLimitWaitsOutOfTheWriteTime() {
    // given: 50 records a second for batches of 100
    List<BackfillBatchCommittedEvent> batches = Collections.synchronizedList(new ArrayList<>());
    Backfiller backfiller = backfill(source, slowTarget()).batchSize(100).parallelism(1).rateLimit(50)
        .executor(Runnable::run).listener(recordingBatches(batches)).build();

    // when
    backfiller.run();

    // then
    assertThat(sleeper.total()).isPositive();
    assertThat(batches).filteredOn(b -> b.read() > 0).isNotEmpty()
        .allSatisfy(b -> assertThat(b.writeTime()).isEqualTo(Duration.ofSeconds(5)));
  }
}
