package dev.graphshift.copy;

import static dev.graphshift.backfill.internal.Preconditions.nonBlank;
import static dev.graphshift.backfill.internal.Preconditions.once;
import static java.util.Objects.requireNonNull;

import dev.graphshift.ConfigurationException;
import dev.graphshift.GraphDatabase;
import dev.graphshift.backfill.BackfillListener;
import dev.graphshift.backfill.BackfillMetrics;
import dev.graphshift.backfill.BackfillReport;
import dev.graphshift.backfill.BackfillSelection;
import dev.graphshift.backfill.Backfiller;
import dev.graphshift.mapping.RecordMapper;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Copies a graph, or chosen parts of it, from one database to another, as nodestream's {@code copy}
 * does, on the {@link Backfiller}: batched keyset reads, the mapping, a rate limit, parallel partitions,
 * checkpoints and resume, progress with an ETA.
 *
 * <pre>{@code
 * // graphshift copy --from neo4j --to neptune --node Person --relationship KNOWS --json
 * BackfillReport report = Copy.builder(neo4j, neptune)
 *     .nodes("Person")
 *     .relationships("KNOWS")
 *     .json(System.out)
 *     .backfill(b -> b.batchSize(5_000).parallelism(4))
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p><b>Filters.</b> With no filter, everything is copied (as in nodestream 0.16, where leaving out the
 * filters means all). Otherwise the filters choose, each on its own: {@link Builder#nodes(String...)}
 * copies the nodes carrying one of the labels (a node is copied once whichever of its chosen labels it is
 * found under), and {@link Builder#relationships(String...)} copies the relationships of the types. A
 * relationship's endpoints are not copied with it (nodestream upserts them; GraphShift does not, to keep
 * copy insert-only): they must be on the target already, from this copy's {@code --node} labels, an
 * earlier copy or the dual write, and a relationship whose endpoint is missing is rejected with {@code
 * dangling-endpoint} and a message naming the endpoint, counted in the report and reported to the
 * listeners. So {@code --node Person --relationship KNOWS} copies the KNOWS relationships between people.
 * A label or type absent from the source's counts is an error naming it, raised before anything is copied
 * (nodestream 0.16 only warns).
 *
 * <p><b>Writes.</b> Insert-if-absent, as the backfill writes: a record already on the target is left
 * alone and counted as skipped, so a copy can be run again, and can run while dual writes do.
 *
 * <p>One {@link #run()} at a time: a second, concurrent call is refused.
 *
 * <p>Thread-safe.
 */
public final class Copy {
  /** The default name. */
  public static final String DEFAULT_NAME = "copy";

  private final CopyConfig config;
  private final GraphDatabase source;
  private final Backfiller backfiller;

  private Copy(Builder b) {
    this.source = b.source;
    String name = b.name != null ? b.name : DEFAULT_NAME;
    BackfillSelection selection = b.nodeLabels.isEmpty() && b.relationshipTypes.isEmpty()
        ? BackfillSelection.all() : BackfillSelection.only(b.nodeLabels, b.relationshipTypes);
    Backfiller.Builder backfill = Backfiller.builder(b.source, b.target).name(name).selection(selection);
    if (b.mapper != null) {
      backfill.mapper(b.mapper);
    }
    if (b.json != null) {
      backfill.listener(new JsonProgressWriter(b.json));
    }
    for (BackfillListener listener : b.listeners) {
      backfill.listener(listener);
    }
    if (b.customizer != null) {
      b.customizer.accept(backfill);
    }
    this.backfiller = backfill.build();
    this.config = new CopyConfig(name, b.nodeLabels, b.relationshipTypes, b.json != null, backfiller.config());
  }

  /**
   * A builder for a copy from {@code source} to {@code target}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(GraphDatabase source, GraphDatabase target) {
    return new Builder(source, target);
  }

  /** The settings. */
  public CopyConfig config() {
    return config;
  }

  /** The copy's name. */
  public String name() {
    return config.name();
  }

  /** The backfill that does the copying. */
  public Backfiller backfiller() {
    return backfiller;
  }

  /** The backfill's counters and gauges. */
  public BackfillMetrics metrics() {
    return backfiller.metrics();
  }

  /**
   * Checks the chosen labels and types against the source's counts, then copies (resuming from the
   * backfill's checkpoint store if it holds this copy's checkpoint).
   *
   * @return what the backfill did
   * @throws ConfigurationException naming every chosen label or type the source does not have
   * @throws dev.graphshift.backfill.BackfillException if the copy stopped on a failure; a re-run resumes
   */
  public BackfillReport run() {
    checkKnown("node label", config.nodeLabels(), source.countNodesByLabel(), "labels");
    checkKnown("relationship type", config.relationshipTypes(), source.countRelationshipsByType(), "types");
    return backfiller.run();
  }

  private void checkKnown(String what, Set<String> chosen, Map<String, Long> counts, String plural) {
    Set<String> unknown = new TreeSet<>();
    for (String name : chosen) {
      if (counts.getOrDefault(name, 0L) == 0L) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ConfigurationException(config.name(), "unknown " + what + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown.stream().map(u -> "'" + u + "'").toList()) + ": the source '" + source.name()
          + "' has the " + plural + " " + new TreeSet<>(counts.keySet()), null);
    }
  }

  @Override
  public String toString() {
    return "Copy[" + name() + ", " + (config.everything() ? "everything" : "nodes=" + config.nodeLabels()
        + ", relationships=" + config.relationshipTypes()) + "]";
  }

  /**
   * Builds a {@link Copy}. Defaults: everything, the identity mapper, no JSON progress, the backfill's
   * defaults.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private final GraphDatabase source;
    private final GraphDatabase target;
    private @Nullable String name;
    private @Nullable RecordMapper mapper;
    private @Nullable Appendable json;
    private @Nullable Consumer<Backfiller.Builder> customizer;
    private final Set<String> nodeLabels = new TreeSet<>();
    private final Set<String> relationshipTypes = new TreeSet<>();
    private final List<BackfillListener> listeners = new java.util.ArrayList<>();

    private Builder(GraphDatabase source, GraphDatabase target) {
      this.source = requireNonNull(source, "source");
      this.target = requireNonNull(target, "target");
    }

    /**
     * The name of the copy and of its backfill (events, logs, checkpoint file). Default {@value
     * Copy#DEFAULT_NAME}.
     *
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException if set already
     */
    public Builder name(String value) {
      once(name, "name");
      this.name = nonBlank(value, "name");
      return this;
    }

    /**
     * The mapping from source records to target records. Default: the identity.
     *
     * @throws IllegalStateException if set already
     */
    public Builder mapper(RecordMapper value) {
      requireNonNull(value, "mapper");
      once(mapper, "mapper");
      this.mapper = value;
      return this;
    }

    /**
     * Adds node labels to copy ({@code --node}, repeatable).
     *
     * @throws IllegalArgumentException if a label is blank
     */
    public Builder nodes(String... labels) {
      return nodes(List.of(labels));
    }

    /**
     * Adds node labels to copy.
     *
     * @throws IllegalArgumentException if a label is blank
     */
    public Builder nodes(Collection<String> labels) {
      add(nodeLabels, labels, "node label");
      return this;
    }

    /**
     * Adds relationship types to copy ({@code --relationship}, repeatable).
     *
     * @throws IllegalArgumentException if a type is blank
     */
    public Builder relationships(String... types) {
      return relationships(List.of(types));
    }

    /**
     * Adds relationship types to copy.
     *
     * @throws IllegalArgumentException if a type is blank
     */
    public Builder relationships(Collection<String> types) {
      add(relationshipTypes, types, "relationship type");
      return this;
    }

    private static void add(Set<String> into, Collection<String> names, String what) {
      for (String n : names) {
        if (requireNonNull(n, what).isBlank()) {
          throw new IllegalArgumentException("a " + what + " must not be blank: '" + n + "'");
        }
        into.add(n);
      }
    }

    /**
     * Writes JSON-lines progress (see {@link JsonProgressWriter}) to this output ({@code --json}).
     *
     * @throws IllegalStateException if set already
     */
    public Builder json(Appendable out) {
      requireNonNull(out, "out");
      once(json, "json");
      this.json = out;
      return this;
    }

    /** Adds a listener to the copy's backfill; may be called several times. */
    public Builder listener(BackfillListener value) {
      listeners.add(requireNonNull(value, "listener"));
      return this;
    }

    /**
     * Sets the backfill's other settings (batch size, rate limit, parallelism, checkpoints, executor,
     * clock, ...). The copy sets the backfill's name, selection and mapper itself; setting them here
     * again is an {@link IllegalStateException} when the copy is built.
     *
     * @throws IllegalStateException if set already
     */
    public Builder backfill(Consumer<Backfiller.Builder> value) {
      requireNonNull(value, "backfill");
      once(customizer, "backfill");
      this.customizer = value;
      return this;
    }

    /** Builds the copy. */
    public Copy build() {
      return new Copy(this);
    }
  }
}
