package dev.graphshift;

import java.util.ArrayList;
import java.util.List;

/**
 * What a database can do. A coordinator or tool that meets a missing capability reports it (for
 * example, every relationship offered to a database without {@link #relationships()} is rejected with
 * {@link Rules#UNSUPPORTED_CAPABILITY}); it never pretends.
 *
 * <p>Immutable.
 *
 * @param relationships stores relationships
 * @param nodeDeletes deletes nodes by id
 * @param relationshipDeletes deletes relationships by id
 * @param conditionalWrites performs {@link WriteMode#INSERT_IF_ABSENT} atomically
 * @param nativeVectors stores vectors as native vector values (rather than converting them)
 * @param transactions writes each batch atomically
 * @param schema has constraints and indexes that schema migrations can create
 */
public record Capabilities(
    boolean relationships,
    boolean nodeDeletes,
    boolean relationshipDeletes,
    boolean conditionalWrites,
    boolean nativeVectors,
    boolean transactions,
    boolean schema) {

  /** Every capability. */
  public static Capabilities all() {
    return new Capabilities(true, true, true, true, true, true, true);
  }

  /** A builder starting from no capability at all. */
  public static Builder builder() {
    return new Builder();
  }

  /** The names of the capabilities this database lacks, for reports. */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (!relationships) {
      missing.add("relationships");
    }
    if (!nodeDeletes) {
      missing.add("nodeDeletes");
    }
    if (!relationshipDeletes) {
      missing.add("relationshipDeletes");
    }
    if (!conditionalWrites) {
      missing.add("conditionalWrites");
    }
    if (!nativeVectors) {
      missing.add("nativeVectors");
    }
    if (!transactions) {
      missing.add("transactions");
    }
    if (!schema) {
      missing.add("schema");
    }
    return List.copyOf(missing);
  }

  /**
   * Builds {@link Capabilities}; every capability starts off.
   *
   * <p>Not thread-safe; confine to one thread.
   */
  public static final class Builder {
    private boolean relationships;
    private boolean nodeDeletes;
    private boolean relationshipDeletes;
    private boolean conditionalWrites;
    private boolean nativeVectors;
    private boolean transactions;
    private boolean schema;

    private Builder() {}

    public Builder relationships(boolean value) {
      this.relationships = value;
      return this;
    }

    public Builder nodeDeletes(boolean value) {
      this.nodeDeletes = value;
      return this;
    }

    public Builder relationshipDeletes(boolean value) {
      this.relationshipDeletes = value;
      return this;
    }

    public Builder conditionalWrites(boolean value) {
      this.conditionalWrites = value;
      return this;
    }

    public Builder nativeVectors(boolean value) {
      this.nativeVectors = value;
      return this;
    }

    public Builder transactions(boolean value) {
      this.transactions = value;
      return this;
    }

    public Builder schema(boolean value) {
      this.schema = value;
      return this;
    }

    public Capabilities build() {
      return new Capabilities(relationships, nodeDeletes, relationshipDeletes, conditionalWrites,
          nativeVectors, transactions, schema);
    }
  }
}
