package dev.graphshift.cli;

import static java.util.Objects.requireNonNull;

import dev.graphshift.GraphDatabase;
import dev.graphshift.cli.internal.Commands;
import dev.graphshift.cli.internal.Session;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code graphshift} command line: {@code copy}, {@code migrations run} and {@code show}, {@code
 * validate} and {@code targets}, over the targets of a nodestream-style {@code graphshift.yaml}
 * ({@code docs/cli.md} is the reference).
 *
 * <pre>{@code
 * // what the runnable jar's main does:
 * int code = Cli.builder().build().run(args, System.out, System.err);
 *
 * // in a test or a program: an injected environment, a working directory, a database of its own
 * Cli cli = Cli.builder()
 *     .environment(name -> Optional.ofNullable(Map.of("NEO4J_PASSWORD", "s3cret").get(name)))
 *     .workingDirectory(dir)
 *     .memoryDatabase("scratch", InMemoryGraphDatabase.named("scratch"))
 *     .build();
 * int exit = cli.run(new String[] {"copy", "--from", "source", "--to", "scratch", "--json"}, out, err);
 * }</pre>
 *
 * <p>{@link #run} never calls {@code System.exit}: it answers the exit code ({@link ExitCode}), writes results
 * to {@code out} and messages to {@code err}, and closes the databases it opened. Each run reads the targets
 * file again.
 *
 * <p>Each run has its own state; concurrent runs share only the databases given to {@link
 * Builder#memoryDatabase}.
 *
 * <p>Thread-safe.
 */
public final class Cli {
  private final CliConfig config;
  private final Function<String, Optional<String>> environment;
  private final Map<String, GraphDatabase> memoryDatabases;

  private Cli(Builder b) {
    this.environment = b.environment;
    this.memoryDatabases = Map.copyOf(b.memoryDatabases);
    this.config = new CliConfig(b.workingDirectory, List.copyOf(b.memoryDatabases.keySet()));
  }

  /** A builder; its defaults are the process's environment and working directory. */
  public static Builder builder() {
    return new Builder();
  }

  /** The settings. */
  public CliConfig config() {
    return config;
  }

  /**
   * Runs one command line.
   *
   * @param args the arguments, as {@code main} receives them
   * @param out where results go (reports, JSON lines, {@code --help})
   * @param err where messages go (errors with what to fix, warnings)
   * @return the exit code, as {@link ExitCode} documents it
   */
  public int run(String[] args, PrintStream out, PrintStream err) {
    requireNonNull(args, "args");
    requireNonNull(out, "out");
    requireNonNull(err, "err");
    try (Session session = new Session(config.workingDirectory(), environment, memoryDatabases, out, err)) {
      return Commands.create(session, out, err).execute(args);
    }
  }

  /**
   * The runnable jar's entry point: runs the command line on the process's streams and exits with its
   * code. The command reports every failure itself, so logs (on standard error) show errors only, and
   * everything from INFO with {@code --verbose}; a {@code -Dorg.slf4j.simpleLogger...} setting given to the
   * JVM wins.
   */
  public static void main(String[] args) {
    boolean verbose = List.of(args).contains("--verbose") || List.of(args).contains("-v");
    defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "error");
    defaultProperty("org.slf4j.simpleLogger.logFile", "System.err");
    // the Gremlin driver logs a failed connection at ERROR with its stack trace; the command reports it
    defaultProperty("org.slf4j.simpleLogger.log.org.apache.tinkerpop", verbose ? "info" : "off");
    // the Neo4j driver logs through java.util.logging, at INFO by default: a line per driver opened and closed
    java.util.logging.Logger driverLog = java.util.logging.Logger.getLogger("org.neo4j.driver");
    driverLog.setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.SEVERE);
    int code = builder().build().run(args, System.out, System.err);
    System.exit(code);
  }

  private static void defaultProperty(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  @Override
  public String toString() {
    return "Cli[" + config.workingDirectory() + "]";
  }

  /**
   * Builds a {@link Cli}. Defaults: the process's environment variables and working directory, no databases
   * of the program's own.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private Function<String, Optional<String>> environment = name -> Optional.ofNullable(System.getenv(name));
    private Path workingDirectory = Path.of("").toAbsolutePath();
    private final Map<String, GraphDatabase> memoryDatabases = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Where {@code ${VAR}} in the targets file is read from. Default: the process's environment.
     */
    public Builder environment(Function<String, Optional<String>> value) {
      this.environment = requireNonNull(value, "environment");
      return this;
    }

    /**
     * Where relative paths on the command line resolve and {@code graphshift.yaml} is looked for. Default:
     * the process's working directory.
     */
    public Builder workingDirectory(Path value) {
      this.workingDirectory = requireNonNull(value, "workingDirectory").toAbsolutePath();
      return this;
    }

    /**
     * The database a {@code database: memory} target of this name stands for, instead of a new empty one
     * per run: for programs and tests that run commands against a database of their own. The command line
     * never closes it.
     *
     * @throws IllegalArgumentException if the name is blank
     * @throws IllegalStateException if a database was given for this name already
     */
    public Builder memoryDatabase(String target, GraphDatabase database) {
      requireNonNull(target, "target");
      requireNonNull(database, "database");
      if (target.isBlank()) {
        throw new IllegalArgumentException("target must not be blank: '" + target + "'");
      }
      GraphDatabase earlier = memoryDatabases.putIfAbsent(target, database);
      if (earlier != null) {
        throw new IllegalStateException("a database was already given for target '" + target + "': " + earlier.name());
      }
      return this;
    }

    /** Builds the command line. */
    public Cli build() {
      return new Cli(this);
    }
  }
}
