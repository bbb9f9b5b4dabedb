package dev.graphshift.neo4j;

import static java.util.Objects.requireNonNull;

import dev.graphshift.GraphRecord;
import dev.graphshift.Node;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.Value;
import org.neo4j.driver.types.TypeSystem;

/**
 * Reads driver nodes and relationships into the model under an identity setting: the public entry point
 * for anything that turns Neo4j query results into {@link Node}s and {@link Relationship}s (the adapter's
 * reads and scans, schema migrations, conversion benchmarks).
 *
 * <ul>
 *   <li>The id is the identity property's value as a string (an INTEGER is written in decimal), or the
 *       element id; the identity property is not part of the properties.
 *   <li>The key label, if any, is not part of the labels.
 *   <li>Property values follow {@link Neo4jValues}; lists of floats under a vector property become vectors.
 *   <li>A record without its identity value, or with a property the model has no kind for, comes back as a
 *       {@link Rejected} ({@link Rules#IDENTITY_MISSING} or {@link Rules#VALUE_KIND}) holding what could be
 *       read, its id then being {@code elementId:<element id>} when the identity is missing: never dropped.
 * </ul>
 *
 * <pre>{@code
 * Neo4jRecords records = Neo4jRecords.builder().keyLabel("Entity").build();
 * Neo4jRecords.Read<Node> read = records.node(record.get("n").asNode());
 * }</pre>
 *
 * <p>Immutable.
 */
public final class Neo4jRecords {

  /** The default vector properties: {@code embedding}. */
  public static final Set<String> DEFAULT_VECTOR_PROPERTIES = Set.of("embedding");

  private static final TypeSystem TYPES = TypeSystem.getDefault();

  private final Neo4jIdentity nodeIdentity;
  private final Optional<String> keyLabel;
  private final Neo4jIdentity relationshipIdentity;
  private final Set<String> vectorProperties;

  private Neo4jRecords(Builder b) {
    this.nodeIdentity = b.nodeIdentity;
    this.keyLabel = b.keyLabel;
    this.relationshipIdentity = b.relationshipIdentity;
    this.vectorProperties = Set.copyOf(b.vectorProperties);
  }

  /** A builder; every setting starts at its default (identity property {@code id}, no key label). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The outcome of reading one record: the record, or why it cannot be read.
   *
   * <p>Immutable.
   *
   * @param record the record read, when it could be
   * @param rejected the rule it broke and what of it could be read, otherwise
   * @param <T> {@link Node} or {@link Relationship}
   */
  public record Read<T extends GraphRecord>(Optional<T> record, Optional<Rejected> rejected) {
    public Read {
      requireNonNull(record, "record");
      requireNonNull(rejected, "rejected");
      if (record.isPresent() == rejected.isPresent()) {
        throw new IllegalArgumentException("a read holds a record or a rejection, not both or neither");
      }
    }

    static <T extends GraphRecord> Read<T> of(T record) {
      return new Read<>(Optional.of(record), Optional.empty());
    }

    static <T extends GraphRecord> Read<T> rejected(Rejected rejected) {
      return new Read<>(Optional.empty(), Optional.of(rejected));
    }
  }

  /** Reads a driver node. */
  public Read<Node> node(org.neo4j.driver.types.Node node) {
    Set<String> labels = labels(node.labels());
    Map<String, Object> properties = new HashMap<>(capacity(node.size()));
    String badProperty = properties(node, nodeIdentity, properties);
    String id = identity(node.elementId(), nodeIdentity, node);
    Node read = new Node(id == null ? "elementId:" + node.elementId() : id, labels, properties);
    if (id == null) {
      return Read.rejected(new Rejected(read, Rules.IDENTITY_MISSING,
          "node with element id " + node.elementId() + " has no identity " + nodeIdentity));
    }
    if (badProperty != null) {
      return Read.rejected(new Rejected(read, Rules.VALUE_KIND, badProperty));
    }
    return Read.of(read);
  }

  /**
   * Reads a driver relationship whose endpoints' identity values were read alongside it (for example
   * {@code a.id AS start} or {@code elementId(a) AS start}).
   */
  public Read<Relationship> relationship(org.neo4j.driver.types.Relationship rel, Value startId, Value endId) {
    Map<String, Object> properties = new HashMap<>(capacity(rel.size()));
    String badProperty = properties(rel, relationshipIdentity, properties);
    String id = identity(rel.elementId(), relationshipIdentity, rel);
    String start = idString(startId);
    String end = idString(endId);
    Relationship read = new Relationship(id == null ? "elementId:" + rel.elementId() : id, rel.type(),
        start == null ? "elementId:" + rel.startNodeElementId() : start,
        end == null ? "elementId:" + rel.endNodeElementId() : end, properties);
    if (id == null) {
      return Read.rejected(new Rejected(read, Rules.IDENTITY_MISSING, "relationship with element id "
          + rel.elementId() + " has no identity " + relationshipIdentity));
    }
    if (start == null || end == null) {
      return Read.rejected(new Rejected(read, Rules.IDENTITY_MISSING, "relationship '" + id + "': its "
          + (start == null ? "start node " + rel.startNodeElementId() : "end node " + rel.endNodeElementId())
          + " has no identity " + nodeIdentity));
    }
    if (badProperty != null) {
      return Read.rejected(new Rejected(read, Rules.VALUE_KIND, badProperty));
    }
    return Read.of(read);
  }

  /**
   * The labels but the key label, straight into the immutable set a {@link Node} keeps (which then takes
   * it without copying): no intermediate set per node.
   */
  private Set<String> labels(Iterable<String> all) {
    if (!(all instanceof Collection<String> labels)) {
      Set<String> copy = new LinkedHashSet<>();
      all.forEach(copy::add);
      return labels(List.copyOf(copy));
    }
    int size = labels.size();
    if (size == 0) {
      return Set.of();
    }
    String[] kept = new String[size];
    int n = 0;
    for (String label : labels) {
      if (!isKeyLabel(label) && !contains(kept, n, label)) {
        kept[n++] = label;
      }
    }
    return switch (n) {
      case 0 -> Set.of();
      case 1 -> Set.of(kept[0]);
      case 2 -> Set.of(kept[0], kept[1]);
      default -> Set.of(n == size ? kept : Arrays.copyOf(kept, n));
    };
  }

  private boolean isKeyLabel(String label) {
    return keyLabel.isPresent() && keyLabel.get().equals(label);
  }

  /** Whether the first {@code n} labels hold this one (a node has few labels; a set would cost more). */
  private static boolean contains(String[] labels, int n, String label) {
    for (int i = 0; i < n; i++) {
      if (labels[i].equals(label)) {
        return true;
      }
    }
    return false;
  }

  /** The initial capacity of a hash map that holds {@code size} entries without growing. */
  private static int capacity(int size) {
    return (int) (size / 0.75f) + 1;
  }

  /**
   * The identity value of a driver value as an id: a STRING as it is, an INTEGER in decimal; empty for
   * NULL or any other type.
   */
  public static Optional<String> id(Value value) {
    return Optional.ofNullable(idString(value));
  }

  private static @Nullable String idString(Value value) {
    if (value.hasType(TYPES.STRING())) {
      return value.asString();
    } else if (value.hasType(TYPES.INTEGER())) {
      return Long.toString(value.asLong());
    }
    return null;
  }

  private static @Nullable String identity(String elementId, Neo4jIdentity identity, org.neo4j.driver.types.Entity e) {
    if (identity.isElementId()) {
      return elementId;
    }
    String id = idString(e.get(identity.propertyKey().get()));
    return id == null || id.isBlank() ? null : id;
  }

  /** Fills {@code out} with the convertible properties; returns the first problem, or null. */
  private @Nullable String properties(org.neo4j.driver.types.Entity e, Neo4jIdentity identity, Map<String, Object> out) {
    String skip = identity.propertyKey().orElse(null);
    String problem = null;
    for (String key : e.keys()) {
      if (key.equals(skip)) {
        continue;
      }
      try {
        out.put(key, Neo4jValues.toModel(e.get(key), vectorProperties.contains(key)));
      } catch (IllegalArgumentException unsupported) {
        if (problem == null) {
          problem = "property '" + key + "' cannot be read: " + unsupported.getMessage();
        }
      }
    }
    return problem;
  }

  /** The vector properties: lists of floats under these names read back as vectors. */
  public Set<String> vectorProperties() {
    return vectorProperties;
  }

  /**
   * Builds {@link Neo4jRecords}.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private Neo4jIdentity nodeIdentity = Neo4jIdentity.defaultProperty();
    private Optional<String> keyLabel = Optional.empty();
    private Neo4jIdentity relationshipIdentity = Neo4jIdentity.defaultProperty();
    private Set<String> vectorProperties = DEFAULT_VECTOR_PROPERTIES;

    private Builder() {}

    /** The node identity; default the property {@code id}. */
    public Builder nodeIdentity(Neo4jIdentity identity) {
      this.nodeIdentity = requireNonNull(identity, "identity");
      return this;
    }

    /** The key label, hidden from the labels read; default none. */
    public Builder keyLabel(Optional<String> label) {
      this.keyLabel = requireNonNull(label, "label");
      return this;
    }

    /** The key label, hidden from the labels read. */
    public Builder keyLabel(String label) {
      return keyLabel(Optional.of(requireNonNull(label, "label")));
    }

    /** The relationship identity; default the property {@code id}. */
    public Builder relationshipIdentity(Neo4jIdentity identity) {
      this.relationshipIdentity = requireNonNull(identity, "identity");
      return this;
    }

    /** The properties whose lists of floats read back as vectors; default {@link #DEFAULT_VECTOR_PROPERTIES}. */
    public Builder vectorProperties(Set<String> names) {
      this.vectorProperties = Set.copyOf(requireNonNull(names, "names"));
      return this;
    }

    /** Builds the reader. */
    public Neo4jRecords build() {
      return new Neo4jRecords(this);
    }
  }
}
