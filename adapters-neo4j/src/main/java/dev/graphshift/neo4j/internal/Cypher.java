package dev.graphshift.neo4j.internal;

import dev.graphshift.migration.SchemaElement;
import dev.graphshift.migration.SchemaStore;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Every Cypher statement the adapter runs, in one place. Data always travels as parameters; the only
 * names written into statement text are labels, relationship types and property keys, each escaped by
 * {@link #escape(String)} (backticks around, a backtick inside doubled), which Cypher reads as a literal
 * name whatever it holds.
 *
 * <p>Statements depend on the identity settings: a node is found by {@code (n:`Key` {`id`: $x})} with a key
 * label (a unique-index seek), by {@code (n {`id`: $x})} without one (a scan of all nodes), or by its
 * element id. Relationships are found by their id property through one range index per type, or by
 * element id.
 *
 * <p>The schema-migration bookkeeping nodes ({@code :__GraphShiftMigration}, {@code
 * :__GraphShiftMigrationLock}) are the adapter's, not the graph's: unfiltered node scans, samples, the total
 * node count and lookups that do not go through the key label leave them out.
 *
 * <p>Immutable.
 */
public final class Cypher {

  private final Optional<String> nodeKey;
  private final Optional<String> keyLabel;
  private final Optional<String> relationshipKey;

  /**
   * Creates the statements for one identity setting.
   *
   * @param nodeKey the node identity property, or empty for the element id
   * @param keyLabel the key label every node carries, if any
   * @param relationshipKey the relationship identity property, or empty for the element id
   */
  public Cypher(Optional<String> nodeKey, Optional<String> keyLabel, Optional<String> relationshipKey) {
    this.nodeKey = nodeKey;
    this.keyLabel = keyLabel;
    this.relationshipKey = relationshipKey;
  }

  /** The labels of the migration bookkeeping nodes, which reads of the graph leave out. */
  public static final List<String> BOOKKEEPING_LABELS = List.of(SchemaStore.MIGRATION_LABEL, SchemaStore.LOCK_LABEL);

  /** The predicate that node {@code var} is not a bookkeeping node. */
  private static String notBookkeeping(String var) {
    StringJoiner and = new StringJoiner(" AND ");
    for (String label : BOOKKEEPING_LABELS) {
      and.add("NOT " + var + ":" + escape(label));
    }
    return and.toString();
  }

  /** A label, type or property key as a literal Cypher name. */
  public static String escape(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  // ------------------------------------------------------------------------------ identity fragments

  /** {@code MATCH} of node {@code var} whose identity equals the expression {@code id}. */
  String matchNode(String var, String id) {
    if (nodeKey.isEmpty()) {
      return "MATCH (" + var + ") WHERE elementId(" + var + ") = " + id;
    }
    return "MATCH (" + var + keyLabelPart() + " {" + escape(nodeKey.get()) + ": " + id + "})";
  }

  /** {@code MATCH} of the nodes whose identity is in the list parameter {@code $ids}. */
  private String matchNodesIn(String var) {
    if (nodeKey.isEmpty()) {
      return "MATCH (" + var + ") WHERE elementId(" + var + ") IN $ids AND " + notBookkeeping(var);
    }
    String match = "MATCH (" + var + keyLabelPart() + ") WHERE " + var + "." + escape(nodeKey.get()) + " IN $ids";
    return keyLabel.isPresent() ? match : match + " AND " + notBookkeeping(var);
  }

  /** The expression of node {@code var}'s identity value. */
  String nodeId(String var) {
    return nodeKey.map(k -> var + "." + escape(k)).orElse("elementId(" + var + ")");
  }

  private String keyLabelPart() {
    return keyLabel.map(l -> ":" + escape(l)).orElse("");
  }

  private String relationshipIdColumns() {
    return "id(r) AS iid, r AS rel, " + nodeId("a") + " AS start, " + nodeId("b") + " AS end";
  }

  // ------------------------------------------------------------------------------------ schema

  /** The uniqueness constraint on the key label's identity property. */
  public String keyConstraint() {
    return "CREATE CONSTRAINT IF NOT EXISTS FOR (n" + keyLabelPart() + ") REQUIRE n."
        + escape(nodeKey.orElseThrow()) + " IS UNIQUE";
  }

  /** The range index on one relationship type's identity property. */
  public String relationshipIndex(String type) {
    return "CREATE INDEX IF NOT EXISTS FOR ()-[r:" + escape(type) + "]-() ON (r."
        + escape(relationshipKey.orElseThrow()) + ")";
  }

  /** The labels in use. */
  public String labels() {
    return "CALL db.labels() YIELD label RETURN label";
  }

  /** The relationship types in use. */
  public String relationshipTypes() {
    return "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS type";
  }

  // ------------------------------------------------------------------------------------ node writes

  /**
   * Upserts the rows of {@code $rows} ({@code {id, labels, props}}, where {@code props} holds the identity
   * property too): merge on the identity, replace all properties, then remove the labels not in the new set
   * (the key label excepted) and add the new ones.
   */
  public String upsertNodes() {
    String key = escape(nodeKey.orElseThrow());
    String keep = keyLabel.isPresent() ? " AND l <> $keyLabel" : "";
    return "UNWIND $rows AS row MERGE (n" + keyLabelPart() + " {" + key + ": row.id}) "
        + "SET n = row.props "
        + "WITH n, row, [l IN labels(n) WHERE NOT l IN row.labels" + keep + "] AS stale "
        + "REMOVE n:$(stale) SET n:$(row.labels)";
  }

  /** Creates the rows of {@code $rows} whose identity is absent; existing nodes are left alone. */
  public String insertNodes() {
    String key = escape(nodeKey.orElseThrow());
    return "UNWIND $rows AS row MERGE (n" + keyLabelPart() + " {" + key + ": row.id}) "
        + "ON CREATE SET n = row.props, n:$(row.labels)";
  }

  /** Detach-deletes the nodes whose identities are in {@code $ids}. */
  public String deleteNodes() {
    return matchNodesIn("n") + " DETACH DELETE n";
  }

  // ---------------------------------------------------------------------------- relationship writes

  /**
   * Merges the rows of {@code $rows} ({@code {id, start, end, props}}, {@code props} holding the identity
   * property too) as relationships of one type
   * between their endpoints, replacing all properties; returns the ids written (a row whose endpoint is
   * missing returns nothing).
   */
  public String upsertRelationships(String type) {
    String key = escape(relationshipKey.orElseThrow());
    return "UNWIND $rows AS row " + matchNode("a", "row.start") + " " + matchNode("b", "row.end") + " "
        + "MERGE (a)-[r:" + escape(type) + " {" + key + ": row.id}]->(b) "
        + "SET r = row.props RETURN row.id AS id";
  }

  /** As {@link #upsertRelationships(String)}, but sets properties only on the relationships it creates. */
  public String insertRelationships(String type) {
    String key = escape(relationshipKey.orElseThrow());
    return "UNWIND $rows AS row " + matchNode("a", "row.start") + " " + matchNode("b", "row.end") + " "
        + "MERGE (a)-[r:" + escape(type) + " {" + key + ": row.id}]->(b) "
        + "ON CREATE SET r = row.props RETURN row.id AS id";
  }

  /** Deletes the relationships whose element ids are in {@code $eids}. */
  public String deleteRelationshipsByElementId() {
    return "MATCH ()-[r]->() WHERE elementId(r) IN $eids DELETE r";
  }

  // ------------------------------------------------------------------------------------ node reads

  /** The nodes whose identities are in {@code $ids}. */
  public String nodesByIds() {
    return matchNodesIn("n") + " RETURN id(n) AS iid, n AS node";
  }

  /** The identities among {@code $ids} that belong to existing nodes. */
  public String existingNodeIds() {
    return matchNodesIn("n") + " RETURN " + nodeId("n") + " AS id";
  }

  /** The degree of each node in {@code $ids}; a self-loop counts once. */
  public String degrees() {
    return matchNodesIn("n") + " RETURN " + nodeId("n") + " AS id, COUNT { (n)--() } AS degree";
  }

  /**
   * The number of nodes, or of one label's nodes, from the count store; the total leaves the bookkeeping
   * nodes out (their labels' counts subtracted, each a count-store lookup as well).
   */
  public String countNodes(Optional<String> label) {
    if (label.isPresent()) {
      return "MATCH (n:" + escape(label.get()) + ") RETURN count(n) AS count";
    }
    StringJoiner union = new StringJoiner(" UNION ALL ", "CALL () { ", " } RETURN sum(c) AS count");
    union.add("MATCH (n) RETURN count(n) AS c");
    for (String hidden : BOOKKEEPING_LABELS) {
      union.add("MATCH (n:" + escape(hidden) + ") RETURN -count(n) AS c");
    }
    return union.toString();
  }

  /** The count-store count of each label, one row each ({@code label}, {@code count}). */
  public String countNodesByLabel(List<String> labels) {
    StringJoiner union = new StringJoiner(" UNION ALL ", "CALL () { ", " } RETURN label, count");
    for (int i = 0; i < labels.size(); i++) {
      union.add("MATCH (n:" + escape(labels.get(i)) + ") RETURN $labels[" + i + "] AS label, count(n) AS count");
    }
    return union.toString();
  }

  /** The number of relationships, or of one type's, from the count store. */
  public String countRelationships(Optional<String> type) {
    return "MATCH ()-[r" + type.map(t -> ":" + escape(t)).orElse("") + "]->() RETURN count(r) AS count";
  }

  /** The count-store count of each type, one row each ({@code type}, {@code count}). */
  public String countRelationshipsByType(List<String> types) {
    StringJoiner union = new StringJoiner(" UNION ALL ", "CALL () { ", " } RETURN type, count");
    for (int i = 0; i < types.size(); i++) {
      union.add("MATCH ()-[r:" + escape(types.get(i)) + "]->() RETURN $types[" + i + "] AS type, count(r) AS count");
    }
    return union.toString();
  }

  // ---------------------------------------------------------------------------- relationship reads

  /**
   * The relationships whose identities are in {@code $ids}, searched in the given types through each
   * type's identity index (one index seek per id and type), with their endpoint identities and element ids.
   */
  public String relationshipsByIds(List<String> types) {
    if (relationshipKey.isEmpty()) {
      return "MATCH (a)-[r]->(b) WHERE elementId(r) IN $ids RETURN elementId(r) AS eid, " + relationshipIdColumns();
    }
    String key = escape(relationshipKey.get());
    StringJoiner union = new StringJoiner(" UNION ALL ", "UNWIND $ids AS id CALL (id) { ", " } ");
    for (String type : types) {
      union.add("MATCH (a)-[r:" + escape(type) + "]->(b) WHERE r." + key + " = id RETURN a, r, b");
    }
    return union + "RETURN elementId(r) AS eid, " + relationshipIdColumns();
  }

  // ------------------------------------------------------------------------------------------ scans

  /**
   * The lowest and highest internal ids of the nodes (of a label), where a scan starts and its fixed upper
   * bound; nulls when there are none. One pass over ids, no properties.
   */
  public String nodeBounds(Optional<String> label) {
    return "MATCH (n" + label.map(l -> ":" + escape(l)).orElse("") + ") RETURN min(id(n)) AS low, max(id(n)) AS bound";
  }

  /** The lowest and highest internal ids of the relationships (of a type); nulls when none. */
  public String relationshipBounds(Optional<String> type) {
    return "MATCH ()-[r" + type.map(t -> ":" + escape(t)).orElse("")
        + "]->() RETURN min(id(r)) AS low, max(id(r)) AS bound";
  }

  /**
   * One page of a node scan: the nodes whose internal ids lie in {@code [$from, $to]}, sought directly by
   * id (a {@code NodeByIdSeek} over the window, so the cost does not depend on where the window lies),
   * then filtered by label, in id order, at most {@code $limit}.
   */
  public String scanNodes(Optional<String> label) {
    String visible = label.isPresent() ? "" : "AND " + notBookkeeping("n") + " ";
    return "MATCH (n" + label.map(l -> ":" + escape(l)).orElse("") + ") WHERE id(n) IN range($from, $to) "
        + visible + "WITH n ORDER BY id(n) LIMIT $limit RETURN id(n) AS iid, n AS node";
  }

  /** One page of a relationship scan over the internal-id window {@code [$from, $to]}, as {@link #scanNodes}. */
  public String scanRelationships(Optional<String> type) {
    return "MATCH (a)-[r" + type.map(t -> ":" + escape(t)).orElse("") + "]->(b) WHERE id(r) IN range($from, $to) "
        + "WITH a, r, b ORDER BY id(r) LIMIT $limit RETURN " + relationshipIdColumns();
  }

  /** The nodes whose internal ids are in {@code $iids} (a sample's candidates). */
  public String nodesByInternalIds() {
    return "MATCH (n) WHERE id(n) IN $iids AND " + notBookkeeping("n") + " RETURN id(n) AS iid, n AS node";
  }

  // ------------------------------------------------------------------------------ schema migrations

  /** Every constraint: {@code name, type, entityType, labelsOrTypes, properties}. */
  public static String showConstraints() {
    return "SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties";
  }

  /** Every index: {@code name, type, entityType, labelsOrTypes, properties, owningConstraint, options}. */
  public static String showIndexes() {
    return "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, owningConstraint, options";
  }

  /**
   * Creates a schema element if absent ({@code IF NOT EXISTS}), named after its migration name, the label or
   * type and the property keys escaped; an element with options passes them as the parameter {@code
   * $indexConfig} ({@code OPTIONS {indexConfig: $indexConfig}}).
   */
  public static String createSchemaElement(SchemaElement element) {
    String var = element.entity() == SchemaElement.Entity.NODE ? "n" : "r";
    String pattern = element.entity() == SchemaElement.Entity.NODE
        ? "(n:" + escape(element.labelOrType()) + ")"
        : "()-[r:" + escape(element.labelOrType()) + "]-()";
    StringJoiner properties = new StringJoiner(", ", "(", ")");
    for (String property : element.properties()) {
      properties.add(var + "." + escape(property));
    }
    String what = switch (element.kind()) {
      case UNIQUENESS_CONSTRAINT -> "CONSTRAINT";
      case INDEX -> "INDEX";
      case TEXT_INDEX -> "TEXT INDEX";
      case POINT_INDEX -> "POINT INDEX";
      case VECTOR_INDEX -> "VECTOR INDEX";
    };
    String head = "CREATE " + what + " " + escape(element.migrationName()) + " IF NOT EXISTS FOR " + pattern;
    String body = element.kind() == SchemaElement.Kind.UNIQUENESS_CONSTRAINT
        ? " REQUIRE " + properties + " IS UNIQUE"
        : " ON " + properties;
    return head + body + (element.options().isEmpty() ? "" : " OPTIONS {indexConfig: $indexConfig}");
  }

  /**
   * Takes the migration lock if nobody holds it: {@code MERGE} on the lock node, atomic under the
   * uniqueness constraint on {@code lock}; returns the holder ({@code owner}, {@code since}) and whether it is
   * this caller ({@code acquired}, its {@code $token} stored).
   */
  public static String acquireMigrationLock() {
    return "MERGE (l:" + escape(SchemaStore.LOCK_LABEL) + " {lock: $lock}) "
        + "ON CREATE SET l.owner = $owner, l.since = $since, l.token = $token "
        + "RETURN l.owner AS owner, l.since AS since, l.token = $token AS acquired";
  }

  /** Releases the migration lock if this owner, with this token, still holds it. */
  public static String releaseMigrationLock() {
    return "MATCH (l:" + escape(SchemaStore.LOCK_LABEL) + " {lock: $lock}) "
        + "WHERE l.owner = $owner AND l.token = $token DELETE l";
  }

  /** Removes the migration lock whoever holds it. */
  public static String breakMigrationLock() {
    return "MATCH (l:" + escape(SchemaStore.LOCK_LABEL) + ") DELETE l";
  }

  /**
   * Records an applied migration ({@code $name}, {@code $description}, {@code $appliedAt}, {@code
   * $appliedBy}) with the next sequence number, so that the log keeps the order of application.
   */
  public static String recordMigration() {
    String label = escape(SchemaStore.MIGRATION_LABEL);
    return "OPTIONAL MATCH (x:" + label + ") WITH coalesce(max(x.seq), 0) + 1 AS seq "
        + "MERGE (m:" + label + " {name: $name}) "
        + "SET m.description = $description, m.appliedAt = $appliedAt, m.appliedBy = $appliedBy, m.seq = seq";
  }

  /** The applied migrations in the order they were applied. */
  public static String appliedMigrations() {
    return "MATCH (m:" + escape(SchemaStore.MIGRATION_LABEL) + ") RETURN m.name AS name, "
        + "m.description AS description, m.appliedAt AS appliedAt, m.appliedBy AS appliedBy "
        + "ORDER BY m.seq, m.appliedAt, m.name";
  }
}
