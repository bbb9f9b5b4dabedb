package dev.graphshift.neo4j.internal;

import dev.graphshift.Checked;
import dev.graphshift.RecordRules;
import dev.graphshift.Rejected;
import dev.graphshift.Relationship;
import dev.graphshift.Rules;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.TransactionContext;

/**
 * Writes and deletes relationships. Each transaction (at most the batch size) runs:
 *
 * <ol>
 *   <li>one lookup of the batch's ids among the existing relationships (an index seek per id and type);
 *   <li>per relationship type, one {@code UNWIND ... MATCH (a) MATCH (b) MERGE (a)-[r:TYPE {id}]->(b)}
 *       statement, which returns the ids it wrote: a row whose endpoint is missing returns nothing;
 *   <li>under UPSERT, the delete of an earlier relationship with the same id but another type or other
 *       endpoints, once its replacement is written (the id moved);
 *   <li>for rows not written, one lookup of which endpoint ids exist, to name the missing one in the
 *       {@link Rules#DANGLING_ENDPOINT} rejection.
 * </ol>
 *
 * <p>Under INSERT_IF_ABSENT, ids found in step 1 are skipped, and {@code MERGE ... ON CREATE} counts as
 * written only what it created. Counts: written + skipped + rejected = offered.
 *
 * <p>Thread-safe.
 */
public final class RelationshipWriter {

  private final Context ctx;

  public RelationshipWriter(Context ctx) {
    this.ctx = ctx;
  }

  /** An existing relationship found by id. */
  private record Existing(String elementId, String type, String start, String end) {}

  /** What one transaction did. */
  private record Outcome(int written, int skipped, List<Rejected> rejected) {}

  /** Upserts or inserts relationships. */
  public WriteResult write(List<Relationship> relationships, WriteMode mode) {
    if (ctx.relationshipIdentity().isElementId()) {
      return new WriteResult(0, 0, Batches.identityNotWritable(relationships));
    }
    Checked<Relationship> checked = RecordRules.checkRelationships(relationships);
    List<Rejected> rejected = new ArrayList<>(checked.rejected());
    List<Relationship> accepted = withoutConflicts(checked.accepted(), rejected);
    if (accepted.isEmpty()) {
      return new WriteResult(0, 0, rejected);
    }
    Set<String> types = new LinkedHashSet<>();
    accepted.forEach(r -> types.add(r.type()));
    ctx.schema().ensureRelationshipIndexes(ctx, types);
    int written = 0;
    int skipped = 0;
    for (List<Relationship> chunk : Batches.chunks(accepted, ctx.batchSize())) {
      Outcome outcome = ctx.bolt().write("write of " + chunk.size() + " relationships", Batches.ids(chunk),
          tx -> writeChunk(tx, chunk, mode));
      written += outcome.written();
      skipped += outcome.skipped();
      rejected.addAll(outcome.rejected());
    }
    return new WriteResult(written, skipped, rejected);
  }

  private Outcome writeChunk(TransactionContext tx, List<Relationship> chunk, WriteMode mode) {
    Map<String, List<Existing>> existing = lookup(tx, Batches.ids(chunk));
    Map<String, List<Map<String, Object>>> rowsByType = new LinkedHashMap<>();
    String key = ctx.relationshipIdentity().propertyKey().orElseThrow();
    int skipped = 0;
    for (Relationship r : chunk) {
      if (mode == WriteMode.INSERT_IF_ABSENT && existing.containsKey(r.id())) {
        skipped++;
        continue;
      }
      rowsByType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(Map.of(
          "id", r.id(), "start", r.startId(), "end", r.endId(), "props", NodeWriter.parameters(r.properties(), key, r.id())));
    }
    Set<String> returned = new HashSet<>();
    int created = 0;
    for (Map.Entry<String, List<Map<String, Object>>> group : rowsByType.entrySet()) {
      String statement = mode == WriteMode.UPSERT
          ? ctx.cypher().upsertRelationships(group.getKey())
          : ctx.cypher().insertRelationships(group.getKey());
      Result result = tx.run(statement, Map.of("rows", group.getValue()));
      for (Record row : result.list()) {
        returned.add(row.get("id").asString());
      }
      created += result.consume().counters().relationshipsCreated();
    }
    if (mode == WriteMode.UPSERT) {
      deleteMoved(tx, chunk, existing, returned);
    }
    List<Relationship> dangling = new ArrayList<>();
    for (Relationship r : chunk) {
      if (!returned.contains(r.id()) && !(mode == WriteMode.INSERT_IF_ABSENT && existing.containsKey(r.id()))) {
        dangling.add(r);
      }
    }
    List<Rejected> rejected = dangling.isEmpty() ? List.of() : danglingRejections(tx, dangling);
    if (mode == WriteMode.UPSERT) {
      return new Outcome(returned.size(), 0, rejected);
    }
    return new Outcome(created, skipped + returned.size() - created, rejected);
  }

  /** Existing relationships with these ids, searched in every type in use. */
  private Map<String, List<Existing>> lookup(TransactionContext tx, List<String> ids) {
    List<String> types = tx.run(ctx.cypher().relationshipTypes()).list(r -> r.get("type").asString());
    Map<String, List<Existing>> found = new HashMap<>();
    if (types.isEmpty()) {
      return found;
    }
    for (Record row : tx.run(ctx.cypher().relationshipsByIds(types), Map.of("ids", ids)).list()) {
      org.neo4j.driver.types.Relationship rel = row.get("rel").asRelationship();
      String id = rel.get(ctx.relationshipIdentity().propertyKey().orElseThrow()).asString();
      found.computeIfAbsent(id, k -> new ArrayList<>()).add(new Existing(row.get("eid").asString(), rel.type(),
          String.valueOf(row.get("start").asObject()), String.valueOf(row.get("end").asObject())));
    }
    return found;
  }

  /** Deletes the earlier relationships of ids that were written with another type or other endpoints. */
  private void deleteMoved(TransactionContext tx, List<Relationship> chunk, Map<String, List<Existing>> existing,
      Set<String> returned) {
    if (existing.isEmpty()) {
      return;
    }
    List<String> stale = new ArrayList<>();
    for (Relationship r : chunk) {
      for (Existing e : existing.getOrDefault(r.id(), List.of())) {
        boolean same = e.type().equals(r.type()) && e.start().equals(r.startId()) && e.end().equals(r.endId());
        if (!same && returned.contains(r.id())) {
          stale.add(e.elementId());
        }
      }
    }
    if (!stale.isEmpty()) {
      tx.run(ctx.cypher().deleteRelationshipsByElementId(), Map.of("eids", stale)).consume();
    }
  }

  private List<Rejected> danglingRejections(TransactionContext tx, List<Relationship> dangling) {
    Set<String> endpoints = new LinkedHashSet<>();
    for (Relationship r : dangling) {
      endpoints.add(r.startId());
      endpoints.add(r.endId());
    }
    Set<String> present = new HashSet<>(tx.run(ctx.cypher().existingNodeIds(), Map.of("ids", List.copyOf(endpoints)))
        .list(row -> String.valueOf(row.get("id").asObject())));
    List<Rejected> rejected = new ArrayList<>(dangling.size());
    for (Relationship r : dangling) {
      List<String> missing = new ArrayList<>(2);
      if (!present.contains(r.startId())) {
        missing.add("start node '" + r.startId() + "'");
      }
      if (!present.contains(r.endId())) {
        missing.add("end node '" + r.endId() + "'");
      }
      String what = missing.isEmpty() ? "an endpoint was deleted while the relationship was written"
          : String.join(" and ", missing) + (missing.size() == 1 ? " does" : " do") + " not exist";
      rejected.add(new Rejected(r, Rules.DANGLING_ENDPOINT, r.describe() + " (" + r.type() + "): " + what));
    }
    return rejected;
  }

  /** Deletes relationships by id; absent ids count as processed. */
  public WriteResult delete(Collection<String> ids) {
    List<String> all = List.copyOf(ids);
    for (List<String> chunk : Batches.chunks(all, ctx.batchSize())) {
      ctx.bolt().write("delete of " + chunk.size() + " relationships", chunk, tx -> {
        List<String> eids = new ArrayList<>();
        if (ctx.relationshipIdentity().isElementId()) {
          eids.addAll(chunk);
        } else {
          lookup(tx, chunk).values().forEach(list -> list.forEach(e -> eids.add(e.elementId())));
        }
        if (!eids.isEmpty()) {
          tx.run(ctx.cypher().deleteRelationshipsByElementId(), Map.of("eids", eids)).consume();
        }
        return eids.size();
      });
    }
    return WriteResult.written(all.size());
  }

  private List<Relationship> withoutConflicts(List<Relationship> relationships, List<Rejected> rejected) {
    String key = ctx.relationshipIdentity().propertyKey().orElseThrow();
    List<Relationship> ok = new ArrayList<>(relationships.size());
    for (Relationship r : relationships) {
      Optional<Rejected> badName = TokenNames.problem(r);
      if (badName.isPresent()) {
        rejected.add(badName.get());
      } else if (r.properties().containsKey(key)) {
        rejected.add(new Rejected(r, Rules.NEO4J_IDENTITY_CONFLICT, "property '" + key
            + "' is the relationship identity property, which holds the relationship's id; rename the property"));
      } else {
        ok.add(r);
      }
    }
    return ok;
  }
}
