package dev.graphshift.cli.internal;

import dev.graphshift.cli.ExitCode;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Assembles the picocli command tree of one run: {@code graphshift} with {@code copy}, {@code migrations
 * run|show}, {@code validate} and {@code targets}; the exit-code table in every {@code --help}; usage
 * errors reported with exit code 2 and a pointer to {@code --help}; any failure that escaped a command
 * reported as an internal error.
 *
 * <p>Each call builds a new tree.
 *
 * <p>Thread-safe.
 */
public final class Commands {
  private Commands() {}

  /** The command tree for a session, writing to these streams. */
  public static CommandLine create(Session session, PrintStream out, PrintStream err) {
    CommandLine root = new CommandLine(new RootCommand(session))
        .addSubcommand("copy", new CopyCommand(session))
        .addSubcommand("migrations", new CommandLine(new MigrationsCommand(session))
            .addSubcommand("run", new MigrationsCommand.Run(session))
            .addSubcommand("show", new MigrationsCommand.Show(session)))
        .addSubcommand("validate", new ValidateCommand(session))
        .addSubcommand("targets", new TargetsCommand(session));
    Map<String, String> exitCodes = new LinkedHashMap<>();
    for (ExitCode code : ExitCode.values()) {
      exitCodes.put(Integer.toString(code.code()), code.meaning());
    }
    applyExitCodes(root, exitCodes);
    root.setOut(new PrintWriter(out, true));
    root.setErr(new PrintWriter(err, true));
    root.setParameterExceptionHandler((ParameterException e, String[] args) -> {
      session.message("graphshift: " + e.getMessage());
      UnmatchedArgumentException.printSuggestions(e, e.getCommandLine().getErr());
      e.getCommandLine().getErr().flush();
      session.message("run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for its flags");
      return ExitCode.USAGE.code();
    });
    root.setExecutionExceptionHandler((e, commandLine, parseResult) -> session.fail(e, false).code());
    return root;
  }

  private static void applyExitCodes(CommandLine command, Map<String, String> exitCodes) {
    command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
    for (CommandLine sub : command.getSubcommands().values()) {
      applyExitCodes(sub, exitCodes);
    }
  }
}
