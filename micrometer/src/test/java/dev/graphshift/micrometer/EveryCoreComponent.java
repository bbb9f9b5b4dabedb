package dev.graphshift.micrometer;

import dev.graphshift.Node;
import dev.graphshift.backfill.Backfiller;
import dev.graphshift.backfill.Graphs;
import dev.graphshift.backfill.InMemoryCheckpointStore;
import dev.graphshift.backfill.ManualClock;
import dev.graphshift.cutover.GradualCutoverRouter;
import dev.graphshift.cutover.HealthGate;
import dev.graphshift.dualwrite.DualWriteCoordinator;
import dev.graphshift.dualwrite.FileDeadLetterQueue;
import dev.graphshift.mapping.SchemaMapper;
import dev.graphshift.mapping.SchemaMapping;
import dev.graphshift.memory.InMemoryGraphDatabase;
import dev.graphshift.migration.SchemaMigrator;
import dev.graphshift.repository.DualRepository;
import dev.graphshift.repository.Repositories;
import dev.graphshift.repository.RepositoryPolicy;
import dev.graphshift.runbook.MigrationRunbook;
import dev.graphshift.shadow.ShadowReadCoordinator;
import dev.graphshift.validation.ContinuousValidation;
import dev.graphshift.validation.ValidationReport;
import dev.graphshift.validation.Validator;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Binds every core component and the {@link MeteringListener}, drives each once, and answers the names of
 * the meters the registry then holds. It is public and self-contained so that {@link
 * NoAdapterClasspathTest} can run it in a class loader without the adapters.
 */
public final class EveryCoreComponent implements Supplier<Set<String>> {

  @Override
  public Set<String> get() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MeteringListener metering = new MeteringListener(registry);
    ManualClock clock = new ManualClock();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    List<AutoCloseable> closing = new ArrayList<>();
    try {
      InMemoryGraphDatabase neo4j = Graphs.sourceGraph("neo4j", 40);
      InMemoryGraphDatabase engram = InMemoryGraphDatabase.named("engram");

      Backfiller backfill = Backfiller.builder(neo4j, engram).checkpoints(new InMemoryCheckpointStore())
          .listener(metering).build();
      new BackfillMetricsBinder(backfill).bindTo(registry);
      backfill.run();

      Path dir = Files.createTempDirectory("graphshift-micrometer");
      FileDeadLetterQueue journal = FileDeadLetterQueue.builder(dir.resolve("dual-write.journal")).build();
      closing.add(journal);
      DualWriteCoordinator dual = DualWriteCoordinator.builder(neo4j, engram).deadLetters(journal)
          .executor(Runnable::run).retryInterval(Duration.ofDays(1)).build();
      closing.add(0, dual);
      new DualWriteMetricsBinder(dual).bindTo(registry);
      new FileDeadLetterQueueMetricsBinder(journal).bindTo(registry);
      dual.upsertNode(Node.of("extra", "Person", Map.of("name", "Ada")));

      ShadowReadCoordinator shadow = ShadowReadCoordinator.builder(neo4j, engram).executor(Runnable::run)
          .dispatchInterval(Duration.ZERO).listener(metering).build();
      closing.add(0, shadow);
      new ShadowReadMetricsBinder(shadow).bindTo(registry);
      shadow.getNode(Graphs.nodeId(1));

      GradualCutoverRouter router = GradualCutoverRouter.builder(neo4j, engram).clock(clock)
          .tickInterval(Duration.ZERO).initialShare(5_000)
          .healthGate(HealthGate.builder().window(Duration.ofMinutes(1)).slices(1).minSamples(1).build())
          .listener(metering).build();
      closing.add(0, router);
      new CutoverMetricsBinder(router).bindTo(registry);
      for (int i = 0; i < 20; i++) {
        router.getNode(Graphs.nodeId(i));
      }
      clock.advance(Duration.ofMinutes(1));
      router.tick();

      engram.deleteNode(Graphs.nodeId(2));
      Validator validator = Validator.builder(neo4j, engram).listener(metering).build();
      new ValidatorMetricsBinder(validator).bindTo(registry);
      validator.counts();
      ValidationReport full = validator.full();
      validator.repair(full.diff().orElseThrow());
      ContinuousValidation schedule = ContinuousValidation.builder(validator, scheduler).build();
      new ContinuousValidationMetricsBinder(schedule).bindTo(registry);
      schedule.runOnce();

      SchemaMigrator migrator = SchemaMigrator.builder(neo4j, engram).listener(metering).build();
      new SchemaMigratorMetricsBinder(migrator).bindTo(registry);
      migrator.run();

      SchemaMapper mapper = SchemaMapper.builder(SchemaMapping.builder("mapping").build()).build();
      new SchemaMapperMetricsBinder(mapper).bindTo(registry);
      mapper.mapNodes(List.of(Node.of("m", "Person", Map.of())));

      MigrationRunbook runbook = RunbookAndRepositoryMetricsBindersTest.runbook("runbook",
          InMemoryGraphDatabase.named("old"), InMemoryGraphDatabase.named("new"));
      closing.add(0, runbook);
      new RunbookMetricsBinder(runbook).bindTo(registry);
      runbook.advance("ops");

      DualRepository<Notes> notes = Repositories.dual(Notes.class, new Notes.Memory(), new Notes.Memory(),
          RepositoryPolicy.following(runbook).executor(Runnable::run).build());
      closing.add(0, notes);
      new RepositoryMetricsBinder(notes).bindTo(registry);
      notes.proxy().save("n1", "one");

      Set<String> names = new TreeSet<>();
      for (Meter m : registry.getMeters()) {
        names.add(m.getId().getName());
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      scheduler.shutdownNow();
      for (AutoCloseable c : closing) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException("closing " + c + " failed", e);
        }
      }
    }
  }
}
