package dev.graphshift.neo4j.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, once each and only when {@code manageSchema} is on, the schema the adapter relies on: the
 * uniqueness constraint on the key label's identity property (before the first node write) and a range index
 * on each relationship type's identity property (before the first write of that type). Statements are {@code
 * IF NOT EXISTS}, and an equivalent element created by a racing caller (another thread, another adapter
 * instance, another process) counts as existing, so racing callers and restarts are harmless.
 *
 * <p>Design: a concurrent set remembers what exists; two threads may both run the same idempotent statement
 * the first time, which costs one extra round trip and nothing else.
 *
 * <p>Thread-safe.
 */
public final class SchemaKeeper {

  private static final Logger log = LoggerFactory.getLogger(SchemaKeeper.class);
  private static final String KEY_CONSTRAINT = "\u0000key-constraint";

  private final String name;
  private final boolean enabled;
  private final boolean keyConstraint;
  private final boolean relationshipIndexes;
  private final Set<String> done = ConcurrentHashMap.newKeySet();

  /**
   * Creates a keeper.
   *
   * @param name the database's name
   * @param enabled whether the adapter manages the schema at all
   * @param keyConstraint whether there is a key label whose identity property needs the constraint
   * @param relationshipIndexes whether relationships have an identity property to index
   */
  public SchemaKeeper(String name, boolean enabled, boolean keyConstraint, boolean relationshipIndexes) {
    this.name = name;
    this.enabled = enabled;
    this.keyConstraint = keyConstraint;
    this.relationshipIndexes = relationshipIndexes;
  }

  /** Creates the key constraint if it is needed and not yet created. */
  void ensureKeyConstraint(Context ctx) {
    if (enabled && keyConstraint && !done.contains(KEY_CONSTRAINT)) {
      run(ctx, ctx.cypher().keyConstraint());
      done.add(KEY_CONSTRAINT);
    }
  }

  /** Creates the identity index of each type not yet indexed. */
  void ensureRelationshipIndexes(Context ctx, Set<String> types) {
    if (!enabled || !relationshipIndexes) {
      return;
    }
    for (String type : types) {
      if (!done.contains(type)) {
        run(ctx, ctx.cypher().relationshipIndex(type));
        done.add(type);
      }
    }
  }

  private void run(Context ctx, String statement) {
    ctx.bolt().createSchema("schema change", statement, Map.of());
    log.info("graphshift.neo4j.schema_ensured name={} statement={}", name, statement);
  }
}
