package dev.graphshift.migration;

import dev.graphshift.Capabilities;
import dev.graphshift.ForwardingGraphDatabase;
import dev.graphshift.backfill.ManualClock;
import dev.graphshift.memory.InMemoryGraphDatabase;
import java.util.List;

/**
 * A database with a schema, standing in for Neo4j: the in-memory database with the schema capability,
 * and its schema, migration log and lock in an {@link InMemorySchemaStore}. Shared by the migrator's tests
 * and the Micrometer binding's (core's test-jar).
 *
 * <p>Thread-safe.
 */
public class SchemaDatabase extends ForwardingGraphDatabase implements SchemaStore {
  private final InMemorySchemaStore schema;

  public SchemaDatabase(String name) {
    super(InMemoryGraphDatabase.named(name));
    this.schema = InMemorySchemaStore.named(name, new ManualClock());
  }

  @Override
  public Capabilities capabilities() {
    Capabilities c = super.capabilities();
    return new Capabilities(c.relationships(), c.nodeDeletes(), c.relationshipDeletes(), c.conditionalWrites(),
        c.nativeVectors(), c.transactions(), true);
  }

  @Override
  public List<SchemaElement> readSchema() {
    return schema.readSchema();
  }

  @Override
  public boolean create(SchemaElement element) {
    return schema.create(element);
  }

  @Override
  public List<AppliedMigration> appliedMigrations() {
    return schema.appliedMigrations();
  }

  @Override
  public void recordApplied(AppliedMigration migration) {
    schema.recordApplied(migration);
  }

  @Override
  public MigrationLock lock(String owner) {
    return schema.lock(owner);
  }

  @Override
  public void breakLock() {
    schema.breakLock();
  }

  /** The schema, migration log and lock behind this database. */
  public InMemorySchemaStore schema() {
    return schema;
  }
}
