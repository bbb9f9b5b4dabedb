package dev.graphshift.cli.internal;

import dev.graphshift.cli.ExitCode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code graphshift targets}: lists the targets of the file and checks that each answers.
 *
 * <p>Not thread-safe; confine to one thread.
 */
@Command(name = "targets", mixinStandardHelpOptions = true,
    description = {"Lists the targets of the targets file and checks that each one answers (a cheap read: "
        + "a count on Neo4j and Engram, a lookup by id on Neptune).",
        "Exit code 0 when all answer; otherwise the code of the worst failure (3 a target's settings, 4 a "
            + "database unreachable or refusing the credentials).", ""})
final class TargetsCommand extends BaseCommand.WithJson {

  @Option(names = "--no-check", description = "List the targets without connecting to them.")
  boolean noCheck;

  TargetsCommand(Session session) {
    super(session);
  }

  @Override
  ExitCode execute() {
    TargetsFile file = session.targetsFile();
    if (!json.enabled) {
      session.println("targets in " + file.file() + ":");
    }
    ExitCode worst = ExitCode.OK;
    for (TargetsFile.Entry entry : file.entries()) {
      String address = "";
      String status;
      ExitCode code = ExitCode.OK;
      String error = "";
      try {
        OpenTarget target = session.open(entry.name(), "targets file");
        address = target.address();
        if (!noCheck) {
          target.kind().ping(target.database());
        }
        status = noCheck ? "not checked" : "ok";
      } catch (RuntimeException e) {
        address = session.known(entry.name()).map(TargetRef::address).orElse("");
        code = session.fail(e, false);
        error = Failures.judge(e, session).message();
        status = "FAILED (exit code " + code.code() + ")";
        worst = code.code() > worst.code() ? code : worst;
      }
      if (json.enabled) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "target");
        line.put("target", entry.name());
        line.put("database", entry.kind().key());
        line.put("address", address);
        line.put("checked", !noCheck);
        line.put("ok", code == ExitCode.OK);
        line.put("exitCode", code.code());
        if (!error.isEmpty()) {
          line.put("error", error);
        }
        JsonLines.write(session.jsonOut(), line);
      } else {
        session.println(String.format("  %-20s %-8s %-48s %s", entry.name(), entry.kind().key(), address, status));
      }
    }
    return worst;
  }
}
