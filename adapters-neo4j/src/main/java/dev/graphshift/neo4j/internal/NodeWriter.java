package dev.graphshift.neo4j.internal;

import dev.graphshift.Checked;
import dev.graphshift.Node;
import dev.graphshift.RecordRules;
import dev.graphshift.Rejected;
import dev.graphshift.Rules;
import dev.graphshift.WriteMode;
import dev.graphshift.WriteResult;
import dev.graphshift.neo4j.Neo4jValues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and deletes nodes: checks each batch ({@link RecordRules}, then the identity settings), then writes
 * it in transactions of at most the batch size, each one {@code UNWIND} statement with every value as a
 * parameter. Counts: written + skipped + rejected = offered.
 *
 * <p>Thread-safe.
 */
public final class NodeWriter {

  private final Context ctx;

  public NodeWriter(Context ctx) {
    this.ctx = ctx;
  }

  /** Upserts or inserts nodes. */
  public WriteResult write(List<Node> nodes, WriteMode mode) {
    if (ctx.nodeIdentity().isElementId()) {
      return new WriteResult(0, 0, Batches.identityNotWritable(nodes));
    }
    Checked<Node> checked = RecordRules.checkNodes(nodes);
    List<Rejected> rejected = new ArrayList<>(checked.rejected());
    List<Node> accepted = withoutConflicts(checked.accepted(), rejected);
    if (accepted.isEmpty()) {
      return new WriteResult(0, 0, rejected);
    }
    ctx.schema().ensureKeyConstraint(ctx);
    int written = 0;
    int skipped = 0;
    String statement = mode == WriteMode.UPSERT ? ctx.cypher().upsertNodes() : ctx.cypher().insertNodes();
    for (List<Node> chunk : Batches.chunks(accepted, ctx.batchSize())) {
      Map<String, Object> params = new HashMap<>();
      params.put("rows", rows(chunk));
      ctx.keyLabel().ifPresent(l -> params.put("keyLabel", l));
      int created = ctx.bolt().write("write of " + chunk.size() + " nodes", Batches.ids(chunk),
          tx -> tx.run(statement, params).consume().counters().nodesCreated());
      if (mode == WriteMode.UPSERT) {
        written += chunk.size();
      } else {
        written += created;
        skipped += chunk.size() - created;
      }
    }
    return new WriteResult(written, skipped, rejected);
  }

  /** Detach-deletes nodes by id; absent ids count as processed. */
  public WriteResult delete(Collection<String> ids) {
    List<String> all = List.copyOf(ids);
    for (List<String> chunk : Batches.chunks(all, ctx.batchSize())) {
      ctx.bolt().write("delete of " + chunk.size() + " nodes", chunk,
          tx -> tx.run(ctx.cypher().deleteNodes(), Map.of("ids", chunk)).consume());
    }
    return WriteResult.written(all.size());
  }

  private List<Node> withoutConflicts(List<Node> nodes, List<Rejected> rejected) {
    String key = ctx.nodeIdentity().propertyKey().orElseThrow();
    Optional<String> keyLabel = ctx.keyLabel();
    List<Node> ok = new ArrayList<>(nodes.size());
    for (Node n : nodes) {
      Optional<Rejected> badName = TokenNames.problem(n);
      if (badName.isPresent()) {
        rejected.add(badName.get());
      } else if (n.properties().containsKey(key)) {
        rejected.add(new Rejected(n, Rules.NEO4J_IDENTITY_CONFLICT, "property '" + key
            + "' is the node identity property, which holds the node's id; rename the property"));
      } else if (keyLabel.isPresent() && n.labels().contains(keyLabel.get())) {
        rejected.add(new Rejected(n, Rules.NEO4J_IDENTITY_CONFLICT, "label '" + keyLabel.get()
            + "' is the key label, which every node carries and reads hide; rename the label"));
      } else {
        ok.add(n);
      }
    }
    return ok;
  }

  private List<Map<String, Object>> rows(List<Node> nodes) {
    String key = ctx.nodeIdentity().propertyKey().orElseThrow();
    List<Map<String, Object>> rows = new ArrayList<>(nodes.size());
    for (Node n : nodes) {
      rows.add(Map.of("id", n.id(), "labels", List.copyOf(n.labels()), "props", parameters(n.properties(), key, n.id())));
    }
    return rows;
  }

  /** The properties as driver parameters, with the identity property set to the id. */
  static Map<String, Object> parameters(Map<String, Object> properties, String key, String id) {
    Map<String, Object> params = new HashMap<>(Math.max(4, properties.size() * 2 + 2));
    for (Map.Entry<String, Object> e : properties.entrySet()) {
      params.put(e.getKey(), Neo4jValues.toParameter(e.getValue()));
    }
    params.put(key, id);
    return params;
  }
}
