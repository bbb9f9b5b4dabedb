package dev.graphshift.cli.internal;

import dev.graphshift.ConfigurationException;
import dev.graphshift.Rejected;
import dev.graphshift.backfill.BackfillPhaseReport;
import dev.graphshift.backfill.BackfillReport;
import dev.graphshift.backfill.CheckpointStore;
import dev.graphshift.backfill.FileCheckpointStore;
import dev.graphshift.backfill.InMemoryCheckpointStore;
import dev.graphshift.cli.ExitCode;
import dev.graphshift.copy.Copy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code graphshift copy}: nodestream's {@code copy} on GraphShift's backfill.
 *
 * <p>Not thread-safe; confine to one thread.
 */
@Command(name = "copy", mixinStandardHelpOptions = true,
    description = {"Copies everything, or the chosen node labels and relationship types, from one target to "
        + "another: batched keyset reads, the mapping, insert-if-absent writes (a record already on the target "
        + "is skipped, so a copy can run again, and alongside dual writes).",
        "A relationship's endpoints are not copied with it: copy their labels too (--node), or before.",
        "Progress: a bar on a terminal; JSON lines with --json. Exit code 1 when records were rejected.", ""})
final class CopyCommand extends BaseCommand.WithJson {
  /** How many rejected records per rule the text summary shows. */
  static final int EXAMPLES_SHOWN = 5;

  @Option(names = {"-f", "--from"}, required = true, paramLabel = "TARGET", description = "The target to copy from.")
  String from;

  @Option(names = {"-t", "--to"}, required = true, paramLabel = "TARGET", description = "The target to copy to.")
  String to;

  @Option(names = "--node", paramLabel = "LABEL", description = "Copy the nodes of this label (repeatable).")
  List<String> nodes = new ArrayList<>();

  @Option(names = "--relationship", paramLabel = "TYPE",
      description = "Copy the relationships of this type (repeatable).")
  List<String> relationships = new ArrayList<>();

  @Option(names = "--batch-size", paramLabel = "N", description = "Records per read and write (default 10000).")
  @Nullable Integer batchSize;

  @Option(names = "--rate", paramLabel = "N", description = "At most N records per second (default: no limit).")
  @Nullable Double rate;

  @Option(names = {"-c", "--parallelism"}, paramLabel = "N",
      description = "Partitions copied at once, 1 to 1024 (default 2).")
  @Nullable Integer parallelism;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "Save progress to FILE after every batch, so that --resume can continue a stopped copy.")
  @Nullable Path checkpoint;

  @Option(names = "--resume", description = "Continue the copy whose progress --checkpoint FILE holds.")
  boolean resume;

  @Mixin
  SharedOptions.Mapping mapping = new SharedOptions.Mapping();

  CopyCommand(Session session) {
    super(session);
  }

  @Override
  ExitCode execute() {
    atLeast("--batch-size", batchSize, 1);
    atLeast("--parallelism", parallelism, 1);
    if (parallelism != null && parallelism > 1024) {
      throw usage("--parallelism must be at most 1024: " + parallelism);
    }
    if (rate != null && !(rate > 0 && rate < Double.POSITIVE_INFINITY)) {
      throw usage("--rate must be a positive number of records per second: " + rate);
    }
    if (resume && checkpoint == null) {
      throw usage("--resume needs --checkpoint FILE, the file the stopped copy saved its progress to");
    }
    for (String name : nodes) {
      if (name.isBlank()) {
        throw usage("--node needs a label, found an empty one");
      }
    }
    for (String name : relationships) {
      if (name.isBlank()) {
        throw usage("--relationship needs a type, found an empty one");
      }
    }
    if (from.equals(to)) {
      throw usage("--from and --to name the same target '" + from + "'");
    }
    CheckpointStore store = checkpoints();
    OpenTarget source = session.openChecked(from, "--from");
    OpenTarget target = session.openChecked(to, "--to");
    Copy.Builder builder = Copy.builder(source.database(), target.database()).nodes(nodes).relationships(relationships);
    session.mapper(mapping.file).ifPresent(builder::mapper);
    if (json.enabled) {
      builder.json(session.jsonOut());
    }
    builder.backfill(b -> {
      b.consoleProgress(!json.enabled).checkpoints(store);
      if (batchSize != null) {
        b.batchSize(batchSize);
      }
      if (rate != null) {
        b.rateLimit(rate);
      }
      if (parallelism != null) {
        b.parallelism(parallelism);
      }
    });
    BackfillReport report = builder.build().run();
    if (!json.enabled) {
      printSummary(source, target, report);
    }
    return report.rejected() > 0 || !report.reconciles() ? ExitCode.PROBLEMS : ExitCode.OK;
  }

  private CheckpointStore checkpoints() {
    if (checkpoint == null) {
      return new InMemoryCheckpointStore();
    }
    Path file = session.resolve(checkpoint);
    if (resume && !Files.exists(file)) {
      throw new ConfigurationException("nothing to resume: the checkpoint file " + file + " does not exist "
          + "(a completed copy deletes it); run without --resume to start the copy");
    }
    if (!resume && Files.exists(file)) {
      throw new ConfigurationException("the checkpoint file " + file + " holds the progress of an earlier copy "
          + "that did not finish: add --resume to continue it, or delete the file to start over");
    }
    return FileCheckpointStore.at(file);
  }

  private void printSummary(OpenTarget source, OpenTarget target, BackfillReport r) {
    session.println("copy " + source.name() + " -> " + target.name() + (r.resumed() ? " (resumed)" : "")
        + ": read " + r.read() + ", written " + r.written() + ", skipped " + r.skipped() + " (already on the target)"
        + ", rejected " + r.rejected() + " in " + r.duration());
    for (BackfillPhaseReport phase : List.of(r.nodes(), r.relationships())) {
      session.println("  " + phase.summary());
      int shown = 0;
      for (Rejected rejected : phase.rejectedExamples()) {
        if (shown++ == EXAMPLES_SHOWN) {
          session.println("    ... (see --json for every rejected record)");
          break;
        }
        session.println("    rejected " + rejected.record().kind() + " '" + rejected.recordId() + "' ["
            + rejected.rule() + "]: " + rejected.message());
      }
    }
  }
}
