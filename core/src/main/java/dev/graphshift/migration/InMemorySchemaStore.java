package dev.graphshift.migration;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SchemaStore} in memory: a schema (constraints and indexes), a migration log and a lock, for
 * tests and notebooks, and the reference the Neo4j implementation is checked against.
 *
 * <p>Design: one monitor guards the schema, the log and the lock, which makes {@link #lock(String)}
 * atomic: of two concurrent callers exactly one gets the lock.
 *
 * <p>Thread-safe.
 */
public final class InMemorySchemaStore implements SchemaStore {
  private final String name;
  private final Clock clock;
  private final Set<SchemaElement> schema = new LinkedHashSet<>();
  private final List<AppliedMigration> applied = new ArrayList<>();
  private @Nullable String holder;
  private @Nullable Instant since;

  private InMemorySchemaStore(String name, Clock clock) {
    this.name = name;
    this.clock = clock;
  }

  /**
   * An empty store, named for lock messages, on the UTC system clock.
   *
   * @throws NullPointerException if name is null
   */
  public static InMemorySchemaStore named(String name) {
    return new InMemorySchemaStore(requireNonNull(name, "name"), Clock.systemUTC());
  }

  /** An empty store on a clock of your own. */
  public static InMemorySchemaStore named(String name, Clock clock) {
    return new InMemorySchemaStore(requireNonNull(name, "name"), requireNonNull(clock, "clock"));
  }

  @Override
  public synchronized List<SchemaElement> readSchema() {
    return List.copyOf(schema);
  }

  @Override
  public synchronized boolean create(SchemaElement element) {
    return schema.add(requireNonNull(element, "element"));
  }

  @Override
  public synchronized List<AppliedMigration> appliedMigrations() {
    return List.copyOf(applied);
  }

  @Override
  public synchronized void recordApplied(AppliedMigration migration) {
    requireNonNull(migration, "migration");
    applied.removeIf(m -> m.name().equals(migration.name()));
    applied.add(migration);
  }

  @Override
  public synchronized MigrationLock lock(String owner) {
    requireNonNull(owner, "owner");
    if (holder != null && since != null) {
      throw new MigrationLockedException(name, holder, since);
    }
    Instant at = clock.instant();
    holder = owner;
    since = at;
    return new MigrationLock() {
      private boolean released;

      @Override
      public String owner() {
        return owner;
      }

      @Override
      public Instant acquiredAt() {
        return at;
      }

      @Override
      public void close() {
        synchronized (InMemorySchemaStore.this) {
          if (!released && owner.equals(holder) && at.equals(since)) {
            holder = null;
            since = null;
          }
          released = true;
        }
      }
    };
  }

  @Override
  public synchronized void breakLock() {
    holder = null;
    since = null;
  }

  /** Who holds the lock now, if anyone. */
  public synchronized java.util.Optional<String> lockHolder() {
    return java.util.Optional.ofNullable(holder);
  }

  @Override
  public String toString() {
    return "InMemorySchemaStore[" + name + "]";
  }
}
