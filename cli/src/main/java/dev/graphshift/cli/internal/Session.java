package dev.graphshift.cli.internal;

import static java.util.Objects.requireNonNull;

import dev.graphshift.ConfigurationException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.cli.ExitCode;
import dev.graphshift.config.ConfigSection;
import dev.graphshift.mapping.Embedder;
import dev.graphshift.mapping.HashingEmbedder;
import dev.graphshift.mapping.RecordMapper;
import dev.graphshift.mapping.SchemaMapper;
import dev.graphshift.mapping.SchemaMapping;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one run of the command line: its streams, the global options, the targets file (read on
 * first use), the targets opened (closed at the end), and the secrets read, which every line written is
 * cleared of.
 *
 * <p>Design: a run is one command on one thread (the caller's), so the targets and options are confined to
 * it; the backfill's worker threads only write JSON lines, through {@link #jsonOut()}, which serializes on
 * the output stream, and the secrets set is concurrent for them to read.
 *
 * <p>Not thread-safe; confine to one thread.
 */
public final class Session implements AutoCloseable {
  /** The embedders {@code embedder:} may name. */
  static final Set<String> EMBEDDERS = Set.of("hashing");
  /** The address of a memory target, for messages. */
  static final String MEMORY_ADDRESS = "in memory";
  /** What replaces a secret in output. */
  static final String MASK = "****";

  private static final Logger log = LoggerFactory.getLogger(Session.class);

  private final Path workingDirectory;
  private final Function<String, Optional<String>> environment;
  private final Map<String, GraphDatabase> memoryDatabases;
  private final PrintStream out;
  private final PrintStream err;
  private final Set<String> secrets = ConcurrentHashMap.newKeySet();
  private final Map<String, OpenTarget> opened = new LinkedHashMap<>();
  private final Map<String, TargetRef> known = new LinkedHashMap<>();
  private @Nullable Path configFile;
  private boolean verbose;
  private @Nullable TargetsFile targetsFile;
  private @Nullable Map<String, Object> topLevel;

  /**
   * A session.
   *
   * @param workingDirectory where relative paths on the command line resolve, and the default targets file is
   * @param environment the environment variables
   * @param memoryDatabases databases given by the embedding program for {@code database: memory} targets, by name
   * @param out where results go
   * @param err where messages go
   */
  public Session(Path workingDirectory, Function<String, Optional<String>> environment,
      Map<String, GraphDatabase> memoryDatabases, PrintStream out, PrintStream err) {
    this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory");
    this.environment = requireNonNull(environment, "environment");
    this.memoryDatabases = Map.copyOf(memoryDatabases);
    this.out = requireNonNull(out, "out");
    this.err = requireNonNull(err, "err");
  }

  // ------------------------------------------------------------------------------------------ options

  /** Sets {@code --config}. */
  public void configFile(Path file) {
    this.configFile = file;
  }

  /** Sets {@code --verbose}. */
  public void verbose(boolean value) {
    this.verbose = value;
  }

  /** Whether {@code --verbose} was given. */
  public boolean verbose() {
    return verbose;
  }

  /** A path given on the command line, resolved against the working directory. */
  public Path resolve(Path path) {
    return workingDirectory.resolve(path);
  }

  // ------------------------------------------------------------------------------------------ targets

  /**
   * The targets file: {@code --config}, or {@code graphshift.yaml} in the working directory.
   *
   * @throws ConfigurationException if it cannot be read or is malformed
   */
  public TargetsFile targetsFile() {
    if (targetsFile == null) {
      TargetsFile file = TargetsFile.load(configFile != null ? resolve(configFile)
          : workingDirectory.resolve(TargetsFile.DEFAULT_FILE_NAME));
      topLevel = new EnvSubstitution(environment).apply("", file.topLevel()).values();
      ConfigSection top = ConfigSection.root(topLevel);
      Optional<String> embedder = top.optionalString("embedder");
      if (embedder.isPresent() && !EMBEDDERS.contains(embedder.get())) {
        throw new ConfigurationException(file.file() + ": embedder: unknown embedder '" + embedder.get()
            + "' (known: hashing, a deterministic stand-in for demos and tests)");
      }
      targetsFile = file;
    }
    return targetsFile;
  }

  /**
   * Opens a target (once per run; a second call answers the same).
   *
   * @param role where the name came from, for messages ({@code --from})
   * @throws ConfigurationException if the target is unknown or its settings are wrong
   */
  public OpenTarget open(String name, String role) {
    OpenTarget existing = opened.get(name);
    if (existing != null) {
      return existing;
    }
    TargetsFile file = targetsFile();
    TargetsFile.Entry entry = file.target(name, role);
    EnvSubstitution.Result substituted = new EnvSubstitution(environment).apply(entry.path(), entry.values());
    Settings s = new Settings(ConfigSection.of(entry.path(), substituted.values()), substituted.references());
    TargetContext context = new TargetContext(file.directory(), embedder());
    OpenTarget target;
    try {
      TargetRef ref = new TargetRef(name, entry.kind(), switch (entry.kind()) {
        case NEO4J -> Neo4jTargets.address(s);
        case NEPTUNE -> NeptuneTargets.address(s);
        case ENGRAM -> EngramTargets.address(s);
        case MEMORY -> MEMORY_ADDRESS;
      });
      known.put(name, ref);
      target = switch (entry.kind()) {
        case NEO4J -> new OpenTarget(ref, Neo4jTargets.open(name, s, context, secrets::add), true);
        case NEPTUNE -> new OpenTarget(ref, NeptuneTargets.open(name, s, secrets::add), true);
        case ENGRAM -> new OpenTarget(ref, EngramTargets.open(name, s, context, secrets::add), true);
        case MEMORY -> memoryDatabases.containsKey(name) ? new OpenTarget(ref, memoryDatabases.get(name), false)
            : new OpenTarget(ref, InMemoryGraphDatabase.named(name), true);
      };
    } catch (ConfigurationException e) {
      throw new ConfigurationException(null, file.file() + ": " + e.getMessage(), e);
    }
    opened.put(name, target);
    return target;
  }

  /**
   * Opens a target and checks that it answers.
   *
   * @throws dev.graphshift.DatabaseException if it does not
   */
  public OpenTarget openChecked(String name, String role) {
    OpenTarget target = open(name, role);
    target.kind().ping(target.database());
    return target;
  }

  /**
   * The target a database name belongs to (the adapters are named after their targets), for messages about
   * that database's failures; known from the moment the command starts opening it.
   */
  Optional<TargetRef> known(String databaseName) {
    TargetRef ref = known.get(databaseName);
    if (ref != null) {
      return Optional.of(ref);
    }
    for (OpenTarget t : opened.values()) {
      if (t.database().name().equals(databaseName)) {
        return Optional.of(t.ref());
      }
    }
    return Optional.empty();
  }

  /** The path of the targets file, if it was read, for messages. */
  Optional<Path> targetsFilePath() {
    return Optional.ofNullable(targetsFile).map(TargetsFile::file);
  }

  // ------------------------------------------------------------------------------------------ mapping

  /** The embedder the targets file names, if any. */
  Optional<Embedder> embedder() {
    targetsFile();
    return ConfigSection.root(requireNonNull(topLevel)).optionalString("embedder")
        .map(e -> HashingEmbedder.ofDefaults());
  }

  /**
   * The mapper: from {@code --mapping FILE} if given, otherwise from the targets file's {@code mapping:},
   * otherwise none (the identity).
   *
   * @throws ConfigurationException if the mapping file is absent or wrong, naming it
   */
  public Optional<RecordMapper> mapper(@Nullable Path override) {
    Path file;
    if (override != null) {
      file = resolve(override);
    } else {
      TargetsFile targets = targetsFile();
      Optional<String> named = ConfigSection.root(requireNonNull(topLevel)).optionalString("mapping");
      if (named.isEmpty()) {
        return Optional.empty();
      }
      file = targets.directory().resolve(named.get());
    }
    SchemaMapping mapping;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      mapping = SchemaMapping.fromYaml(reader);
    } catch (NoSuchFileException e) {
      throw new ConfigurationException("no mapping file at " + file + " (named by "
          + (override != null ? "--mapping" : "mapping: in the targets file") + ")");
    } catch (IOException e) {
      throw new ConfigurationException(null, "cannot read the mapping file " + file + ": " + e.getMessage(), e);
    } catch (ConfigurationException e) {
      throw new ConfigurationException(null, file + ": " + e.getMessage(), e);
    }
    SchemaMapper.Builder builder = SchemaMapper.builder(mapping);
    embedder().ifPresent(builder::embedder);
    try {
      return Optional.of(builder.build());
    } catch (IllegalStateException e) {
      throw new ConfigurationException(null, file + ": " + e.getMessage()
          + (embedder().isEmpty() ? "; for a demo, add 'embedder: hashing' to the targets file" : ""), e);
    }
  }

  // ------------------------------------------------------------------------------------------ output

  /** Writes a line of results to standard output, cleared of secrets. */
  public void println(String line) {
    out.println(redact(line));
    out.flush();
  }

  /** Writes a message line to standard error, cleared of secrets. */
  public void message(String line) {
    err.println(redact(line));
    err.flush();
  }

  /** Standard output as an {@link Appendable} for JSON lines, each append cleared of secrets. */
  public Appendable jsonOut() {
    return new Appendable() {
      @Override
      public Appendable append(CharSequence csq) {
        synchronized (out) {
          out.append(redact(csq.toString()));
          out.flush();
        }
        return this;
      }

      @Override
      public Appendable append(CharSequence csq, int start, int end) {
        return append(csq.subSequence(start, end));
      }

      @Override
      public Appendable append(char c) {
        return append(String.valueOf(c));
      }
    };
  }

  /** The text with every secret read so far replaced by {@value #MASK}. */
  public String redact(String text) {
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }

  // ------------------------------------------------------------------------------------------ failures

  /**
   * Reports a failure on standard error (and as a JSON line when {@code json}): what happened and what to
   * fix, the stack trace under {@code --verbose} (always for an internal error's class and message).
   *
   * @return the exit code the failure stands for
   */
  public ExitCode fail(Throwable failure, boolean json) {
    Failures.Verdict verdict = Failures.judge(failure, this);
    message("graphshift: " + verdict.message());
    if (verbose) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      message(trace.toString());
    } else if (verdict.code() == ExitCode.INTERNAL) {
      message("(run again with --verbose for the stack trace)");
    }
    if (json) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("event", "error");
      line.put("exitCode", verdict.code().code());
      line.put("message", verdict.message());
      JsonLines.write(jsonOut(), line);
    }
    return verdict.code();
  }

  // ------------------------------------------------------------------------------------------ close

  /** Closes the targets this run opened (not those the embedding program gave). */
  @Override
  public void close() {
    List<OpenTarget> targets = new ArrayList<>(opened.values());
    opened.clear();
    for (OpenTarget t : targets) {
      if (!t.owned()) {
        continue;
      }
      try {
        t.database().close();
      } catch (RuntimeException e) {
        log.warn("graphshift.cli.close_failed target={} error={}", t.name(), redact(String.valueOf(e)));
        message("graphshift: warning: closing " + t.describe() + " failed: " + e.getMessage());
      }
    }
  }

  @Override
  public String toString() {
    return "Session[" + workingDirectory + ", targets=" + opened.keySet() + "]";
  }
}
