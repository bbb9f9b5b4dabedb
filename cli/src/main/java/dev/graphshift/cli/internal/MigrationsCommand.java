package dev.graphshift.cli.internal;

import dev.graphshift.cli.ExitCode;
import dev.graphshift.mapping.RecordMapper;
import dev.graphshift.migration.MigrationOutcome;
import dev.graphshift.migration.MigrationReport;
import dev.graphshift.migration.SchemaMigrator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code graphshift migrations}: {@code run} and {@code show}, as nodestream names them, on GraphShift's
 * {@link SchemaMigrator}: the source's uniqueness constraints and indexes, created on each target.
 *
 * <p>Not thread-safe; confine to one thread.
 */
@Command(name = "migrations", mixinStandardHelpOptions = true,
    description = {"Carries the source's schema (uniqueness constraints and indexes) over to targets, as "
        + "nodestream's migrations do. A target without schema (Neptune, Engram, memory) is a reported no-op.",
        ""})
final class MigrationsCommand extends BaseCommand {

  MigrationsCommand(Session session) {
    super(session);
  }

  @Override
  ExitCode execute() {
    throw usage("name a migrations command: run or show");
  }

  @Override
  boolean json() {
    return false;
  }

  /** The flags {@code run} and {@code show} share, and how they choose the source and the targets. */
  abstract static class Selection extends BaseCommand.WithJson {
    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", description = "A target to migrate (repeatable).")
    List<String> targets = new ArrayList<>();

    @Option(names = {"-a", "--all-targets"}, description = "Every target but the source.")
    boolean allTargets;

    @Option(names = {"-f", "--from"}, paramLabel = "TARGET",
        description = "The target whose schema is carried over (default: the only neo4j target not migrated).")
    @Nullable String from;

    @Mixin
    SharedOptions.Mapping mapping = new SharedOptions.Mapping();

    Selection(Session session) {
      super(session);
    }

    /** Whether choosing no target means all of them ({@code show}) or is a usage error ({@code run}). */
    abstract boolean allByDefault();

    @Override
    final ExitCode execute() {
      if (allTargets && !targets.isEmpty()) {
        throw usage("--all-targets and --target exclude each other");
      }
      if (!allTargets && targets.isEmpty() && !allByDefault()) {
        throw usage("name the targets to migrate with --target TARGET (repeatable), or use --all-targets");
      }
      TargetsFile file = session.targetsFile();
      for (String t : targets) {
        file.target(t, "--target");
      }
      String source = from != null ? from : defaultSource(file);
      List<String> chosen = new ArrayList<>(targets.isEmpty() ? file.names() : targets);
      if (targets.isEmpty()) {
        chosen.remove(source);
      } else if (chosen.contains(source)) {
        throw usage("the target '" + source + "' is the source of the migrations (--from); it cannot be migrated too");
      }
      if (chosen.isEmpty()) {
        session.message("graphshift: no target to migrate: the targets file defines no target besides the source '"
            + source + "'");
        return ExitCode.OK;
      }
      OpenTarget sourceTarget = session.openChecked(source, "--from");
      Optional<RecordMapper> mapper = session.mapper(mapping.file);
      ExitCode worst = ExitCode.OK;
      for (String name : chosen) {
        try {
          OpenTarget target = session.openChecked(name, "--target");
          SchemaMigrator.Builder builder = SchemaMigrator.builder(sourceTarget.database(), target.database());
          mapper.ifPresent(builder::mapper);
          apply(builder.build(), sourceTarget, target);
        } catch (RuntimeException e) {
          ExitCode code = session.fail(e, json.enabled);
          worst = code.code() > worst.code() ? code : worst;
        }
      }
      return worst;
    }

    private String defaultSource(TargetsFile file) {
      List<String> candidates = new ArrayList<>();
      for (TargetsFile.Entry e : file.entries()) {
        if (e.kind() == TargetKind.NEO4J && !targets.contains(e.name())) {
          candidates.add(e.name());
        }
      }
      if (candidates.size() != 1) {
        throw usage("name the target whose schema to carry over with --from TARGET"
            + (candidates.isEmpty() ? " (no neo4j target is left to be the source)"
            : " (the neo4j targets " + String.join(", ", candidates) + " could each be the source)"));
      }
      return candidates.get(0);
    }

    /** Applies (run) or shows (show) the migrations of one target. */
    abstract void apply(SchemaMigrator migrator, OpenTarget source, OpenTarget target);

    /** Writes the outcomes of one target, as text or as a JSON line. */
    void report(String event, OpenTarget source, OpenTarget target, String status, List<MigrationOutcome> outcomes,
        List<String> notes) {
      if (json.enabled) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.put("source", source.name());
        line.put("target", target.name());
        line.put("status", status);
        line.put("outcomes", outcomes.stream().map(o -> Map.of("migration", o.migrationName(),
            "result", o.result().name(), "detail", o.detail())).toList());
        line.put("notes", notes);
        JsonLines.write(session.jsonOut(), line);
        return;
      }
      session.println("migrations " + source.name() + " -> " + target.name() + ": " + status);
      for (String note : notes) {
        session.println("  note: " + note);
      }
      for (MigrationOutcome o : outcomes) {
        session.println("  " + o.result() + " " + o.migrationName() + ": " + o.detail());
      }
    }
  }

  /** {@code graphshift migrations run}. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Creates on each target the source's uniqueness constraints and indexes not yet applied, "
          + "under the target's migration lock, and records them as applied. There is no rollback.", ""})
  static final class Run extends Selection {
    @Option(names = "--break-lock",
        description = "First remove the migration lock a run that died left on the targets.")
    boolean breakLock;

    Run(Session session) {
      super(session);
    }

    @Override
    boolean allByDefault() {
      return false;
    }

    @Override
    void apply(SchemaMigrator migrator, OpenTarget source, OpenTarget target) {
      if (breakLock) {
        migrator.breakLock();
      }
      MigrationReport r = migrator.run();
      report("migrations", source, target, r.status().name(), r.outcomes(), r.notes());
    }
  }

  /** {@code graphshift migrations show}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {"Shows, for each target (default: every target but the source), the migrations a run would "
          + "apply and those applied before, without changing anything.", ""})
  static final class Show extends Selection {
    Show(Session session) {
      super(session);
    }

    @Override
    boolean allByDefault() {
      return true;
    }

    @Override
    void apply(SchemaMigrator migrator, OpenTarget source, OpenTarget target) {
      if (!target.database().capabilities().schema()) {
        report("plan", source, target, MigrationReport.Status.NOT_SUPPORTED.name(), List.of(), List.of("the target '"
            + target.name() + "' has no schema (constraints or indexes): nothing to do"));
        return;
      }
      List<MigrationOutcome> plan = migrator.plan();
      boolean pending = plan.stream().anyMatch(o -> o.result() == MigrationOutcome.Result.CREATED);
      report("plan", source, target, pending ? "PENDING" : MigrationReport.Status.UP_TO_DATE.name(), plan, List.of());
    }
  }
}
