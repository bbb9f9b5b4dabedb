package dev.graphshift.cli.internal;

import dev.graphshift.cli.ExitCode;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code graphshift}: the options every command has ({@code --config}, {@code --verbose}, which may stand
 * before or after the command's name) and, without a command, a usage error.
 *
 * <p>Not thread-safe; confine to one thread.
 */
@Command(name = "graphshift", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {"Migrates a live property graph between Neo4j, Amazon Neptune and Engram.",
        "The databases are the targets of a targets file (graphshift.yaml), shaped like nodestream's "
            + "'targets:' block; $${VAR} and $${VAR:-default} in it are read from the environment.",
        ""},
    footer = {"", "The reference, with the targets file and examples: docs/cli.md"})
final class RootCommand extends BaseCommand {

  RootCommand(Session session) {
    super(session);
  }

  @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "The targets file (default: graphshift.yaml in the working directory).")
  void config(Path file) {
    session.configFile(file);
  }

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Print stack traces of failures and, from the runnable jar, log from INFO up (default: errors only).")
  void verbose(boolean value) {
    session.verbose(value);
  }

  @Override
  ExitCode execute() {
    throw usage("name a command: copy, migrations, validate or targets");
  }

  @Override
  boolean json() {
    return false;
  }

  /** The version from the jar's manifest. Thread-safe. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"graphshift " + Optional.ofNullable(RootCommand.class.getPackage().getImplementationVersion())
          .orElse("(development build)")};
    }
  }
}
