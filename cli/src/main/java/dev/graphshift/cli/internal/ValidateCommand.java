package dev.graphshift.cli.internal;

import dev.graphshift.Rejected;
import dev.graphshift.cli.ExitCode;
import dev.graphshift.validation.RepairReport;
import dev.graphshift.validation.ValidationReport;
import dev.graphshift.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code graphshift validate}: the {@link Validator} between two targets.
 *
 * <p>Not thread-safe; confine to one thread.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Compares a target with its source through the mapping: the counts per label and type, then "
        + "a deterministic sample of nodes checked deeply (properties, embeddings, relationship counts), or with "
        + "--full every record of both sides.",
        "--repair (with --full) copies what is missing or different from the source, deletes what the source "
            + "does not have, and validates again. Run it once dual writes are drained: it overwrites.",
        "Exit code 0 when every check passes (after --repair: when the target now matches), 1 when one fails.",
        ""})
final class ValidateCommand extends BaseCommand.WithJson {

  @Option(names = {"-s", "--source"}, required = true, paramLabel = "TARGET", description = "The source target.")
  String source;

  @Option(names = {"-t", "--target"}, required = true, paramLabel = "TARGET", description = "The target to check.")
  String target;

  @Option(names = "--full", description = "Compare every record of both sides, listing each difference.")
  boolean full;

  @Option(names = "--repair", description = "Repair the differences --full found, then validate again.")
  boolean repair;

  @Option(names = "--sample", paramLabel = "N", description = "Nodes in the sample (default 1000).")
  @Nullable Integer sample;

  @Option(names = "--seed", paramLabel = "S", description = "The sampling seed (default 42): same seed, same nodes.")
  @Nullable Long seed;

  @Mixin
  SharedOptions.Mapping mapping = new SharedOptions.Mapping();

  ValidateCommand(Session session) {
    super(session);
  }

  @Override
  ExitCode execute() {
    if (repair && !full) {
      throw usage("--repair needs --full: a repair fixes the differences a full validation lists");
    }
    if (full && (sample != null || seed != null)) {
      throw usage("--sample and --seed choose the sampled validation; --full compares every record");
    }
    atLeast("--sample", sample, 1);
    if (source.equals(target)) {
      throw usage("--source and --target name the same target '" + source + "'");
    }
    OpenTarget from = session.openChecked(source, "--source");
    OpenTarget to = session.openChecked(target, "--target");
    Validator.Builder builder = Validator.builder(from.database(), to.database());
    session.mapper(mapping.file).ifPresent(builder::mapper);
    if (sample != null) {
      builder.sampleSize(sample);
    }
    if (seed != null) {
      builder.seed(seed);
    }
    Validator validator = builder.build();
    ValidationReport counts = emit("counts", validator.counts());
    ValidationReport deep = emit(full ? "full" : "sample", full ? validator.full() : validator.sample());
    if (!repair || (counts.passed() && deep.passed())) {
      return counts.passed() && deep.passed() ? ExitCode.OK : ExitCode.PROBLEMS;
    }
    RepairReport repaired = validator.repair(deep.diff().orElseThrow());
    emit(repaired);
    ValidationReport countsAfter = emit("counts-after-repair", validator.counts());
    ValidationReport fullAfter = emit("full-after-repair", validator.full());
    return countsAfter.passed() && fullAfter.passed() && repaired.rejected() == 0 ? ExitCode.OK : ExitCode.PROBLEMS;
  }

  private ValidationReport emit(String step, ValidationReport report) {
    if (json.enabled) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("event", "validation");
      line.put("step", step);
      line.put("passed", report.passed());
      line.put("report", JsonLines.parse(report.toJson()));
      JsonLines.write(session.jsonOut(), line);
    } else {
      session.println("== " + step);
      session.println(report.toText().stripTrailing());
    }
    return report;
  }

  private void emit(RepairReport r) {
    if (!json.enabled) {
      session.println("== repair");
      session.println(r.summary());
      for (Rejected rejected : r.rejectedExamples()) {
        session.println("  rejected " + rejected.record().kind() + " '" + rejected.recordId() + "' ["
            + rejected.rule() + "]: " + rejected.message());
      }
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", "repair");
    line.put("name", r.name());
    line.put("differences", r.differences());
    line.put("nodesUpserted", r.nodesUpserted());
    line.put("relationshipsUpserted", r.relationshipsUpserted());
    line.put("nodesDeleted", r.nodesDeleted());
    line.put("relationshipsDeleted", r.relationshipsDeleted());
    line.put("gone", r.gone());
    line.put("rejected", r.rejected());
    line.put("rejectedByRule", new TreeMap<>(r.rejectedByRule()));
    line.put("diffTruncated", r.diffTruncated());
    line.put("examples", r.rejectedExamples().stream().map(x -> Map.of("kind", x.record().kind(), "id", x.recordId(),
        "rule", x.rule(), "message", x.message())).toList());
    JsonLines.write(session.jsonOut(), line);
  }
}
