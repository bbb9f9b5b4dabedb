package dev.graphshift;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A property-graph database as GraphShift sees it: the SPI every adapter (Neo4j, Neptune, Engram,
 * in-memory) and every coordinator implements, so that coordinators compose like decorators.
 *
 * <p><b>Batch-first.</b> Writes take lists and answer a {@link WriteResult}: records that break a rule
 * ({@link RecordRules}, or a rule of the database) come back as {@link Rejected} values with a reason
 * while the rest of the batch is written, so written + skipped + rejected always equals the input.
 * Single-record forms are default methods over the batch forms.
 *
 * <p><b>What implementors must guarantee.</b>
 *
 * <ul>
 *   <li><b>Safe for concurrent calls</b> from any number of threads. Concurrency comes from the
 *       callers' injected executors; an implementation does not start threads of its own unless its
 *       javadoc says so.
 *   <li><b>Idempotent writes.</b> Upserting the same record twice leaves the same state as once
 *       ({@link WriteMode#UPSERT} replaces labels and all properties, so no value accumulates);
 *       deleting an absent id succeeds. This is what makes retries and dead-letter replays safe.
 *   <li><b>Identity kept.</b> A record is found again under the id it was written with; parallel
 *       relationships of one type between the same nodes stay distinct by id.
 *   <li><b>Bounded waits.</b> Every call returns or throws within the timeouts the implementation was
 *       configured with.
 *   <li><b>Keyset scans.</b> {@link #scanNodes(ScanRequest)} and {@link #scanRelationships(ScanRequest)}
 *       cost the same per page wherever the page lies (never SKIP/OFFSET), and return every record
 *       that exists for the whole scan exactly once, even while writes happen.
 *   <li><b>Honest capabilities.</b> What the database cannot do is declared in {@link
 *       #capabilities()}; records it cannot store are rejected with {@link Rules#UNSUPPORTED_CAPABILITY},
 *       never dropped.
 *   <li><b>Failures translated.</b> A failure of the database is a {@link GraphShiftException}; one
 *       that may pass is {@link Retryable}.
 * </ul>
 *
 * <p>Thread-safe.
 */
public interface GraphDatabase extends AutoCloseable {

  /** The name of this database instance, carried by its events, logs, metrics and exceptions. */
  String name();

  /** What this database can do. */
  Capabilities capabilities();

  // ---------------------------------------------------------------- writes

  /**
   * Writes nodes. Under {@link WriteMode#UPSERT} a node replaces any node with its id (labels and all
   * properties); under {@link WriteMode#INSERT_IF_ABSENT} an existing node is left alone and counted
   * as skipped.
   */
  WriteResult upsertNodes(List<Node> nodes, WriteMode mode);

  /** Upserts nodes. */
  default WriteResult upsertNodes(List<Node> nodes) {
    return upsertNodes(nodes, WriteMode.UPSERT);
  }

  /** Upserts one node. */
  default WriteResult upsertNode(Node node) {
    return upsertNodes(List.of(node), WriteMode.UPSERT);
  }

  /**
   * Writes relationships; both endpoints must exist, otherwise the relationship is rejected with
   * {@link Rules#DANGLING_ENDPOINT}. The modes are as for {@link #upsertNodes(List, WriteMode)}.
   */
  WriteResult upsertRelationships(List<Relationship> relationships, WriteMode mode);

  /** Upserts relationships. */
  default WriteResult upsertRelationships(List<Relationship> relationships) {
    return upsertRelationships(relationships, WriteMode.UPSERT);
  }

  /** Upserts one relationship. */
  default WriteResult upsertRelationship(Relationship relationship) {
    return upsertRelationships(List.of(relationship), WriteMode.UPSERT);
  }

  /**
   * Deletes nodes by id together with their relationships (a detach delete). Absent ids are not an
   * error. Without {@link Capabilities#nodeDeletes()}, the result rejects every id with {@link
   * Rules#UNSUPPORTED_CAPABILITY}.
   */
  WriteResult deleteNodes(Collection<String> ids);

  /** Deletes one node and its relationships. */
  default WriteResult deleteNode(String id) {
    return deleteNodes(List.of(id));
  }

  /** Deletes relationships by id. Absent ids are not an error. */
  WriteResult deleteRelationships(Collection<String> ids);

  /** Deletes one relationship. */
  default WriteResult deleteRelationship(String id) {
    return deleteRelationships(List.of(id));
  }

  // ---------------------------------------------------------------- reads

  /** The node with this id, if any. */
  Optional<Node> getNode(String id);

  /**
   * The nodes with these ids that exist, keyed by id, in the order of the ids given. Implementations
   * answer in one round trip; the default asks one id at a time.
   */
  default Map<String, Node> getNodes(Collection<String> ids) {
    Map<String, Node> found = new LinkedHashMap<>();
    for (String id : ids) {
      getNode(id).ifPresent(n -> found.put(id, n));
    }
    return found;
  }

  /** The relationship with this id, if any. */
  Optional<Relationship> getRelationship(String id);

  /** The relationships with these ids that exist, keyed by id. The default asks one id at a time. */
  default Map<String, Relationship> getRelationships(Collection<String> ids) {
    Map<String, Relationship> found = new LinkedHashMap<>();
    for (String id : ids) {
      getRelationship(id).ifPresent(r -> found.put(id, r));
    }
    return found;
  }

  /** The number of nodes. */
  long countNodes();

  /** The number of nodes carrying a label. */
  long countNodes(String label);

  /** The number of nodes per label (a node with two labels counts under both). */
  Map<String, Long> countNodesByLabel();

  /** The number of relationships. */
  long countRelationships();

  /** The number of relationships of a type. */
  long countRelationships(String type);

  /** The number of relationships per type. */
  Map<String, Long> countRelationshipsByType();

  /**
   * The number of relationships attached to a node, in either direction; a self-loop counts once. Zero
   * for an absent node.
   */
  long degree(String nodeId);

  /** The degrees of several nodes, in one round trip where the database allows; the default asks one at a time. */
  default Map<String, Long> degrees(Collection<String> nodeIds) {
    Map<String, Long> degrees = new LinkedHashMap<>();
    for (String id : nodeIds) {
      degrees.put(id, degree(id));
    }
    return degrees;
  }

  /** One page of a keyset scan of nodes, optionally of one label. */
  ScanPage<Node> scanNodes(ScanRequest request);

  /** One page of a keyset scan of relationships, optionally of one type. */
  ScanPage<Relationship> scanRelationships(ScanRequest request);

  /**
   * Splits a node scan into about {@code parts} disjoint ranges that together cover it, for parallel
   * partitions. The default does not split.
   */
  default List<ScanRequest> splitNodeScan(ScanRequest whole, int parts) {
    return List.of(whole);
  }

  /** Splits a relationship scan into disjoint ranges, as {@link #splitNodeScan(ScanRequest, int)}. */
  default List<ScanRequest> splitRelationshipScan(ScanRequest whole, int parts) {
    return List.of(whole);
  }

  /**
   * About {@code n} nodes chosen at random (fewer if the database holds fewer), the same ones for the
   * same seed and the same data.
   */
  List<Node> sampleNodes(int n, long seed);

  /**
   * Answers a named application read in the database's native way (a Cypher statement, a Gremlin
   * traversal, an Engram recall, a function) and returns the normalized shape.
   *
   * @throws UnknownQueryException if no answer is registered under the name
   */
  QueryResult query(String name, Map<String, Object> parameters);

  /** The names of the reads {@link #query(String, Map)} answers. */
  Set<String> queryNames();

  /** Releases what this database holds (connections, threads); idempotent. */
  @Override
  void close();

  // ---------------------------------------------------------------- helpers for implementors

  /**
   * Rejects every record of a batch with {@link Rules#UNSUPPORTED_CAPABILITY}, for databases that
   * cannot store them.
   */
  static WriteResult rejectAll(List<? extends GraphRecord> records, String message) {
    List<Rejected> rejected = new ArrayList<>(records.size());
    for (GraphRecord r : records) {
      rejected.add(new Rejected(r, Rules.UNSUPPORTED_CAPABILITY, message));
    }
    return new WriteResult(0, 0, rejected);
  }

  /**
   * Rejects every id of a delete with {@link Rules#UNSUPPORTED_CAPABILITY}; each rejected record is a
   * node (or relationship) that holds only the id.
   */
  static WriteResult rejectDeletes(Collection<String> ids, boolean nodes, String message) {
    List<Rejected> rejected = new ArrayList<>(ids.size());
    for (String id : ids) {
      GraphRecord stub = nodes ? new Node(id, Set.of(), Map.of()) : new Relationship(id, "", "", "", Map.of());
      rejected.add(new Rejected(stub, Rules.UNSUPPORTED_CAPABILITY, message));
    }
    return new WriteResult(0, 0, rejected);
  }
}
